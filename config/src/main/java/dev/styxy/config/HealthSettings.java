package dev.styxy.config;

import static dev.styxy.config.Require.require;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * Health watching, leases and instance staleness ({@code styxy.health}). The first four keys can
 * also be set in {@code config.json} under the original's {@code recovery.health_monitoring}
 * names, which take precedence (see {@link #withOverrides}).
 *
 * @param enabled run one health watcher per live allocation
 * @param checkInterval time between two probes of one allocation
 * @param maxFailures consecutive failed probes before the allocation is released
 * @param cleanupStaleAllocations release allocations whose probes fail; when false, failures are
 *     only reported (state {@code UNHEALTHY}, log line, journal event)
 * @param gracePeriod after allocation, a port not yet listening or a failing health URL does not
 *     count as a failure for this long
 * @param probeTimeout longest wait for a health URL answer
 * @param jitter each probe interval is varied by up to this fraction, so that many watchers do not
 *     fire together
 * @param sweepInterval how often expired leases and stale instances are looked for
 * @param instanceStaleAfter an instance without a heartbeat for this long is removed with its
 *     allocations; zero never removes instances for silence (their PID is still watched)
 * @param maxLeaseTtl the longest {@code lease_ttl_s} a client may ask for
 */
public record HealthSettings(
    boolean enabled,
    Duration checkInterval,
    int maxFailures,
    boolean cleanupStaleAllocations,
    Duration gracePeriod,
    Duration probeTimeout,
    double jitter,
    Duration sweepInterval,
    Duration instanceStaleAfter,
    Duration maxLeaseTtl) {

  public HealthSettings {
    require(checkInterval.compareTo(Duration.ofMillis(10)) >= 0, "styxy.health.check-interval",
        "must be >= 10ms", checkInterval);
    require(maxFailures >= 1, "styxy.health.max-failures", "must be >= 1", maxFailures);
    require(!gracePeriod.isNegative(), "styxy.health.grace-period", "must be >= 0", gracePeriod);
    require(probeTimeout.compareTo(Duration.ofMillis(10)) >= 0, "styxy.health.probe-timeout",
        "must be >= 10ms", probeTimeout);
    require(jitter >= 0 && jitter <= 0.5, "styxy.health.jitter", "must be within 0..0.5", jitter);
    require(sweepInterval.compareTo(Duration.ofMillis(10)) >= 0, "styxy.health.sweep-interval",
        "must be >= 10ms", sweepInterval);
    require(!instanceStaleAfter.isNegative(), "styxy.health.instance-stale-after",
        "must be >= 0", instanceStaleAfter);
    require(maxLeaseTtl.toSeconds() >= 1, "styxy.health.max-lease-ttl", "must be >= 1s",
        maxLeaseTtl);
  }

  /** Reads the {@code styxy.health} section itself. */
  public static HealthSettings fromConfig(Config c) {
    return read(c, "");
  }

  /** Reads keys under {@code prefix} of {@code c}, so config errors name the full key. */
  static HealthSettings read(Config c, String prefix) {
    return new HealthSettings(c.getBoolean(prefix + "enabled"),
        c.getDuration(prefix + "check-interval"), c.getInt(prefix + "max-failures"),
        c.getBoolean(prefix + "cleanup-stale-allocations"),
        c.getDuration(prefix + "grace-period"), c.getDuration(prefix + "probe-timeout"),
        c.getDouble(prefix + "jitter"), c.getDuration(prefix + "sweep-interval"),
        c.getDuration(prefix + "instance-stale-after"), c.getDuration(prefix + "max-lease-ttl"));
  }

  /** These settings with every key that {@code file} sets replaced by the file's value. */
  public HealthSettings withOverrides(HealthMonitoring file) {
    return new HealthSettings(
        file.enabled() != null ? file.enabled() : enabled,
        file.checkIntervalMs() != null ? Duration.ofMillis(file.checkIntervalMs()) : checkInterval,
        file.maxFailures() != null ? file.maxFailures() : maxFailures,
        file.cleanupStaleAllocations() != null ? file.cleanupStaleAllocations()
            : cleanupStaleAllocations,
        gracePeriod, probeTimeout, jitter, sweepInterval, instanceStaleAfter, maxLeaseTtl);
  }
}
