package dev.styxy.actors.health;

import dev.styxy.persistence.StaleAllocations;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Owner checks through {@link ProcessHandle}: a PID is the recorded owner when a process with that
 * PID exists and, when a start time was recorded, started at that same time (so a PID the kernel
 * handed to a new process does not keep an allocation alive). Start times match within two seconds
 * (see {@link #START_TOLERANCE}). A zombie (exited, not yet reaped by its parent) is not alive:
 * it holds no port, and where nothing reaps orphans (a container without an init) it would
 * otherwise keep its allocations forever.
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
    Optional<ProcessHandle> handle = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
        .filter(h -> !exitedUnreaped(pid));
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

  /**
   * Whether Linux says {@code pid} has exited but is still in the process table (state {@code Z}
   * or {@code X} in {@code /proc/PID/stat}), which {@link ProcessHandle#isAlive()} counts as
   * alive. False where there is no {@code /proc}.
   */
  static boolean exitedUnreaped(long pid) {
    String stat;
    // Read to the end, not by the size procfs reports (0); the name in it may be any bytes.
    try (InputStream in = Files.newInputStream(Path.of("/proc", Long.toString(pid), "stat"))) {
      stat = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    } catch (IOException | RuntimeException e) {
      return false;
    }
    int nameEnd = stat.lastIndexOf(')');
    if (nameEnd < 0 || nameEnd + 2 >= stat.length()) {
      return false;
    }
    char state = stat.charAt(nameEnd + 2);
    return state == 'Z' || state == 'X';
  }
}
