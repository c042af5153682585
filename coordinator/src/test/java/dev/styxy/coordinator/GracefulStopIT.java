package dev.styxy.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.styxy.http.ApiJson;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM while clients allocate: the daemon exits 0 within its shutdown deadline, removes its PID
 * file, and every allocation it acknowledged is there after the next start.
 */
class GracefulStopIT extends LiveDaemonTest {

  @Test
  void sigtermUnderLoadLosesNothingAcknowledgedAndRemovesThePidFile() throws Exception {
    Path home = Files.createDirectory(dir.resolve("home"));
    int port = DaemonProcess.freePort();
    daemon = DaemonProcess.startReady(home, port, dir, "first");
    assertTrue(Files.exists(home.resolve("daemon.pid")));
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    AtomicBoolean running = new AtomicBoolean(true);
    Thread client = new Thread(() -> {
      while (running.get()) {
        try {
          HttpResponse<String> r = daemon.post("/allocate", "{\"service_type\":\"dev\"}");
          if (r.statusCode() == 200) {
            acknowledged.add(ApiJson.mapper().readTree(r.body()).path("lock_id").asText());
          }
        } catch (UncheckedIOException e) {
          return;  // the daemon stopped listening
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
    });
    client.start();
    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(700));

    daemon.process().destroy();
    assertEquals(0, daemon.awaitExit(Duration.ofSeconds(30)), daemon.output());
    running.set(false);
    client.join(TimeUnit.SECONDS.toMillis(15));
    assertFalse(client.isAlive(), "no client request may hang after the stop");
    assertFalse(Files.exists(home.resolve("daemon.pid")), "the PID file is removed");
    assertTrue(daemon.stdout().contains("Styxy stopped"), daemon.output());
    assertTrue(acknowledged.size() > 0, "the client got answers before the stop");

    daemon = DaemonProcess.startReady(home, port, dir, "second");
    JsonNode live = ApiJson.mapper().readTree(daemon.get("/allocations").body())
        .path("allocations");
    Set<String> locks = new HashSet<>();
    live.forEach(r -> locks.add(r.path("lock_id").asText()));
    assertTrue(locks.containsAll(acknowledged),
        acknowledged.size() + " acknowledged, " + locks.size() + " live after restart");
  }
}
