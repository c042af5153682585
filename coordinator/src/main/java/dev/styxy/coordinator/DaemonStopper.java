package dev.styxy.coordinator;

import dev.styxy.coordinator.cli.ApiReply;
import dev.styxy.coordinator.cli.CliFailure;
import dev.styxy.coordinator.cli.DaemonClient;
import dev.styxy.coordinator.cli.ExitCodes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * Stops a daemon gracefully: first the authenticated {@code POST /shutdown}, then, when that
 * is refused, or gets no reply and the process has not exited {@link #REPLY_LOST_GRACE} later,
 * SIGTERM to the process in {@code $STYXY_HOME/daemon.pid} (both
 * run the same orderly shutdown), then waits until the process is gone and the port no longer
 * answers.
 */
final class DaemonStopper {
  static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration POLL = Duration.ofMillis(50);
  /**
   * How long a daemon whose shutdown reply never arrived gets to exit on its own before it is
   * signalled: on a busy machine the request can get through while its reply is lost.
   */
  static final Duration REPLY_LOST_GRACE = Duration.ofSeconds(3);

  /** How the daemon was asked to stop. */
  enum Method { SHUTDOWN_REQUEST, SIGTERM, NOT_RUNNING }

  /**
   * The outcome.
   *
   * @param pid the process that stopped, null when none was running or it was never known
   * @param stalePidFile a {@code daemon.pid} names a process that no longer runs
   */
  record Stopped(Long pid, Method method, boolean stalePidFile) {}

  private final DaemonClient client;
  private final Path home;

  DaemonStopper(DaemonClient client, Path home) {
    this.client = client;
    this.home = home;
  }

  /**
   * @throws CliFailure when the daemon cannot be asked to stop or does not stop in time
   */
  Stopped stop() {
    Optional<Long> filePid = DaemonLock.readPid(home.resolve("daemon.pid"));
    Optional<ProcessHandle> process = filePid.flatMap(ProcessHandle::of)
        .filter(ProcessHandle::isAlive);
    String refusal;
    try {
      ApiReply reply = client.post("/shutdown", Map.of());
      if (reply.ok()) {
        Long pid = reply.tree().path("pid").canConvertToLong()
            ? reply.tree().path("pid").asLong() : filePid.orElse(null);
        awaitGone(pid == null ? Optional.empty() : ProcessHandle.of(pid), pid);
        return new Stopped(pid, Method.SHUTDOWN_REQUEST, false);
      }
      refusal = "the daemon at " + client.endpoint().baseUrl() + " refused the shutdown request ("
          + reply.problemLine() + ")";
    } catch (CliFailure notAnswering) {
      refusal = null;
      if (process.isPresent() && exitsWithin(process.get(), REPLY_LOST_GRACE)) {
        awaitGone(process, process.get().pid());
        return new Stopped(process.get().pid(), Method.SHUTDOWN_REQUEST, false);
      }
    }
    if (process.isEmpty()) {
      if (refusal != null) {
        throw new CliFailure(ExitCodes.FAILURE, "STOP_FAILED", refusal + ", and "
            + home.resolve("daemon.pid") + " names no running process to signal");
      }
      return new Stopped(null, Method.NOT_RUNNING, filePid.isPresent());
    }
    signal(process.get());
    awaitGone(process, process.get().pid());
    return new Stopped(process.get().pid(), Method.SIGTERM, false);
  }

  private static boolean exitsWithin(ProcessHandle process, Duration grace) {
    try {
      process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException | ExecutionException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void signal(ProcessHandle process) {
    boolean daemon = process.info().commandLine()
        .map(line -> line.contains(" daemon run")).orElse(false);
    if (!daemon || !process.destroy()) {
      throw new CliFailure(ExitCodes.FAILURE, "STOP_FAILED", "pid " + process.pid()
          + " from daemon.pid is not a Styxy daemon of yours and was left alone; "
          + "stop the daemon by hand");
    }
  }

  /** Waits until the process has exited and nothing answers on the daemon's port. */
  private void awaitGone(Optional<ProcessHandle> process, Long pid) {
    long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
    while (process.map(ProcessHandle::isAlive).orElse(false)
        || DaemonStarter.status(client).isPresent()) {
      if (System.nanoTime() > deadline) {
        String who = pid == null ? "at " + client.endpoint().baseUrl() : "(pid " + pid + ")";
        throw new CliFailure(ExitCodes.FAILURE, "STOP_TIMEOUT", "Styxy daemon " + who
            + " did not stop within " + STOP_TIMEOUT.toSeconds() + " s; see "
            + home.resolve("logs").resolve("styxy.log")
            + (pid == null ? "" : ", or force it: kill -9 " + pid));
      }
      LockSupport.parkNanos(POLL.toNanos());
    }
  }
}
