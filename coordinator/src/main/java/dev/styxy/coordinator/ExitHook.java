package dev.styxy.coordinator;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import dev.styxy.http.ApiShutdownReason;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the daemon process ends. Two ways:
 *
 * <ul>
 *   <li>A signal (SIGTERM from a service manager, Ctrl-C): the JVM starts its shutdown hooks.
 *       ({@code POST /shutdown} runs CoordinatedShutdown itself; the main thread then returns 0
 *       and its {@code System.exit} starts the same hooks.)
 *       Pekko's hook runs CoordinatedShutdown (HTTP unbinds first and drains, then the actors stop,
 *       and this class's task deletes {@code daemon.pid}). This class's own hook waits for that,
 *       then releases the lock, flushes the logs and ends the process with status 0: a requested
 *       stop is a clean exit, not the JVM's default 143.
 *   <li>From the main thread (start-up failure, the registry stopping for good):
 *       {@link #terminateFromMain} terminates the system and cleans up; the caller exits non-zero
 *       and the hook stands aside.
 * </ul>
 */
final class ExitHook {
  private static final Logger log = LoggerFactory.getLogger(ExitHook.class);

  /** CoordinatedShutdown's phases add up to less than this with the default timeouts we use. */
  static final Duration TERMINATE_TIMEOUT = Duration.ofSeconds(30);

  private final ActorSystem<?> system;
  private final DaemonLock lock;
  private final Path pidFile;
  private final String pid = Long.toString(ProcessHandle.current().pid());
  private final AtomicBoolean mainExit = new AtomicBoolean();

  private ExitHook(ActorSystem<?> system, DaemonLock lock, Path pidFile) {
    this.system = system;
    this.lock = lock;
    this.pidFile = pidFile;
  }

  /** Registers the PID-file task with CoordinatedShutdown and the JVM shutdown hook. */
  static ExitHook install(ActorSystem<?> system, DaemonLock lock, Path pidFile) {
    ExitHook hook = new ExitHook(system, lock, pidFile);
    CoordinatedShutdown.get(system).addTask(
        CoordinatedShutdown.PhaseBeforeActorSystemTerminate(), "delete-pid-file", () -> {
          hook.deletePidFile();
          return CompletableFuture.completedFuture(Done.getInstance());
        });
    Runtime.getRuntime().addShutdownHook(new Thread(hook::onJvmExit, "styxy-exit"));
    return hook;
  }

  /**
   * Whether the system is stopping because someone asked: the JVM is exiting (a signal), or a
   * client sent {@code POST /shutdown}.
   */
  boolean stopRequested() {
    return CoordinatedShutdown.get(system).getShutdownReason()
        .map(reason -> reason.equals(CoordinatedShutdown.jvmExitReason())
            || reason.equals(ApiShutdownReason.INSTANCE))
        .orElse(false);
  }

  /** Writes {@code daemon.pid} ({@code 0600}) once the daemon is ready. */
  void writePidFile() {
    try {
      Files.deleteIfExists(pidFile);
      try (SeekableByteChannel out = Files.newByteChannel(pidFile,
          EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
          FilePermissions.attributes(FilePermissions.OWNER_FILE))) {
        out.write(ByteBuffer.wrap((pid + "\n").getBytes(StandardCharsets.US_ASCII)));
      }
    } catch (IOException e) {
      log.warn("Cannot write the PID file [{}]: {}", pidFile, e.toString());
    }
  }

  /** Deletes {@code daemon.pid} if it is still ours. */
  void deletePidFile() {
    if (DaemonLock.readPid(pidFile).map(p -> p.toString().equals(pid)).orElse(false)) {
      try {
        Files.deleteIfExists(pidFile);
      } catch (IOException e) {
        log.warn("Cannot delete the PID file [{}]: {}", pidFile, e.toString());
      }
    }
  }

  /**
   * Terminates the actor system on the main thread's behalf and cleans up, so the caller can exit
   * with its own status.
   */
  void terminateFromMain(ActorSystem<?> actorSystem) {
    mainExit.set(true);
    actorSystem.terminate();
    awaitTermination();
    deletePidFile();
    lock.close();
    LogSetup.stop();
  }

  private void onJvmExit() {
    if (mainExit.get()) {
      return;
    }
    boolean clean = awaitTermination();
    deletePidFile();
    log.info("Styxy stopped{}", clean ? "" : " without a clean actor-system termination");
    lock.close();
    LogSetup.stop();
    Runtime.getRuntime().halt(clean ? 0 : 1);
  }

  private boolean awaitTermination() {
    try {
      system.getWhenTerminated().toCompletableFuture()
          .get(TERMINATE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException | TimeoutException e) {
      return false;
    }
  }
}
