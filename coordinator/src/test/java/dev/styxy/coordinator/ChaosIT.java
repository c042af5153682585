package dev.styxy.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The process-level chaos harness ({@code bench/ChaosHarness.java}) with 5 {@code kill -9}s and
 * 4 clients against the journal under test (in failsafe's {@code postgres} execution, a
 * PostgreSQL database): nothing acknowledged lost, nothing released back, no port held twice.
 */
class ChaosIT {
  private static final int KILLS = 5;
  private static final int CLIENTS = 4;

  @TempDir
  Path dir;

  @Test
  void fiveKillNinesLoseNothingAcknowledgedAndHoldNoPortTwice() throws Exception {
    PostgresServer.assumeSelected();
    Path home = Files.createDirectory(dir.resolve("home"));
    Path harness = Path.of(System.getProperty("styxy.bench", "bench"), "ChaosHarness.java");
    ProcessBuilder builder = new ProcessBuilder(DaemonProcess.java(), harness.toString(),
        DaemonProcess.jar().toString(), home.toString(),
        Integer.toString(DaemonProcess.freePort()), Integer.toString(KILLS),
        Integer.toString(CLIENTS));
    builder.environment().putAll(DaemonProcess.journalEnvironment(home));
    builder.redirectErrorStream(true).redirectOutput(dir.resolve("chaos.out").toFile());
    Process process = builder.start();
    try {
      assertTrue(process.waitFor(5, TimeUnit.MINUTES), "the harness did not finish");
    } finally {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
    String output = Files.readString(dir.resolve("chaos.out"));
    assertEquals(0, process.exitValue(), output);
    assertTrue(output.contains("kills " + KILLS + ": lost 0, duplicates 0, released-but-live 0"),
        output);
  }
}
