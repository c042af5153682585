package dev.styxy.config;

import static dev.styxy.config.Require.require;

import com.typesafe.config.Config;

/**
 * Free space thresholds of the home folder's file system ({@code styxy.disk}), which holds the
 * journal: {@code GET /health} reports its {@code disk} component as {@code warn} below
 * {@code warnBelowFreeBytes} and {@code fail} (answered 503) below {@code failBelowFreeBytes}.
 *
 * @param warnBelowFreeBytes free bytes below which the disk is reported {@code warn}
 * @param failBelowFreeBytes free bytes below which it is reported {@code fail}; at most the first
 */
public record DiskSettings(long warnBelowFreeBytes, long failBelowFreeBytes) {

  public DiskSettings {
    require(failBelowFreeBytes >= 0, "styxy.disk.fail-below-free", "must be >= 0",
        failBelowFreeBytes);
    require(warnBelowFreeBytes >= failBelowFreeBytes, "styxy.disk.warn-below-free",
        "must be >= styxy.disk.fail-below-free (" + failBelowFreeBytes + ")",
        warnBelowFreeBytes);
  }

  /** The defaults of {@code reference.conf}: warn below 1 GiB, fail below 100 MiB. */
  public static DiskSettings defaults() {
    return new DiskSettings(1L << 30, 100L << 20);
  }

  /** Reads keys under {@code prefix} of {@code c}, so config errors name the full key. */
  static DiskSettings read(Config c, String prefix) {
    return new DiskSettings(c.getBytes(prefix + "warn-below-free"),
        c.getBytes(prefix + "fail-below-free"));
  }
}
