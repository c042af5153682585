package dev.styxy.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.styxy.http.ApiJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI ({@code java -jar styxy.jar allocate|list|check|release|status}) against a live daemon,
 * found through {@code STYXY_DAEMON_PORT} with the token from {@code STYXY_HOME}.
 */
class CliIT {
  @TempDir
  static Path dir;

  private static Path home;
  private static DaemonProcess daemon;
  private static final AtomicInteger RUNS = new AtomicInteger();

  /** One CLI run's outcome. */
  record Run(int status, String out, String err) {
    String all() {
      return "status " + status + "\nstdout:\n" + out + "\nstderr:\n" + err;
    }
  }

  @BeforeAll
  static void startDaemon() throws Exception {
    home = Files.createDirectory(dir.resolve("home"));
    daemon = DaemonProcess.startReady(home, DaemonProcess.freePort(), dir, "daemon");
  }

  @AfterAll
  static void stopDaemon() throws InterruptedException {
    if (daemon != null) {
      daemon.close();
    }
  }

  private Run cli(Map<String, String> env, String... args) throws Exception {
    String name = "cli-" + RUNS.incrementAndGet();
    Process p = DaemonProcess.jarProcess(DaemonProcess.CLI_JVM, env, dir, name, args).start();
    try {
      assertTrue(p.waitFor(30, TimeUnit.SECONDS), "CLI did not finish: " + String.join(" ", args));
    } finally {
      p.destroyForcibly();
    }
    return new Run(p.exitValue(),
        Files.readString(dir.resolve(name + ".out"), StandardCharsets.UTF_8),
        Files.readString(dir.resolve(name + ".err"), StandardCharsets.UTF_8));
  }

  private Run cli(String... args) throws Exception {
    return cli(Map.of("STYXY_HOME", home.toString(),
        "STYXY_DAEMON_PORT", Integer.toString(daemon.port())), args);
  }

  @Test
  void importStateImportsTheOriginalStateFileFromTheHomeFolder() throws Exception {
    Files.writeString(home.resolve("daemon.state"), """
        {"allocations":[{"service_type":"dev","service_name":"imp","port":3090},
                        {"service_type":"no-such-type","port":3091}],
         "instances":[{"id":"import-it"}]}
        """);
    try {
      Run imported = cli("import-state");
      assertEquals(0, imported.status(), imported.all());
      assertEquals("✅ Imported 1 allocation(s) and 1 instance(s); skipped 1 record(s)\n"
          + "  skipped: allocation #2 (port 3091): service type 'no-such-type' is not configured "
          + "here", imported.out().strip());

      Run again = cli("import-state", "--file", home.resolve("daemon.state").toString());
      assertEquals(0, again.status(), again.all());
      assertTrue(again.out().startsWith("✅ Imported 0 allocation(s) and 0 instance(s)"),
          again.all());

      Run missing = cli("import-state", "--file", dir.resolve("absent.state").toString());
      assertEquals("Cannot import " + dir.resolve("absent.state") + ": no such file",
          missing.err().strip().replaceFirst("^[A-Z_]+: ", ""), missing.all());
      assertTrue(missing.status() != 0, missing.all());
    } finally {
      daemon.post("/cleanup", "{\"force\":true}");
    }
  }

  @Test
  void allocateListCheckReleaseRoundTrip() throws Exception {
    Run allocate = cli("allocate", "-s", "dev", "-n", "web", "--json");
    assertEquals(0, allocate.status(), allocate.all());
    JsonNode json = ApiJson.mapper().readTree(allocate.out());
    assertTrue(json.path("success").asBoolean(), allocate.all());
    String lockId = json.path("lock_id").asText();
    int port = json.path("port").asInt();

    Run again = cli("allocate", "-s", "dev", "-n", "web");
    assertEquals(0, again.status(), again.all());
    assertTrue(again.out().contains("existing allocation"), again.all());
    assertTrue(again.out().contains("Lock ID: " + lockId), again.all());

    Run list = cli("list");
    assertEquals(0, list.status(), list.all());
    assertTrue(list.out().contains("Port " + port + ": dev"), list.all());
    assertTrue(list.out().contains("Total: 1 allocations"), list.all());

    Run check = cli("check", Integer.toString(port));
    assertEquals(0, check.status(), check.all());
    assertTrue(check.out().startsWith("❌ Port " + port + " is in use"), check.all());
    assertTrue(check.out().contains("Lock ID: " + lockId), check.all());

    Run release = cli("release", lockId);
    assertEquals(0, release.status(), release.all());
    assertEquals("✅ Port " + port + " released", release.out().strip());

    Run releaseAgain = cli("release", lockId);
    assertEquals(4, releaseAgain.status(), releaseAgain.all());
    assertTrue(releaseAgain.err().startsWith("ALLOCATION_NOT_FOUND: "), releaseAgain.all());
  }

  @Test
  void leaseHeartbeatListAndCleanup() throws Exception {
    Run allocate = cli("allocate", "-s", "dev", "-n", "leased", "--ttl", "120",
        "--health-url", "http://localhost:9/health", "--json");
    assertEquals(0, allocate.status(), allocate.all());
    JsonNode json = ApiJson.mapper().readTree(allocate.out());
    assertEquals(120, json.path("lease_ttl_s").asInt(), allocate.all());
    String lockId = json.path("lock_id").asText();
    int port = json.path("port").asInt();

    Run heartbeat = cli("heartbeat", lockId);
    assertEquals(0, heartbeat.status(), heartbeat.all());
    assertTrue(heartbeat.out().startsWith("✅ Lease of port " + port + " renewed until "),
        heartbeat.all());

    Run list = cli("list", "-v");
    assertEquals(0, list.status(), list.all());
    assertTrue(list.out().matches("(?s).*Port " + port + ": dev +STARTING\n.*"), list.all());
    assertTrue(list.out().contains("   Health URL: http://localhost:9/health\n"), list.all());
    assertTrue(list.out().contains("   Lease: expires "), list.all());

    String plain = ApiJson.mapper().readTree(cli("allocate", "-s", "dev", "-n", "plain", "--json")
        .out()).path("lock_id").asText();
    Run noLease = cli("heartbeat", plain);
    assertEquals(3, noLease.status(), noLease.all());
    assertTrue(noLease.err().startsWith("NO_LEASE: "), noLease.all());

    Run cleanup = cli("cleanup");
    assertEquals(0, cleanup.status(), cleanup.all());
    assertEquals("✅ Cleaned up 0 stale allocations\nNo stale allocations found",
        cleanup.out().strip());
    Run force = cli("cleanup", "--force", "--json");
    assertEquals(0, force.status(), force.all());
    assertEquals(2, ApiJson.mapper().readTree(force.out()).path("cleaned").asInt(), force.all());
    assertEquals("No active port allocations", cli("list").out().strip());
  }

  @Test
  void statusReportsARunningDaemon() throws Exception {
    Run status = cli("status");

    assertEquals(0, status.status(), status.all());
    assertTrue(status.out().startsWith("Status: Running\nState: "), status.all());
    assertTrue(status.out().contains("Version: "), status.all());
  }

  @Test
  void statusWithNoDaemonSaysStoppedAndExitsFive() throws Exception {
    Run status = cli(Map.of("STYXY_HOME", home.toString(),
        "STYXY_DAEMON_PORT", Integer.toString(DaemonProcess.freePort())), "status");

    assertEquals(5, status.status(), status.all());
    assertEquals("Status: Stopped", status.out().strip());
    assertTrue(status.err().startsWith("Styxy daemon is not running at http://127.0.0.1:"),
        status.all());
  }

  @Test
  void wrongTokenIsRefusedWithAnExplanation() throws Exception {
    Path otherHome = Files.createDirectory(dir.resolve("other-home"));
    Files.writeString(otherHome.resolve("auth.token"), "f".repeat(64));

    Run list = cli(Map.of("STYXY_HOME", otherHome.toString(),
        "STYXY_DAEMON_PORT", Integer.toString(daemon.port())), "list");

    assertEquals(1, list.status(), list.all());
    assertTrue(list.err().startsWith("UNAUTHORIZED: the token in "), list.all());
  }
}
