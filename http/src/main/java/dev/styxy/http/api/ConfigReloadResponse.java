package dev.styxy.http.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Reply to {@code POST /config/reload}: the reloaded file is in use.
 *
 * @param types how many service types the new configuration has (auto-allocated ones aside)
 * @param warnings what start-up would only warn about, e.g. overlapping ranges
 */
public record ConfigReloadResponse(
    @JsonProperty("success") boolean success,
    @JsonProperty("types") int types,
    @JsonProperty("message") String message,
    @JsonProperty("warnings") List<String> warnings) {

  public ConfigReloadResponse {
    warnings = List.copyOf(warnings);
  }
}
