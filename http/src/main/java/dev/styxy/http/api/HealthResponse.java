package dev.styxy.http.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Reply to {@code GET /health}: 200 when {@code state} is {@code READY}, 503 (with
 * {@code Retry-After}) otherwise, the same shape either way.
 *
 * @param status {@code healthy} (READY), {@code recovering} or {@code degraded}
 * @param state {@code READY}, {@code RECOVERING} or {@code DEGRADED}
 * @param detail one sentence saying why
 * @param lastRecovery the last replay and its reconciliation pass, null before the first
 */
public record HealthResponse(
    @JsonProperty("status") String status,
    @JsonProperty("state") String state,
    @JsonProperty("detail") String detail,
    @JsonProperty("timestamp") String timestamp,
    @JsonProperty("uptime") double uptime,
    @JsonProperty("version") String version,
    @JsonProperty("components") Components components,
    @JsonProperty("last_recovery") Recovery lastRecovery) {

  /** The parts readiness rests on. */
  public record Components(
      @JsonProperty("registry") Registry registry,
      @JsonProperty("journal") Journal journal,
      @JsonProperty("health_monitor") Monitor healthMonitor) {}

  /**
   * @param status {@code up}, {@code recovering} (replaying) or {@code down} (restarting)
   * @param restarts restarts since the daemon started; {@code recent_restarts} within the window
   */
  public record Registry(
      @JsonProperty("status") String status,
      @JsonProperty("restarts") int restarts,
      @JsonProperty("recent_restarts") int recentRestarts) {}

  /** @param status {@code up} or {@code failing}; {@code error} names the last failure */
  public record Journal(
      @JsonProperty("status") String status,
      @JsonProperty("error") String error,
      @JsonProperty("error_at") String errorAt) {}

  /** @param status {@code up} while the registry (which runs the watchers) is up, else down */
  public record Monitor(
      @JsonProperty("status") String status,
      @JsonProperty("watchers") int watchers) {}

  /** Counts of the reconciliation pass after the last replay, and how long both took. */
  public record Recovery(
      @JsonProperty("live_allocations") int live,
      @JsonProperty("checked") int checked,
      @JsonProperty("orphaned") int orphaned,
      @JsonProperty("duplicate_singletons") int duplicates,
      @JsonProperty("foreign_holders") List<Foreign> foreign,
      @JsonProperty("replay_ms") long replayMillis,
      @JsonProperty("reconcile_ms") long reconcileMillis) {}

  /** An allocated port held by a process other than its owner (left allocated). */
  public record Foreign(
      @JsonProperty("port") int port,
      @JsonProperty("lock_id") String lockId,
      @JsonProperty("service_type") String serviceType,
      @JsonProperty("owner_pid") long ownerPid,
      @JsonProperty("holder") String holder) {}
}
