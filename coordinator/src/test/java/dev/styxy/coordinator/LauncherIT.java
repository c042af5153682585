package dev.styxy.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.styxy.coordinator.LauncherRuns.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher {@code bin/styxy} against the real jar: daemon start, status, stop and restart on a
 * temporary home and a free port, and {@code run} exporting, holding and releasing its port.
 */
class LauncherIT {
  @TempDir
  Path dir;

  private LauncherRuns runs;

  @BeforeEach
  void outputsInTheTestFolder() {
    runs = new LauncherRuns(dir);
  }

  private Run styxyRun(Path home, int port, String... args) throws Exception {
    return runs.run(home, port, args);
  }

  @Test
  void daemonStartStatusRestartAndStopThroughTheLauncher() throws Exception {
    Path home = dir.resolve("home");
    int port = DaemonProcess.freePort();
    try {
      Run start = styxyRun(home, port, "daemon", "start");
      assertEquals(0, start.status(), start.all());
      assertTrue(start.out().contains("READY"), start.all());
      Run again = styxyRun(home, port, "daemon", "start", "--json");
      assertTrue(again.out().contains("\"already_running\":true"), again.all());
      Run status = styxyRun(home, port, "daemon", "status", "--json");
      assertEquals(0, status.status(), status.all());
      assertTrue(status.out().contains("\"running\":true"), status.all());
      assertTrue(status.out().contains("\"state\":\"READY\""), status.all());
      long firstPid = Long.parseLong(Files.readString(home.resolve("daemon.pid")).strip());
      Run restart = styxyRun(home, port, "daemon", "restart");
      assertEquals(0, restart.status(), restart.all());
      assertFalse(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive).orElse(false));
      Run stop = styxyRun(home, port, "daemon", "stop", "--json");
      assertEquals(0, stop.status(), stop.all());
      assertTrue(stop.out().contains("\"method\":\"shutdown_request\""), stop.all());
      Run stopped = styxyRun(home, port, "daemon", "status");
      assertEquals(5, stopped.status(), stopped.all());
      assertTrue(stopped.out().contains("Status: Stopped"), stopped.all());
    } finally {
      styxyRun(home, port, "daemon", "stop");
    }
  }

  @Test
  void daemonStartSaysWhyTheDaemonCouldNotStart() throws Exception {
    Path home = Files.createDirectories(dir.resolve("bad-home"));
    Files.writeString(home.resolve("config.json"), "{ not json");
    Run start = styxyRun(home, DaemonProcess.freePort(), "daemon", "start");
    assertEquals(1, start.status(), start.all());
    assertTrue(start.err().contains("config.json"), start.all());
  }

  @Test
  void runExportsThePortHoldsItAndReleasesItWhateverEndsTheChild() throws Exception {
    Path home = Files.createDirectories(dir.resolve("run-home"));
    int port = DaemonProcess.freePort();
    try (DaemonProcess daemon = DaemonProcess.startReady(home, port, dir, "daemon")) {
      Run exited = styxyRun(home, port, "run", "-s", "dev", "--env", "VITE_PORT", "--",
          "sh", "-c", "echo \"$PORT $STYXY_PORT $VITE_PORT\"; exit 7");
      assertEquals(7, exited.status(), exited.all());
      String[] ports = exited.out().strip().split(" ");
      assertEquals(ports[0], ports[1], exited.all());
      assertEquals(ports[0], ports[2], exited.all());
      assertTrue(allocations(daemon).isEmpty(), "released after exit");

      assertEquals(137, killed(daemon, home, port, false), "child killed with SIGKILL");
      assertEquals(143, killed(daemon, home, port, true), "wrapper sent SIGTERM");
    }
  }

  /** Starts a long child, sees its port allocated, kills it (or TERMs the wrapper). */
  private int killed(DaemonProcess daemon, Path home, int port, boolean termWrapper)
      throws Exception {
    Process wrapper = runs.styxy(home, port, "run", "-s", "dev", "--", "sh", "-c",
        "echo $PORT; exec sleep 120").start();
    LauncherRuns.await(() -> sleeper(wrapper).isPresent());
    assertTrue(allocations(daemon).contains("\"pid\":" + wrapper.pid()));
    if (termWrapper) {
      wrapper.destroy();
    } else {
      new ProcessBuilder("kill", "-KILL", Long.toString(sleeper(wrapper).get().pid())).start()
          .waitFor();
    }
    Run run = runs.finish(wrapper);
    assertTrue(allocations(daemon).isEmpty(), "released: " + run.all());
    return run.status();
  }

  /** The child {@code sleep} once the wrapper has started it. */
  private static Optional<ProcessHandle> sleeper(Process wrapper) {
    return LauncherRuns.descendant(wrapper, "sleep");
  }

  private static String allocations(DaemonProcess daemon) {
    return LauncherRuns.allocations(daemon);
  }

  @Test
  void completionScriptNamesEveryCommand() throws Exception {
    Run bash = styxyRun(dir, DaemonProcess.freePort(), "completion", "bash");
    assertEquals(0, bash.status(), bash.all());
    for (String command : List.of("allocate", "run", "scan", "instances", "daemon")) {
      assertTrue(bash.out().contains(command), command);
    }
  }
}
