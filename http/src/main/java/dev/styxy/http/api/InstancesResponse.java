package dev.styxy.http.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Reply to {@code GET /instance/list}: {@code {"instances":[…]}}, ordered by instance id. */
public record InstancesResponse(@JsonProperty("instances") List<InstanceRecord> instances) {
  public InstancesResponse {
    instances = List.copyOf(instances);
  }
}
