package dev.styxy.config;

import static dev.styxy.config.Require.require;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * RecoverySupervisor settings ({@code styxy.recovery}). The restart backoff itself is the
 * registry's ({@code styxy.registry.restart-min-backoff} and {@code restart-max-backoff}).
 *
 * @param stashCapacity commands kept for the registry while it waits to restart after a crash;
 *     beyond that they are dropped and their clients get 503 when the ask times out
 * @param maxRestarts restarts (crashes and journal failures) within {@code restartWindow} after
 *     which the daemon reports {@code DEGRADED}
 * @param restartWindow the window in which restarts are counted
 * @param reconcile run the reconciliation pass after every replay
 */
public record RecoverySettings(
    int stashCapacity,
    int maxRestarts,
    Duration restartWindow,
    boolean reconcile) {

  public RecoverySettings {
    require(stashCapacity >= 1, "styxy.recovery.stash-capacity", "must be >= 1", stashCapacity);
    require(maxRestarts >= 1, "styxy.recovery.max-restarts", "must be >= 1", maxRestarts);
    require(restartWindow != null && !restartWindow.isNegative() && !restartWindow.isZero(),
        "styxy.recovery.restart-window", "must be > 0", restartWindow);
  }

  /** The defaults of {@code reference.conf}: 1000 stashed, DEGRADED at 3 restarts in 1 min. */
  public static RecoverySettings defaults() {
    return new RecoverySettings(1000, 3, Duration.ofMinutes(1), true);
  }

  /** Reads keys under {@code prefix} of {@code c}, so config errors name the full key. */
  static RecoverySettings read(Config c, String prefix) {
    return new RecoverySettings(c.getInt(prefix + "stash-capacity"),
        c.getInt(prefix + "max-restarts"), c.getDuration(prefix + "restart-window"),
        c.getBoolean(prefix + "reconcile"));
  }
}
