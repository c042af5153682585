package dev.styxy.config;

/**
 * The original's {@code recovery.health_monitoring} block from the user's {@code config.json}. Each
 * field is {@code null} when the file does not set it; set fields override the daemon's
 * {@code styxy.health} settings one by one (see {@link HealthSettings#withOverrides}), so giving
 * only {@code enabled} keeps the default interval, unlike the original's shallow merge.
 *
 * @param enabled run health watchers at all
 * @param checkIntervalMs milliseconds between two probes of one allocation
 * @param maxFailures consecutive failed probes before an allocation is released
 * @param cleanupStaleAllocations release allocations that fail their probes (else only report)
 */
public record HealthMonitoring(Boolean enabled, Integer checkIntervalMs, Integer maxFailures,
    Boolean cleanupStaleAllocations) {

  /** Nothing set: the HOCON settings apply unchanged. */
  public static final HealthMonitoring NONE = new HealthMonitoring(null, null, null, null);
}
