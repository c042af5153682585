package dev.styxy.http.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One entry of {@code GET /instance/list}, in the original's key order plus {@code pid}.
 *
 * @param lastHeartbeat the last heartbeat since the daemon started, else the registration time
 * @param activeAllocations lock ids of the instance's live allocations, ordered by port
 * @param metadata the object given at registration, {@code {}} when none was given
 */
public record InstanceRecord(
    @JsonProperty("instance_id") String instanceId,
    @JsonProperty("working_directory") String workingDirectory,
    @JsonProperty("registered_at") String registeredAt,
    @JsonProperty("last_heartbeat") String lastHeartbeat,
    @JsonProperty("active_allocations") List<String> activeAllocations,
    @JsonProperty("metadata") JsonNode metadata,
    @JsonProperty("pid") Long pid) {

  public InstanceRecord {
    activeAllocations = List.copyOf(activeAllocations);
  }
}
