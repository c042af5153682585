package dev.styxy.config;

import static dev.styxy.config.Require.require;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * PortRegistry settings ({@code styxy.registry}).
 *
 * @param snapshotEvery take a snapshot every this many journaled events
 * @param keepSnapshots how many snapshots to keep
 * @param restartMinBackoff first delay before restarting the registry after a journal failure
 * @param restartMaxBackoff the longest such delay
 * @param maxBatchSize most commands decided per journal write
 * @param maxPending commands queued behind an in-flight write before new ones are refused (503)
 * @param checkIpv6 also bind-test {@code ::1} and {@code ::} when the host has IPv6
 */
public record RegistrySettings(
    int snapshotEvery,
    int keepSnapshots,
    Duration restartMinBackoff,
    Duration restartMaxBackoff,
    int maxBatchSize,
    int maxPending,
    boolean checkIpv6) {

  public RegistrySettings {
    require(snapshotEvery >= 1, "styxy.registry.snapshot-every", "must be >= 1", snapshotEvery);
    require(keepSnapshots >= 1, "styxy.registry.keep-snapshots", "must be >= 1", keepSnapshots);
    require(!restartMinBackoff.isNegative() && !restartMinBackoff.isZero(),
        "styxy.registry.restart-min-backoff", "must be > 0", restartMinBackoff);
    require(restartMaxBackoff.compareTo(restartMinBackoff) >= 0,
        "styxy.registry.restart-max-backoff", "must be >= restart-min-backoff", restartMaxBackoff);
    require(maxBatchSize >= 1, "styxy.registry.max-batch-size", "must be >= 1", maxBatchSize);
    require(maxPending >= 1, "styxy.registry.max-pending", "must be >= 1", maxPending);
  }

  /** Reads the {@code styxy.registry} section itself; see {@link StyxySettings#fromConfig}. */
  public static RegistrySettings fromConfig(Config c) {
    return read(c, "");
  }

  /** Reads keys under {@code prefix} of {@code c}, so config errors name the full key. */
  static RegistrySettings read(Config c, String prefix) {
    return new RegistrySettings(c.getInt(prefix + "snapshot-every"),
        c.getInt(prefix + "keep-snapshots"), c.getDuration(prefix + "restart-min-backoff"),
        c.getDuration(prefix + "restart-max-backoff"), c.getInt(prefix + "max-batch-size"),
        c.getInt(prefix + "max-pending"), c.getBoolean(prefix + "check-ipv6"));
  }
}
