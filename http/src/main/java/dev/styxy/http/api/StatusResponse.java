package dev.styxy.http.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * Reply to {@code GET /status}, the unauthenticated liveness probe clients grep for
 * {@code "status":"running"}.
 *
 * @param uptime seconds since the daemon's JVM started
 * @param allocations live allocations, or null while the registry is still replaying its journal
 * @param instances registered agent instances
 * @param state {@code READY}, {@code RECOVERING} or {@code DEGRADED}
 * @param portConflictsDetected candidate ports found held by outside processes while allocating,
 *     by service type, since the daemon started; null while the registry replays
 */
public record StatusResponse(
    @JsonProperty("status") String status,
    @JsonProperty("uptime") double uptime,
    @JsonProperty("allocations") Integer allocations,
    @JsonProperty("instances") int instances,
    @JsonProperty("state") String state,
    @JsonProperty("version") String version,
    @JsonProperty("memory") Memory memory,
    @JsonProperty("port_conflicts_detected") Map<String, Long> portConflictsDetected) {

  /**
   * Memory use of the daemon process, in bytes.
   *
   * @param rss resident set size from {@code /proc/self/status}, null where that is unavailable
   * @param heapUsed Java heap in use
   * @param heapTotal Java heap currently reserved
   */
  public record Memory(
      @JsonProperty("rss") Long rss,
      @JsonProperty("heap_used") long heapUsed,
      @JsonProperty("heap_total") long heapTotal) {}
}
