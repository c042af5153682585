package dev.styxy.actors.os;

import dev.styxy.persistence.Reconciliation;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/**
 * The operating system's answer for the reconciliation pass: is an allocated port held by a
 * process other than its owner? One reading of the listening sockets with their holders
 * ({@link ProcNet#holdersIn}, a single pass over {@code /proc/[pid]/fd}) serves every question
 * asked within {@code maxAgeNanos}, so a pass over thousands of allocations reads {@code /proc}
 * once. A holder is the owner's when it is the owner PID or one of its descendants (a dev server
 * started by {@code npm run dev} listens from a child process). A listener whose process this
 * user cannot see counts as foreign. Blocking (reads {@code /proc}); the registry calls it only
 * in the pass after replay.
 */
public final class ForeignHolders implements Reconciliation.Holders {
  private static final int MAX_ANCESTRY = 64;
  private static final long MAX_AGE_NANOS = 1_000_000_000L;

  private final ProcNet procNet;
  private Map<Integer, PortHolder> reading;
  private long readAt;

  public ForeignHolders(ProcNet procNet) {
    this.procNet = procNet;
  }

  @Override
  public synchronized Optional<String> foreignHolder(int port, long ownerPid) {
    PortHolder holder = holders().get(port);
    if (holder == null || (holder.pid() != null && descendsFrom(holder.pid(), ownerPid))) {
      return Optional.empty();
    }
    return Optional.of(holder.describe());
  }

  private Map<Integer, PortHolder> holders() {
    long now = System.nanoTime();
    if (reading == null || now - readAt > MAX_AGE_NANOS) {
      try {
        reading = procNet.holdersIn(1, 65_535);
      } catch (UncheckedIOException e) {
        // No readable socket table (not Linux): nothing can be called foreign.
        reading = Map.of();
      }
      readAt = now;
    }
    return reading;
  }

  /** Whether {@code pid} is {@code ancestor} or one of its descendants. */
  static boolean descendsFrom(long pid, long ancestor) {
    Optional<ProcessHandle> current = ProcessHandle.of(pid);
    if (pid == ancestor) {
      return true;
    }
    for (int depth = 0; depth < MAX_ANCESTRY && current.isPresent(); depth++) {
      current = current.get().parent();
      if (current.isPresent() && current.get().pid() == ancestor) {
        return true;
      }
    }
    return false;
  }
}
