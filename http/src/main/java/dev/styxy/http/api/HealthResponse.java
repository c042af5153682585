package dev.styxy.http.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Reply to {@code GET /health}: 200 when {@code state} is {@code READY} and no component fails,
 * 503 (with {@code Retry-After}) otherwise, the same shape either way. The top-level keys
 * {@code status}, {@code timestamp}, {@code uptime} and {@code version} are the original's.
 *
 * @param status {@code healthy} (READY, every component fine), {@code warning} (READY, a
 *     component warns, e.g. little disk space), {@code recovering} or {@code degraded}
 * @param state {@code READY}, {@code RECOVERING} or {@code DEGRADED}
 * @param detail one sentence saying why
 * @param notice why the daemon started without its journal, until acknowledged with
 *     {@code POST /health/ack}; null when there is nothing to acknowledge
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
    @JsonProperty("last_recovery") Recovery lastRecovery,
    @JsonProperty("notice") String notice) {

  /** The parts readiness rests on. */
  public record Components(
      @JsonProperty("registry") Registry registry,
      @JsonProperty("journal") Journal journal,
      @JsonProperty("health_monitor") Monitor healthMonitor,
      @JsonProperty("disk") Disk disk) {}

  /**
   * @param status {@code up}, {@code recovering} (replaying) or {@code down} (restarting)
   * @param restarts restarts since the daemon started; {@code recent_restarts} within the window
   */
  public record Registry(
      @JsonProperty("status") String status,
      @JsonProperty("restarts") int restarts,
      @JsonProperty("recent_restarts") int recentRestarts) {}

  /**
   * @param status {@code up} or {@code failing}; {@code error} names the last failure
   * @param lastWriteOk false from a failed journal write (or replay) until one succeeds
   * @param sizeBytes size of the journal file, null when it has none (in-memory journal)
   */
  public record Journal(
      @JsonProperty("status") String status,
      @JsonProperty("error") String error,
      @JsonProperty("error_at") String errorAt,
      @JsonProperty("last_write_ok") boolean lastWriteOk,
      @JsonProperty("size_bytes") Long sizeBytes) {}

  /**
   * @param status {@code up} while the registry (which runs the watchers) is up, else
   *     {@code down}; {@code disabled} when health watching is off
   * @param enabled {@code styxy.health.enabled} as the daemon started with it
   */
  public record Monitor(
      @JsonProperty("status") String status,
      @JsonProperty("enabled") boolean enabled,
      @JsonProperty("watchers") int watchers) {}

  /**
   * Free space of the file system holding the home folder (and the journal).
   *
   * @param status {@code ok}, {@code warn} (below {@code warn_below_free_bytes}, or unreadable)
   *     or {@code fail} (below {@code fail_below_free_bytes}; answered 503)
   * @param freeBytes bytes the daemon can still write, null when unreadable ({@code error} says
   *     why)
   */
  public record Disk(
      @JsonProperty("status") String status,
      @JsonProperty("path") String path,
      @JsonProperty("free_bytes") Long freeBytes,
      @JsonProperty("total_bytes") Long totalBytes,
      @JsonProperty("warn_below_free_bytes") long warnBelowFreeBytes,
      @JsonProperty("fail_below_free_bytes") long failBelowFreeBytes,
      @JsonProperty("error") String error) {}

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
