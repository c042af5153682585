package dev.styxy.http.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Reply to {@code GET /audit}: journaled events, newest first.
 *
 * @param next pass it as {@code before} to get the next (older) page; {@code null} at the end
 */
public record AuditResponse(
    @JsonProperty("events") List<AuditEventView> events,
    @JsonProperty("next") Long next) {

  public AuditResponse {
    events = List.copyOf(events);
  }
}
