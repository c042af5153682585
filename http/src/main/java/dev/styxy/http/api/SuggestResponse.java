package dev.styxy.http.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Reply to {@code GET /suggest/{serviceType}}: ports a request would get now; nothing reserved.
 *
 * @param count how many ports were found (at most the requested count)
 */
public record SuggestResponse(
    @JsonProperty("service_type") String serviceType,
    @JsonProperty("suggestions") List<Integer> suggestions,
    @JsonProperty("count") int count,
    @JsonProperty("message") String message) {

  public SuggestResponse {
    suggestions = List.copyOf(suggestions);
  }
}
