package dev.styxy.http.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reply to {@code GET /config}: the merged service types, in catalog order. */
public record ConfigResponse(
    @JsonProperty("service_types") Map<String, ServiceTypeView> serviceTypes) {

  public ConfigResponse {
    serviceTypes = Collections.unmodifiableMap(new LinkedHashMap<>(serviceTypes));
  }
}
