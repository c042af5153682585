package dev.styxy.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.styxy.http.ApiJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit trail and live events with the real jar: {@code audit.log} lines once per event and
 * not again after a restart, {@code GET /events} delivering an allocation within a second and
 * resuming with {@code Last-Event-ID}, {@code styxy watch} following across a daemon restart,
 * and {@code styxy audit --port P --at T} answering who held a port and why it was released.
 */
class AuditEventsIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir
  Path dir;

  private DaemonProcess daemon;
  private final List<Process> clients = new ArrayList<>();

  @AfterEach
  void stop() throws InterruptedException {
    clients.forEach(Process::destroyForcibly);
    if (daemon != null) {
      daemon.close();
    }
  }

  private Path home() throws Exception {
    return Files.createDirectories(dir.resolve("home"));
  }

  private JsonNode allocate(String json) {
    HttpResponse<String> r = daemon.post("/allocate", json);
    assertEquals(200, r.statusCode(), r.body());
    return ApiJson.read(r.body(), JsonNode.class);
  }

  private void release(String lock) {
    HttpResponse<String> r = daemon.send(daemon.request("/allocate/" + lock).DELETE());
    assertEquals(200, r.statusCode(), r.body());
  }

  /** The data lines of server-sent events, read on another thread. */
  private BufferedReader events(String lastEventId) throws Exception {
    var request = daemon.request("/events").timeout(Duration.ofDays(1));
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    HttpResponse<InputStream> r = HTTP.send(request.GET().build(),
        HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, r.statusCode());
    return new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8));
  }

  private static CompletableFuture<JsonNode> nextEvent(BufferedReader lines) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          if (line.startsWith("data:")) {
            return ApiJson.read(line.substring(5), JsonNode.class);
          }
        }
        throw new IllegalStateException("stream ended");
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private Process cli(String name, String... args) throws Exception {
    Process p = DaemonProcess.jarProcess(DaemonProcess.CLI_JVM, Map.of("STYXY_HOME",
        home().toString(), "STYXY_DAEMON_PORT", Integer.toString(daemon.port())), dir, name,
        args).start();
    clients.add(p);
    return p;
  }

  private String finish(Process p, String name) throws Exception {
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), name + " did not finish");
    return Files.readString(dir.resolve(name + ".out")) + Files.readString(dir.resolve(name
        + ".err"));
  }

  private String awaitOutput(String name, String needle) throws Exception {
    Path out = dir.resolve(name + ".out");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    String text = "";
    while (System.nanoTime() < deadline) {
      text = Files.exists(out) ? Files.readString(out) : "";
      if (text.contains(needle)) {
        return text;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no '" + needle + "' in " + name + ":\n" + text);
  }

  @Test
  void connectedClientGetsAnAllocationWithinASecondAndResumesAfterReconnect() throws Exception {
    int port = DaemonProcess.freePort();
    daemon = DaemonProcess.startReady(home(), port, dir, "daemon");
    BufferedReader first = events(null);
    CompletableFuture<JsonNode> next = nextEvent(first);
    String lock = allocate("{\"service_type\":\"dev\",\"service_name\":\"web\"}")
        .get("lock_id").asText();
    JsonNode live = next.get(1, TimeUnit.SECONDS);
    assertEquals(List.of("allocated", lock), List.of(live.get("event").asText(),
        live.get("lock_id").asText()));
    first.close();

    release(lock);
    String again = allocate("{\"service_type\":\"dev\",\"service_name\":\"api\"}")
        .get("lock_id").asText();
    BufferedReader resumed = events(live.get("seq").asText());
    JsonNode missed1 = nextEvent(resumed).get(10, TimeUnit.SECONDS);
    JsonNode missed2 = nextEvent(resumed).get(10, TimeUnit.SECONDS);
    assertEquals(List.of("released", lock, "allocated", again), List.of(
        missed1.get("event").asText(), missed1.get("lock_id").asText(),
        missed2.get("event").asText(), missed2.get("lock_id").asText()));
    resumed.close();
  }

  @Test
  void auditLogHasOneLinePerEventAndNoneRepeatedAfterARestart() throws Exception {
    int port = DaemonProcess.freePort();
    daemon = DaemonProcess.startReady(home(), port, dir, "daemon-1");
    String lock = allocate("{\"service_type\":\"dev\",\"service_name\":\"web\"}")
        .get("lock_id").asText();
    release(lock);
    daemon.close();
    daemon = DaemonProcess.startReady(home(), port, dir, "daemon-2");
    allocate("{\"service_type\":\"dev\",\"service_name\":\"after\"}");
    daemon.close();

    List<JsonNode> lines = Files.readAllLines(home().resolve("audit.log")).stream()
        .map(l -> ApiJson.read(l, JsonNode.class)).toList();
    List<String> journaled = lines.stream().filter(l -> !l.get("seq").isNull())
        .map(l -> l.get("seq").asText() + " " + l.get("action").asText()).toList();
    assertEquals(List.of("1 PORT_ALLOCATED", "2 PORT_RELEASED", "3 PORT_ALLOCATED"), journaled,
        lines.toString());
    assertEquals(2, lines.stream().filter(l -> l.get("action").asText()
        .equals("REGISTRY_RECOVERED")).count(), lines.toString());
  }

  @Test
  void auditAtAnswersWhoHadThePortAndWhyItWasReleased() throws Exception {
    daemon = DaemonProcess.startReady(home(), DaemonProcess.freePort(), dir, "daemon");
    long pid = ProcessHandle.current().pid();
    JsonNode a = allocate("{\"service_type\":\"dev\",\"service_name\":\"shop-web\","
        + "\"preferred_port\":3042,\"project_path\":\"/home/dev/shop\",\"pid\":" + pid + "}");
    assertEquals(3042, a.get("port").asInt());
    Instant between = Instant.now();
    release(a.get("lock_id").asText());

    String answer = finish(cli("at", "audit", "--port", "3042", "--at", between.toString()),
        "at");
    assertTrue(answer.contains("Port 3042 at " + ApiJson.iso(between)
        + " was held by shop-web (pid " + pid + "), service type dev, project /home/dev/shop"),
        answer);
    assertTrue(answer.contains("by http, reason released"), answer);

    String table = finish(cli("table", "audit", "--port", "3042"), "table");
    assertTrue(table.startsWith("TIME"), table);
    assertTrue(table.matches("(?s).*released +3042 +dev .*"), table);
  }

  @Test
  void watchFollowsEventsAcrossADaemonRestartAndCtrlCExitsZero() throws Exception {
    int port = DaemonProcess.freePort();
    daemon = DaemonProcess.startReady(home(), port, dir, "daemon-1");
    Process watch = cli("watch", "watch", "--json");
    awaitConnected();
    String lock = allocate("{\"service_type\":\"dev\",\"service_name\":\"one\"}")
        .get("lock_id").asText();
    awaitOutput("watch", lock);
    daemon.close();
    daemon = DaemonProcess.startReady(home(), port, dir, "daemon-2");
    String second = allocate("{\"service_type\":\"dev\",\"service_name\":\"two\"}")
        .get("lock_id").asText();
    String out = awaitOutput("watch", second);
    assertEquals(1, out.split("\"lock_id\":\"" + lock + "\"", -1).length - 1,
        "no event twice:\n" + out);
    new ProcessBuilder("kill", "-INT", Long.toString(watch.pid())).start().waitFor();
    assertTrue(watch.waitFor(15, TimeUnit.SECONDS));
    assertEquals(0, watch.exitValue());
  }

  /**
   * Waits until the watch client follows the events: it prints only what happens after it
   * connected, so allocate probes until one shows up.
   */
  private void awaitConnected() throws Exception {
    Path out = dir.resolve("watch.out");
    for (int i = 0; i < 60; i++) {
      allocate("{\"service_type\":\"dev\",\"service_name\":\"probe-" + i + "\"}");
      for (int wait = 0; wait < 10; wait++) {
        if (Files.exists(out) && Files.readString(out).contains("probe-")) {
          return;
        }
        Thread.sleep(50);
      }
    }
    throw new AssertionError("styxy watch never printed an event");
  }
}
