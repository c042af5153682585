package dev.styxy.coordinator.cli;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import sun.misc.Signal;

/**
 * CMD of {@code styxy run} as a child with the terminal's stdin, stdout and stderr, and the
 * wrapper's SIGTERM, SIGHUP and SIGINT passed on to it. SIGTERM is sent with
 * {@link Process#destroy()}; the others with {@code kill -SIG pid}. SIGINT is passed on only when
 * there is no terminal: at a terminal, Ctrl-C already reaches CMD, which is in the same
 * foreground process group, and a second SIGINT makes many tools quit without cleaning up.
 *
 * <p>The handlers are installed before the port is allocated ({@link #trapSignals()}): a signal
 * that arrives before CMD has started is remembered, CMD is then never started, and the wrapper
 * still releases the port. Uses {@code sun.misc.Signal} (module {@code jdk.unsupported}), the one
 * way a HotSpot JVM on Linux lets Java code take over these signals.
 */
final class ChildProcess {
  private Process child;
  private String pending;

  /** Takes over SIGTERM, SIGHUP and SIGINT from now on. */
  void trapSignals() {
    trap("TERM");
    trap("HUP");
    if (System.console() == null) {
      trap("INT");
    } else {
      Signal.handle(new Signal("INT"), signal -> { });
    }
  }

  /**
   * Runs CMD to its end, unless a signal came first.
   *
   * @return its exit status, 128+N when signal N ended it (or came before it started)
   * @throws CliFailure (status 127) when it cannot be started
   */
  int run(List<String> command, Map<String, String> environment) {
    OptionalInt early = start(command, environment);
    return early.isPresent() ? early.getAsInt() : await();
  }

  /**
   * Starts CMD unless a signal came first; signals are passed on to it from then on.
   *
   * @return empty once it runs, else 128+N for the signal N that came before
   * @throws CliFailure (status 127) when it cannot be started
   */
  OptionalInt start(List<String> command, Map<String, String> environment) {
    ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
    builder.environment().putAll(environment);
    synchronized (this) {
      if (pending != null) {
        return OptionalInt.of(128 + new Signal(pending).getNumber());
      }
      try {
        child = builder.start();
      } catch (IOException e) {
        throw RunCommand.cannotStart(command, e);
      }
      return OptionalInt.empty();
    }
  }

  /** The started child's PID. */
  synchronized long pid() {
    return child.pid();
  }

  /** Completes once the started child has exited. */
  synchronized CompletableFuture<Process> onExit() {
    return child.onExit();
  }

  /**
   * Waits until the started child has ended.
   *
   * @return its exit status, 128+N when signal N ended it
   */
  int await() {
    Process started;
    synchronized (this) {
      started = child;
    }
    while (true) {
      try {
        return started.waitFor();
      } catch (InterruptedException e) {
        // Keep waiting: the release must happen after CMD has ended.
      }
    }
  }

  private void trap(String name) {
    Signal.handle(new Signal(name), signal -> forward(name));
  }

  private synchronized void forward(String name) {
    if (child == null) {
      pending = name;
      return;
    }
    if ("TERM".equals(name)) {
      child.destroy();
      return;
    }
    try {
      new ProcessBuilder("kill", "-" + name, Long.toString(child.pid())).inheritIO().start();
    } catch (IOException e) {
      child.destroy();
    }
  }
}
