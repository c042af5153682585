package dev.styxy.coordinator;

import dev.styxy.coordinator.cli.ApiReply;
import dev.styxy.coordinator.cli.CliFailure;
import dev.styxy.coordinator.cli.DaemonClient;
import dev.styxy.coordinator.cli.DaemonEndpoint;
import dev.styxy.coordinator.cli.ExitCodes;
import dev.styxy.http.api.StatusResponse;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Starts {@code daemon run} in the background and waits until {@code GET /status} says
 * {@code READY}. The daemon runs in a session of its own ({@code setsid} where there is one), so
 * Ctrl-C in the terminal that started it does not reach it; its stdout (which repeats the log) is
 * discarded and its stderr, where a start-up failure says why in one line, goes to
 * {@code $STYXY_HOME/logs/daemon.err}.
 */
final class DaemonStarter {
  static final String ERR_FILE = "daemon.err";
  private static final Duration POLL = Duration.ofMillis(50);
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);
  private static final List<Path> SETSID = List.of(Path.of("/usr/bin/setsid"),
      Path.of("/bin/setsid"));

  /**
   * A daemon that answers.
   *
   * @param pid its process id, null when it was already running and wrote no PID file
   * @param alreadyRunning whether it answered before anything was started
   * @param millis how long the start took
   */
  record Started(Long pid, String url, Path home, StatusResponse status, boolean alreadyRunning,
      long millis) {}

  private final DaemonLaunch launch;
  private final Path home;
  private final int port;

  DaemonStarter(DaemonLaunch launch, Path home, int port) {
    this.launch = launch;
    this.home = home;
    this.port = port;
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  /**
   * Starts the daemon unless one already answers on the port.
   *
   * @param tick called about every 50 ms while waiting, with the time waited so far
   * @throws CliFailure when the daemon exits before it is ready or is not ready within
   *     {@code timeout}
   */
  Started start(Duration timeout, Consumer<Duration> tick) {
    DaemonClient client = new DaemonClient(new DaemonEndpoint(url(), null, null), PROBE_TIMEOUT);
    Optional<StatusResponse> running = status(client);
    if (running.isPresent()) {
      return new Started(pidFromFile().orElse(null), url(), home, running.get(), true, 0);
    }
    Path errFile = prepareLogs().resolve(ERR_FILE);
    long begin = System.nanoTime();
    Process process = spawn(errFile);
    while (true) {
      Duration waited = Duration.ofNanos(System.nanoTime() - begin);
      Optional<StatusResponse> status = status(client);
      if (status.isPresent() && !"RECOVERING".equals(status.get().state())) {
        return new Started(process.pid(), url(), home, status.get(), false, waited.toMillis());
      }
      if (!process.isAlive()) {
        throw new CliFailure(ExitCodes.FAILURE, "START_FAILED", "Styxy daemon did not start: "
            + lastLine(errFile) + " (output in " + errFile + ")");
      }
      if (waited.compareTo(timeout) > 0) {
        throw new CliFailure(ExitCodes.FAILURE, "START_TIMEOUT", "Styxy daemon (pid "
            + process.pid() + ") was not READY within " + timeout.toSeconds() + " s; it is "
            + "still starting: see " + home.resolve("logs").resolve("styxy.log"));
      }
      tick.accept(waited);
      LockSupport.parkNanos(POLL.toNanos());
    }
  }

  /** The PID in {@code daemon.pid}, if that process lives. */
  Optional<Long> pidFromFile() {
    return DaemonLock.readPid(home.resolve("daemon.pid"))
        .filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
  }

  /** {@code /status} of a daemon that answers as ours does, else empty. */
  static Optional<StatusResponse> status(DaemonClient client) {
    try {
      ApiReply reply = client.get("/status", false);
      return reply.ok() ? Optional.of(reply.as(StatusResponse.class)) : Optional.empty();
    } catch (CliFailure notAnswering) {
      return Optional.empty();
    }
  }

  private Path prepareLogs() {
    Path logs = home.resolve("logs");
    try {
      HomeFolder.prepare(home, logs);
    } catch (StartupFailure e) {
      throw new CliFailure(ExitCodes.FAILURE, "START_FAILED", e.getMessage());
    }
    return logs;
  }

  private Process spawn(Path errFile) {
    List<String> command = new ArrayList<>();
    SETSID.stream().filter(Files::isExecutable).findFirst()
        .ifPresent(setsid -> command.add(setsid.toString()));
    command.addAll(launch.command(home, port));
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(errFile.toFile());
    try {
      return builder.start();
    } catch (IOException e) {
      throw new CliFailure(ExitCodes.FAILURE, "START_FAILED", "cannot run "
          + command.get(0) + ": " + e.getMessage());
    }
  }

  /** The last non-blank line a failed daemon wrote to stderr: its one-line reason. */
  static String lastLine(Path file) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      for (int i = lines.size() - 1; i >= 0; i--) {
        if (!lines.get(i).isBlank()) {
          return lines.get(i).strip();
        }
      }
      return "it exited without a message";
    } catch (IOException e) {
      return "it exited, and " + file + " cannot be read: " + e.getMessage();
    }
  }
}
