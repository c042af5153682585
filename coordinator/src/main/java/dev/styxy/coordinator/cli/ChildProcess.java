package dev.styxy.coordinator.cli;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import sun.misc.Signal;

/**
 * CMD of {@code styxy run} as a child with the terminal's stdin, stdout and stderr, and the
 * wrapper's SIGTERM, SIGHUP and SIGINT passed on to it. SIGTERM is sent with
 * {@link Process#destroy()}; the others with {@code kill -SIG pid}. SIGINT is passed on only when
 * there is no terminal: at a terminal, Ctrl-C already reaches CMD, which is in the same
 * foreground process group, and a second SIGINT makes many tools quit without cleaning up.
 *
 * <p>Uses {@code sun.misc.Signal} (module {@code jdk.unsupported}), the one way a HotSpot JVM on
 * Linux lets Java code take over these signals.
 */
final class ChildProcess {
  private final List<String> command;
  private final Map<String, String> environment;

  ChildProcess(List<String> command, Map<String, String> environment) {
    this.command = List.copyOf(command);
    this.environment = Map.copyOf(environment);
  }

  /**
   * Runs CMD to its end.
   *
   * @return its exit status, 128+N when signal N ended it
   * @throws CliFailure (status 127) when it cannot be started
   */
  int runForwardingSignals() {
    ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
    builder.environment().putAll(environment);
    Process child;
    try {
      child = builder.start();
    } catch (IOException e) {
      throw RunCommand.cannotStart(command, e);
    }
    forward("TERM", child);
    forward("HUP", child);
    if (System.console() == null) {
      forward("INT", child);
    } else {
      Signal.handle(new Signal("INT"), signal -> { });
    }
    while (true) {
      try {
        return child.waitFor();
      } catch (InterruptedException e) {
        // Keep waiting: the release must happen after CMD has ended.
      }
    }
  }

  private static void forward(String name, Process child) {
    Signal.handle(new Signal(name), signal -> {
      if ("TERM".equals(name)) {
        child.destroy();
        return;
      }
      try {
        new ProcessBuilder("kill", "-" + name, Long.toString(child.pid())).inheritIO().start();
      } catch (IOException e) {
        child.destroy();
      }
    });
  }
}
