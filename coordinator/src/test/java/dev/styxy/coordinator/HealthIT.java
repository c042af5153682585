package dev.styxy.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.styxy.http.ApiJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Health watching against the real jar and real processes: an exited owner and an abandoned port
 * are released on their own, with the reason in the log; a live listener stays for many
 * intervals. Probes every 300 ms without jitter (set through config.json, as the original's keys)
 * and a 1 s grace period, so the whole class takes seconds.
 */
class HealthIT extends LiveDaemonTest {
  private static final long INTERVAL_MS = 300;
  private static final int MAX_FAILURES = 3;
  /** The bound: interval × max_failures plus one interval; plus polling and journaling. */
  private static final Duration RELEASE_BOUND =
      Duration.ofMillis(INTERVAL_MS * (MAX_FAILURES + 1) + 3000);

  private Process owner;
  private ServerSocket listener;

  @BeforeEach
  void startDaemon() throws IOException {
    Path home = Files.createDirectory(dir.resolve("home"));
    Files.writeString(home.resolve("config.json"), "{\"recovery\":{\"health_monitoring\":{"
        + "\"enabled\":true,\"check_interval_ms\":" + INTERVAL_MS + ",\"max_failures\":"
        + MAX_FAILURES + "}}}");
    daemon = DaemonProcess.start(home, DaemonProcess.freePort(), dir, "daemon",
        List.of("-Dstyxy.health.grace-period=1s", "-Dstyxy.health.jitter=0"));
    daemon.awaitReady();
  }

  @AfterEach
  void stopProcesses() throws Exception {
    if (owner != null) {
      owner.destroyForcibly();
      owner.waitFor(10, TimeUnit.SECONDS);
    }
    if (listener != null) {
      listener.close();
    }
  }

  @Test
  void anAllocationIsReleasedSoonAfterItsOwnerProcessIsKilled() throws Exception {
    owner = new ProcessBuilder("sleep", "600").start();
    JsonNode allocated = allocate("{\"service_type\":\"dev\",\"pid\":" + owner.pid() + "}");
    int port = allocated.path("port").asInt();
    sleepIntervals(5);
    assertTrue(isListed(port), "owner alive: allocation kept");

    owner.destroyForcibly();
    owner.waitFor(10, TimeUnit.SECONDS);
    long killed = System.nanoTime();
    awaitUnlisted(port, RELEASE_BOUND);
    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
    System.out.println("owner_exited release took " + tookMs + " ms after kill");
    awaitLog("Released port [" + port + "] of dev (owner_exited)");
    JsonNode newest = ApiJson.mapper().readTree(daemon.get("/allocations/history").body())
        .path("recently_released").get(0);
    assertEquals(port, newest.path("allocation").path("port").asInt(), newest.toString());
    assertEquals("owner_exited", newest.path("reason").asText());
    assertEquals("health", newest.path("actor").asText());
  }

  @Test
  void aLiveListenerStaysHealthyAndAnAbandonedPortIsReleased() throws Exception {
    JsonNode allocated = allocate("{\"service_type\":\"dev\",\"service_name\":\"web\"}");
    int port = allocated.path("port").asInt();
    listener = new ServerSocket();
    listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));

    sleepIntervals(15);
    JsonNode record = record(port);
    assertEquals("HEALTHY", record.path("health").path("state").asText(), record.toString());

    listener.close();
    long closed = System.nanoTime();
    awaitUnlisted(port, RELEASE_BOUND);
    System.out.println("port_abandoned release took "
        + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closed) + " ms after close");
    awaitLog("Released port [" + port + "] of dev (port_abandoned)");
  }

  @Test
  void anOwnerlessAllocationNeverListenedOnIsKept() throws Exception {
    JsonNode allocated = allocate("{\"service_type\":\"dev\"}");
    int port = allocated.path("port").asInt();
    sleepIntervals(10);
    JsonNode record = record(port);
    assertEquals("STARTING", record.path("health").path("state").asText(), record.toString());
  }

  @Test
  void heartbeatsKeepALeaseAndSilenceEndsIt() throws Exception {
    JsonNode allocated = allocate("{\"service_type\":\"dev\",\"lease_ttl_s\":2}");
    int port = allocated.path("port").asInt();
    String lock = allocated.path("lock_id").asText();
    for (int i = 0; i < 6; i++) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(700));
      HttpResponse<String> beat = daemon.send(daemon.request("/allocate/" + lock + "/heartbeat")
          .PUT(java.net.http.HttpRequest.BodyPublishers.noBody()));
      assertEquals(200, beat.statusCode(), beat.body());
    }
    assertTrue(isListed(port), "renewed every 0.7 s for 4.2 s: a 2 s lease still holds");
    awaitUnlisted(port, Duration.ofSeconds(5));
    awaitLog("Released port [" + port + "] of dev (lease_expired)");
  }

  @Test
  void leaseDeadlinesSurviveKillNine() throws Exception {
    JsonNode shortLease = allocate("{\"service_type\":\"dev\",\"lease_ttl_s\":3}");
    JsonNode longLease = allocate("{\"service_type\":\"dev\",\"lease_ttl_s\":600}");
    String deadline = record(longLease.path("port").asInt()).path("lease_expires_at").asText();
    Path home = dir.resolve("home");
    int apiPort = daemon.port();
    daemon.kill();
    LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(4));

    daemon = DaemonProcess.start(home, apiPort, dir, "restarted",
        List.of("-Dstyxy.health.grace-period=1s", "-Dstyxy.health.jitter=0"));
    daemon.awaitReady();
    awaitUnlisted(shortLease.path("port").asInt(), Duration.ofSeconds(5));
    assertEquals(deadline,
        record(longLease.path("port").asInt()).path("lease_expires_at").asText(),
        "a live lease keeps its deadline across the restart");
  }

  private JsonNode allocate(String body) throws IOException {
    HttpResponse<String> reply = daemon.post("/allocate", body);
    assertEquals(200, reply.statusCode(), reply.body());
    return ApiJson.mapper().readTree(reply.body());
  }

  private JsonNode allocations() {
    HttpResponse<String> list = daemon.get("/allocations");
    assertEquals(200, list.statusCode(), list.body());
    try {
      return ApiJson.mapper().readTree(list.body()).path("allocations");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private JsonNode record(int port) {
    for (JsonNode r : allocations()) {
      if (r.path("port").asInt() == port) {
        return r;
      }
    }
    return fail("port " + port + " is not allocated any more; " + daemon.output());
  }

  private boolean isListed(int port) {
    for (JsonNode r : allocations()) {
      if (r.path("port").asInt() == port) {
        return true;
      }
    }
    return false;
  }

  private void awaitUnlisted(int port, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      if (!isListed(port)) {
        return;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
    }
    fail("port " + port + " still allocated " + within.toMillis() + " ms later; "
        + daemon.output());
  }

  private void awaitLog(String line) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (System.nanoTime() < deadline) {
      if (daemon.stdout().contains(line)) {
        return;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
    }
    fail("no log line '" + line + "'; " + daemon.output());
  }

  private static void sleepIntervals(int n) {
    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(INTERVAL_MS * n));
  }
}
