package dev.styxy.http.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Reply to {@code GET /config/validate} (new): whether the merged configuration is sound, and
 * every problem found, one line each naming the file (or {@code journal}) and the key.
 */
public record ConfigValidationResponse(
    @JsonProperty("valid") boolean valid,
    @JsonProperty("problems") List<String> problems) {

  public ConfigValidationResponse {
    problems = List.copyOf(problems);
  }
}
