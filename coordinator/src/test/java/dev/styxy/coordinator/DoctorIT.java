package dev.styxy.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.styxy.coordinator.DaemonProcess.CliRun;
import dev.styxy.http.ApiJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code styxy doctor} (the real jar) against a live daemon: it reports a token file made 0644
 * with the chmod that fixes it and an outside listener on a managed port with its PID and
 * command, exits 5 without a daemon, and {@code doctor --ack} clears the DEGRADED state of a
 * corrupt journal moved away at start.
 */
class DoctorIT extends LiveDaemonTest {
  private Process python;

  @AfterEach
  void stopPython() throws InterruptedException {
    if (python != null) {
      python.descendants().forEach(ProcessHandle::destroyForcibly);
      python.destroyForcibly();
      python.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private CliRun doctor(Path home, String name, String... args) throws Exception {
    String[] command = new String[args.length + 1];
    command[0] = "doctor";
    System.arraycopy(args, 0, command, 1, args.length);
    return DaemonProcess.cli(Map.of("STYXY_HOME", home.toString(),
        "STYXY_DAEMON_PORT", Integer.toString(daemon.port())), dir, name, command);
  }

  @Test
  void doctorReportsALooseTokenAndAnOutsideListenerWithTheirFixes() throws Exception {
    assumeTrue(OutsideListenerIT.pythonAvailable(), "python3 is not installed");
    int held = DaemonProcess.freePort();
    python = new ProcessBuilder("python3", "-m", "http.server", Integer.toString(held),
        "--bind", "127.0.0.1").redirectErrorStream(true)
        .redirectOutput(dir.resolve("python.out").toFile()).start();
    OutsideListenerIT.awaitListening(python, held);
    Path home = Files.createDirectory(dir.resolve("home"));
    Files.writeString(home.resolve("config.json"), "{\"service_types\":{\"pyweb\":{"
        + "\"port_range\":[" + held + "," + (held + 9) + "]}}}");
    daemon = DaemonProcess.startReady(home, DaemonProcess.freePort(), dir, "daemon");
    Path token = home.resolve("auth.token");
    Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-r--r--"));

    CliRun text = doctor(home, "doctor-text");
    CliRun json = doctor(home, "doctor-json", "--json");

    assertEquals(1, text.status(), text.all());
    assertTrue(text.out().contains("fail  token          " + token + " has mode 0644: other "
        + "users can read the API token  → fix: chmod 600 " + token + "\n"), text.all());
    long holder = ApiJson.mapper().readTree(daemon.get("/check/" + held).body())
        .path("system_usage").path("pid").asLong();
    Set<Long> pythonPids = python.descendants().map(ProcessHandle::pid)
        .collect(Collectors.toSet());
    pythonPids.add(python.pid());
    assertTrue(pythonPids.contains(holder), "holder " + holder + " is not python");
    assertTrue(text.out().contains("warn  ports          port " + held + " (pyweb " + held + "-"
        + (held + 9) + ") is held by PID " + holder + " ("), text.all());
    assertTrue(text.out().contains("→ fix: kill " + holder + "  # "), text.all());
    assertTrue(text.out().contains("http.server " + held), text.all());
    assertEquals(1, json.status(), json.all());
    JsonNode report = ApiJson.mapper().readTree(json.out());
    assertEquals("fail", report.path("status").asText());
    assertTrue(report.path("checks").toString().contains("\"fix\":\"chmod 600 " + token + "\""),
        json.all());
  }

  @Test
  void doctorExitsFiveWhenNoDaemonAnswers() throws Exception {
    Path home = Files.createDirectory(dir.resolve("home"));

    CliRun run = DaemonProcess.cli(Map.of("STYXY_HOME", home.toString(), "STYXY_DAEMON_PORT",
        Integer.toString(DaemonProcess.freePort())), dir, "doctor-down", "doctor");

    assertEquals(5, run.status(), run.all());
    assertTrue(run.out().startsWith("fail  daemon"), run.all());
    assertTrue(run.out().contains("→ fix: styxy daemon start\n"), run.all());
  }

  @Test
  void doctorAckClearsTheDegradedStateOfAJournalMovedAwayAndSaysWhatItAcknowledged()
      throws Exception {
    Path home = Files.createDirectory(dir.resolve("home"));
    Path journal = Files.createDirectories(home.resolve("journal")).resolve("journal.mv.db");
    Files.writeString(journal, "this is not an H2 database, just garbage\n".repeat(50));
    daemon = DaemonProcess.start(home, DaemonProcess.freePort(), dir, "reset");
    JournalResetIT.awaitDegraded(daemon);

    CliRun before = doctor(home, "doctor-degraded");
    CliRun ack = doctor(home, "doctor-ack", "--ack");
    CliRun again = doctor(home, "doctor-ack-again", "--ack", "--json");

    assertEquals(1, before.status(), before.all());
    assertTrue(before.out().contains("fail  state          DEGRADED until acknowledged: the "
        + "journal could not be read ("), before.all());
    assertTrue(before.out().contains("→ fix: styxy doctor --ack\n"), before.all());
    assertEquals(0, ack.status(), ack.all());
    assertTrue(ack.out().startsWith("Acknowledged: the journal could not be read ("), ack.all());
    assertTrue(ack.out().endsWith("State: READY\n"), ack.all());
    assertEquals(200, daemon.get("/health").statusCode());
    assertEquals(0, again.status(), again.all());
    JsonNode nothing = ApiJson.mapper().readTree(again.out());
    assertTrue(nothing.path("acknowledged").isNull(), again.all());
    assertEquals("READY", nothing.path("state").asText());
  }
}
