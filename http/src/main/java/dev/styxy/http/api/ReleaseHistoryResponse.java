package dev.styxy.http.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Reply to {@code GET /allocations/history}: the latest releases, newest first (at most 100), so
 * a client can see where a port went and why. Kept apart from {@code GET /allocations}, whose
 * shape the original's scripts parse.
 */
public record ReleaseHistoryResponse(
    @JsonProperty("recently_released") List<ReleasedRecord> recentlyReleased) {

  public ReleaseHistoryResponse {
    recentlyReleased = List.copyOf(recentlyReleased);
  }
}
