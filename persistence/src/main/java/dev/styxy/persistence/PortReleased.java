package dev.styxy.persistence;

import java.time.Instant;

/**
 * An allocation ended.
 *
 * @param reason why: {@code released} (the client asked), or one of the constants below
 */
public record PortReleased(
    AllocationId id,
    int port,
    String serviceType,
    Instant at,
    String requestId,
    String reason,
    String actor) implements RegistryEvent {

  /** The client released it. */
  public static final String RELEASED = "released";
  /** Its owner PID exited, or the PID now belongs to another process (start time differs). */
  public static final String OWNER_EXITED = "owner_exited";
  /** Its port, once seen listening, stayed unbound for {@code max-failures} probes. */
  public static final String PORT_ABANDONED = "port_abandoned";
  /** Its health URL failed {@code max-failures} probes in a row. */
  public static final String HEALTH_CHECK_FAILED = "health_check_failed";
  /** Its lease ran out without a heartbeat. */
  public static final String LEASE_EXPIRED = "lease_expired";
  /** Its agent instance deregistered, exited or stopped sending heartbeats. */
  public static final String INSTANCE_GONE = "instance_gone";
  /** {@code POST /cleanup} with {@code force}. */
  public static final String FORCED_CLEANUP = "forced_cleanup";
  /** Found after replay with its owner PID gone or reused ({@link Reconciliation}). */
  public static final String ORPHANED = "orphaned";
  /** Found after replay as a second live allocation of a single-instance type. */
  public static final String DUPLICATE_SINGLETON = "duplicate_singleton";
}
