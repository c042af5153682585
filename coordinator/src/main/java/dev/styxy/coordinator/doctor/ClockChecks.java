package dev.styxy.coordinator.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Clock sanity. Lease deadlines, stale instances and the release history are absolute times, so a
 * clock that jumps backwards (or a daemon whose clock differs from its clients') ends leases late
 * and orders history wrongly. Two checks: the journal's last write is not in the future of this
 * machine's clock, and the daemon's clock agrees with this one.
 */
final class ClockChecks {
  /** Differences up to this are file-system timestamp granularity and request latency. */
  static final Duration TOLERANCE = Duration.ofSeconds(2);
  static final String FIX = "sudo timedatectl set-ntp true";

  private ClockChecks() {}

  /** Fails when the journal file was last written after {@code now}. */
  static Finding journal(Path journalFile, Instant now) {
    if (!Files.exists(journalFile)) {
      return Finding.ok("clock", "no journal written yet to compare the clock with");
    }
    try {
      Instant written = Files.getLastModifiedTime(journalFile).toInstant();
      return journal(written, now);
    } catch (IOException e) {
      return Finding.warn("clock", "cannot read when " + journalFile + " was last written: "
          + e.getMessage(), null);
    }
  }

  static Finding journal(Instant lastWrite, Instant now) {
    Duration ahead = Duration.between(now, lastWrite);
    if (ahead.compareTo(TOLERANCE) > 0) {
      return Finding.fail("clock", "the clock went backwards: the journal was last written at "
          + lastWrite + ", " + seconds(ahead) + " after this machine's time " + now
          + "; leases and history use absolute times", FIX);
    }
    return Finding.ok("clock", "the journal's last write (" + lastWrite + ") is not in the "
        + "future");
  }

  /**
   * Compares the daemon's time with this machine's, read just before and just after the request
   * that carried it.
   */
  static Finding daemon(Instant daemonTime, Instant before, Instant after) {
    Duration early = Duration.between(daemonTime, before);
    Duration late = Duration.between(after, daemonTime);
    Duration off = early.compareTo(late) > 0 ? early : late;
    if (off.compareTo(TOLERANCE) > 0) {
      return Finding.warn("clock", "the daemon's clock (" + daemonTime + ") differs from this "
          + "machine's by " + seconds(off) + "; its leases end at other times than clients "
          + "expect", FIX);
    }
    return Finding.ok("clock", "the daemon's clock agrees with this machine's");
  }

  private static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }
}
