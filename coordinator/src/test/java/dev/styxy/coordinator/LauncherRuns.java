package dev.styxy.coordinator;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Runs of the launcher {@code bin/styxy} for the integration tests: a clean Styxy environment
 * pointing at one home and port, stdout and stderr captured to numbered files in a folder.
 */
final class LauncherRuns {
  /** One finished run. */
  record Run(int status, String out, String err) {
    String all() {
      return "status " + status + "\nstdout:\n" + out + "\nstderr:\n" + err;
    }
  }

  private final Path dir;
  private final AtomicInteger runs = new AtomicInteger();

  /** Outputs go to {@code dir}, which is also the working folder of every run. */
  LauncherRuns(Path dir) {
    this.dir = dir;
  }

  static Path launcher() {
    return DaemonProcess.jar().getParent().resolveSibling("bin").resolve("styxy");
  }

  /** The launcher with {@code args}, not started. */
  ProcessBuilder styxy(Path home, int port, String... args) {
    List<String> command = new ArrayList<>(List.of(launcher().toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().keySet().removeIf(n -> n.startsWith("STYXY_"));
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().put("STYXY_HOME", home.toString());
    builder.environment().put("STYXY_PORT", Integer.toString(port));
    String name = "run-" + runs.incrementAndGet();
    builder.redirectOutput(dir.resolve(name + ".out").toFile());
    builder.redirectError(dir.resolve(name + ".err").toFile());
    return builder;
  }

  /** Waits for the last started run to end (at most 90 s) and reads its outputs. */
  Run finish(Process p) throws IOException, InterruptedException {
    assertTrue(p.waitFor(90, TimeUnit.SECONDS), "styxy did not finish");
    String name = "run-" + runs.get();
    return new Run(p.exitValue(), Files.readString(dir.resolve(name + ".out")),
        Files.readString(dir.resolve(name + ".err")));
  }

  /** Runs the launcher with {@code args} to its end. */
  Run run(Path home, int port, String... args) throws IOException, InterruptedException {
    return finish(styxy(home, port, args).start());
  }

  /** The daemon's {@code /allocations} body, or "" when nothing is allocated. */
  static String allocations(DaemonProcess daemon) {
    String body = daemon.get("/allocations").body();
    return body.contains("\"port\"") ? body : "";
  }

  /** The first descendant of {@code wrapper} whose executable's name is {@code name}. */
  static Optional<ProcessHandle> descendant(Process wrapper, String name) {
    return wrapper.descendants().filter(h -> h.info().command()
        .map(c -> c.endsWith("/" + name)).orElse(false)).findFirst();
  }

  /** Polls {@code condition} every 50 ms for at most 60 s. */
  static void await(BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "condition not met within 60 s");
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
    }
  }
}
