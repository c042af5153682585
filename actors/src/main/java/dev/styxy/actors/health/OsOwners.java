package dev.styxy.actors.health;

import dev.styxy.persistence.StaleAllocations;
import java.time.Instant;
import java.util.Optional;

/**
 * Owner checks through {@link ProcessHandle}: a PID is the recorded owner when a process with that
 * PID exists and, when a start time was recorded, started at that same time (so a PID the kernel
 * handed to a new process does not keep an allocation alive). Cheap: one {@code /proc/PID/stat}
 * read on Linux.
 */
public final class OsOwners implements StaleAllocations.Owners {

  /** The start time of process {@code pid}, empty when there is none or the OS does not say. */
  public static Optional<Instant> startTime(long pid) {
    return ProcessHandle.of(pid).flatMap(h -> h.info().startInstant());
  }

  @Override
  public boolean alive(long pid, Instant startedAt) {
    Optional<ProcessHandle> handle = ProcessHandle.of(pid);
    if (handle.isEmpty() || !handle.get().isAlive()) {
      return false;
    }
    if (startedAt == null) {
      return true;
    }
    Optional<Instant> now = handle.get().info().startInstant();
    return now.isEmpty() || now.get().equals(startedAt);
  }
}
