package dev.styxy.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.styxy.http.ApiJson;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A journal file that cannot be read is moved to {@code backups/}; the daemon starts with an empty
 * journal, imports {@code daemon.state}, and is {@code DEGRADED} until acknowledged.
 */
class JournalResetIT extends LiveDaemonTest {
  @Test
  void corruptJournalIsMovedAwayAndTheDaemonServesDegradedUntilAcknowledged() throws Exception {
    Path home = Files.createDirectory(dir.resolve("home"));
    Path journal = Files.createDirectories(home.resolve("journal")).resolve("journal.mv.db");
    Files.writeString(journal, "this is not an H2 database, just garbage\n".repeat(50));
    Files.write(home.resolve("daemon.state"), ImportStateIT.sample());
    int port = DaemonProcess.freePort();

    daemon = DaemonProcess.start(home, port, dir, "reset");
    JsonNode health = awaitDegraded(daemon);

    assertTrue(health.path("detail").asText().startsWith("the journal could not be read ("),
        health.toString());
    assertTrue(health.path("detail").asText().endsWith("acknowledge with POST /health/ack"),
        health.toString());
    try (Stream<Path> backups = Files.list(home.resolve("backups"))) {
      List<Path> moved = backups.toList();
      assertEquals(1, moved.size(), moved.toString());
      assertTrue(moved.get(0).getFileName().toString().matches("journal-\\d{8}T\\d{6}Z\\.mv\\.db"),
          moved.toString());
    }
    assertEquals(List.of(3000, 11430), ImportStateIT.ports(daemon));

    HttpResponse<String> unauthenticated = daemon.send(HttpRequest.newBuilder(
        URI.create(daemon.baseUrl() + "/health/ack")).POST(HttpRequest.BodyPublishers.noBody()));
    assertEquals(401, unauthenticated.statusCode(), unauthenticated.body());
    HttpResponse<String> acked = daemon.post("/health/ack", "");
    assertEquals(200, acked.statusCode(), acked.body());
    assertEquals("READY", ApiJson.mapper().readTree(acked.body()).path("state").asText());
    assertEquals(200, daemon.get("/health").statusCode());
  }

  /** Waits until {@code daemon} serves requests but reports DEGRADED (503 from /health). */
  static JsonNode awaitDegraded(DaemonProcess daemon) throws Exception {
    long deadline = System.nanoTime() + DaemonProcess.READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!daemon.process().isAlive()) {
        fail("daemon exited with " + daemon.process().exitValue() + "; " + daemon.output());
      }
      try {
        HttpResponse<String> h = daemon.get("/health");
        JsonNode body = ApiJson.mapper().readTree(h.body());
        if ("DEGRADED".equals(body.path("state").asText())
            && body.path("components").path("registry").path("status").asText().equals("up")) {
          assertEquals(503, h.statusCode(), h.body());
          return body;
        }
      } catch (UncheckedIOException e) {
        // not listening yet
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
    }
    return fail("not DEGRADED within " + DaemonProcess.READY_TIMEOUT + "; " + daemon.output());
  }
}
