package dev.styxy.actors.health;

import dev.styxy.persistence.StaleAllocations;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Owner checks through {@link ProcessHandle}: a PID is the recorded owner when a process with that
 * PID exists and, when a start time was recorded, started at that same time (so a PID the kernel
 * handed to a new process does not keep an allocation alive). Start times match within two seconds
 * (see {@link #START_TOLERANCE}).
 *
 * <p>What the OS said about a PID is reused for {@code maxAge}: many allocations usually share
 * one owner (an agent, a test runner), and {@code ProcessHandle.info()} reads several
 * {@code /proc} files, so ten thousand watchers of one process cost one lookup per
 * {@code maxAge}, not two thousand a second. An exit is then seen at most {@code maxAge} late.
 * Thread-safe.
 */
public final class OsOwners implements StaleAllocations.Owners {
  /** What the OS said about one PID: empty start time when there was no such process. */
  private record Seen(boolean exists, Optional<Instant> startTime, long atNanos) {}

  /**
   * How far a start time may move and still be the same process. The JDK derives it from the
   * boot time, which the kernel reports relative to the wall clock, so a clock step between two
   * daemon runs shifts every start time; a new process on the same PID cannot start within
   * seconds of the old one without the PID space wrapping around in that time.
   */
  private static final Duration START_TOLERANCE = Duration.ofSeconds(2);

  /** Stop growing past this many PIDs; the cache is cleared and refilled. */
  private static final int MAX_ENTRIES = 4096;

  private final long maxAgeNanos;
  private final Map<Long, Seen> seen = new ConcurrentHashMap<>();

  /** Every check asks the OS. */
  public OsOwners() {
    this(Duration.ZERO);
  }

  public OsOwners(Duration maxAge) {
    this.maxAgeNanos = maxAge.toNanos();
  }

  /** The start time of process {@code pid}, empty when there is none or the OS does not say. */
  public static Optional<Instant> startTime(long pid) {
    return ProcessHandle.of(pid).flatMap(h -> h.info().startInstant());
  }

  @Override
  public boolean alive(long pid, Instant startedAt) {
    Seen s = lookup(pid);
    if (!s.exists()) {
      return false;
    }
    return startedAt == null || s.startTime().isEmpty()
        || Duration.between(startedAt, s.startTime().get()).abs().compareTo(START_TOLERANCE) <= 0;
  }

  private Seen lookup(long pid) {
    long now = System.nanoTime();
    Seen cached = seen.get(pid);
    if (cached != null && now - cached.atNanos() < maxAgeNanos) {
      return cached;
    }
    Optional<ProcessHandle> handle = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    Seen fresh = new Seen(handle.isPresent(),
        handle.flatMap(h -> h.info().startInstant()), now);
    if (maxAgeNanos > 0) {
      if (seen.size() >= MAX_ENTRIES) {
        seen.clear();
      }
      seen.put(pid, fresh);
    }
    return fresh;
  }
}
