package dev.styxy.http;

import static dev.styxy.http.ApiFixture.authed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.styxy.actors.PortRegistry;
import dev.styxy.actors.RecoverySupervisor;
import dev.styxy.actors.RegistryReport;
import dev.styxy.config.DiskSettings;
import dev.styxy.config.HttpSettings;
import dev.styxy.http.ApiFixture.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.server.Route;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** {@code GET /health}, readiness in {@code /status}, and 503 while the registry is down. */
class HealthRoutesTest {
  static final ApiFixture fx = new ApiFixture("HealthRoutesTest");
  static final Route route = fx.api(ApiFixture.SETTINGS, ApiFixture.TOKEN).routes();

  @AfterAll
  static void shutdown() {
    fx.close();
  }

  /** A supervisor that always answers {@code status}, to a query and to an acknowledgement. */
  private static Route withStatus(RecoverySupervisor.Status status) {
    return withStatus(status, fx.healthSources);
  }

  private static Route withStatus(RecoverySupervisor.Status status, HealthSources sources) {
    ActorRef<RecoverySupervisor.Command> stub = fx.kit.spawn(
        Behaviors.receiveMessage(m -> {
          if (m instanceof RecoverySupervisor.Acknowledge ack) {
            ack.replyTo().tell(status);
          } else {
            ((RecoverySupervisor.GetStatus) m).replyTo().tell(status);
          }
          return Behaviors.same();
        }));
    return fx.api(fx.registry, stub, sources, ApiFixture.SETTINGS, ApiFixture.TOKEN).routes();
  }

  /** A ready supervisor's status, with {@code watchers} watchers. */
  private static RecoverySupervisor.Status ready(int watchers) {
    return new RecoverySupervisor.Status(RecoverySupervisor.Readiness.READY,
        "the registry serves requests", true, null, null, 0, 0, watchers, null);
  }

  /** The fixture's sources with other disk limits. */
  private static HealthSources limits(long warnBelow, long failBelow) {
    HealthSources s = fx.healthSources;
    return new HealthSources(s.home(), s.journalFile(), new DiskSettings(warnBelow, failBelow),
        s.monitorEnabled());
  }

  private static RecoverySupervisor.Status degraded() {
    return new RecoverySupervisor.Status(RecoverySupervisor.Readiness.DEGRADED,
        "the registry is down: the journal failed: disk full; restarting with backoff", false,
        "disk full", Instant.parse("2026-01-01T12:00:00Z"), 4, 3, 0,
        new RegistryReport.Reconciled(2, 3, 1, 0, List.of(), 12, 3, 40));
  }

  @Test
  void healthIsOkWithoutAuthenticationWhenReady() {
    Reply r = fx.call(route, HttpRequest.GET("/health"));

    assertEquals(200, r.status(), r.body());
    JsonNode j = r.json();
    assertEquals("healthy", j.get("status").asText());
    assertEquals("READY", j.get("state").asText());
    JsonNode c = j.get("components");
    assertEquals("up", c.get("registry").get("status").asText());
    assertEquals("up", c.get("journal").get("status").asText());
    assertEquals("up", c.get("health_monitor").get("status").asText());
    assertEquals(0, c.get("health_monitor").get("watchers").asInt());
    assertTrue(c.get("health_monitor").get("enabled").asBoolean());
    assertTrue(c.get("journal").get("last_write_ok").asBoolean());
    assertTrue(c.get("journal").get("size_bytes").isNull(), "no journal file: " + r.body());
    assertEquals("ok", c.get("disk").get("status").asText());
    assertEquals(fx.healthSources.home().toString(), c.get("disk").get("path").asText());
    assertTrue(c.get("disk").get("free_bytes").asLong() > 0, r.body());
    assertTrue(c.get("disk").get("total_bytes").asLong() >= c.get("disk").get("free_bytes")
        .asLong(), r.body());
    assertTrue(j.get("notice").isNull(), r.body());
    assertEquals(0, j.get("last_recovery").get("orphaned").asInt(), r.body());
  }

  @Test
  void healthReportsTheJournalFilesSize() throws Exception {
    Path journal = Files.write(fx.healthSources.journalFile(), new byte[1234]);
    try {
      Reply r = fx.call(route, HttpRequest.GET("/health"));

      assertEquals(1234, r.json().get("components").get("journal").get("size_bytes").asLong(),
          r.body());
    } finally {
      Files.delete(journal);
    }
  }

  @Test
  void diskBelowTheWarnThresholdIsAWarningAnswered200() {
    Reply r = fx.call(withStatus(ready(2), limits(Long.MAX_VALUE, 0)),
        HttpRequest.GET("/health"));

    assertEquals(200, r.status(), r.body());
    JsonNode j = r.json();
    assertEquals("warning", j.get("status").asText());
    assertEquals("READY", j.get("state").asText());
    JsonNode disk = j.get("components").get("disk");
    assertEquals("warn", disk.get("status").asText());
    assertEquals(Long.MAX_VALUE, disk.get("warn_below_free_bytes").asLong());
    assertTrue(j.get("detail").asText().contains("styxy.disk.warn-below-free"), r.body());
  }

  @Test
  void diskBelowTheFailThresholdIs503ThoughTheRegistryIsReady() {
    Reply r = fx.call(withStatus(ready(2), limits(Long.MAX_VALUE, Long.MAX_VALUE)),
        HttpRequest.GET("/health"));

    assertEquals(503, r.status(), r.body());
    assertEquals(Optional.of("1"), r.header("Retry-After"));
    JsonNode j = r.json();
    assertEquals("degraded", j.get("status").asText());
    assertEquals("READY", j.get("state").asText());
    assertEquals("fail", j.get("components").get("disk").get("status").asText());
    assertEquals("up", j.get("components").get("registry").get("status").asText());
    assertTrue(j.get("detail").asText().contains("styxy.disk.fail-below-free"), r.body());
  }

  @Test
  void diskSpaceThatCannotBeReadWarnsAndSaysWhy() {
    HealthSources s = fx.healthSources;
    HealthSources missing = new HealthSources(s.home().resolve("no-such-folder"),
        s.journalFile(), s.disk(), true);

    Reply r = fx.call(withStatus(ready(0), missing), HttpRequest.GET("/health"));

    assertEquals(200, r.status(), r.body());
    JsonNode disk = r.json().get("components").get("disk");
    assertEquals("warn", disk.get("status").asText());
    assertTrue(disk.get("free_bytes").isNull(), r.body());
    assertTrue(disk.get("error").asText().contains("no-such-folder"), r.body());
  }

  @Test
  void healthIs503WhileTheRegistryReplays() {
    RecoverySupervisor.Status replaying = new RecoverySupervisor.Status(
        RecoverySupervisor.Readiness.RECOVERING, "the registry is replaying its journal", false,
        null, null, 0, 0, 0, null);

    Reply r = fx.call(withStatus(replaying), HttpRequest.GET("/health"));

    assertEquals(503, r.status(), r.body());
    JsonNode j = r.json();
    assertEquals("recovering", j.get("status").asText());
    assertEquals("recovering", j.get("components").get("registry").get("status").asText());
    assertEquals("down", j.get("components").get("health_monitor").get("status").asText());
    assertTrue(j.get("last_recovery").isNull(), r.body());
  }

  @Test
  void healthMonitorSwitchedOffIsReportedDisabled() {
    HealthSources s = fx.healthSources;
    HealthSources off = new HealthSources(s.home(), s.journalFile(), s.disk(), false);

    Reply r = fx.call(withStatus(ready(0), off), HttpRequest.GET("/health"));

    assertEquals(200, r.status(), r.body());
    JsonNode monitor = r.json().get("components").get("health_monitor");
    assertEquals("disabled", monitor.get("status").asText());
    assertEquals(false, monitor.get("enabled").asBoolean());
  }

  @Test
  void aPendingNoticeIsReportedUntilAcknowledged() {
    RecoverySupervisor.Status noticed = new RecoverySupervisor.Status(
        RecoverySupervisor.Readiness.DEGRADED, "the journal was moved; acknowledge with POST "
        + "/health/ack", true, null, null, 0, 0, 0, null, "the journal was moved");

    Reply r = fx.call(withStatus(noticed), HttpRequest.GET("/health"));

    assertEquals(503, r.status(), r.body());
    assertEquals("the journal was moved", r.json().get("notice").asText());
  }

  @Test
  void acknowledgeNeedsTheTokenAndAnswersWithTheStateAfterwards() {
    Route acked = withStatus(ready(1));

    Reply refused = fx.call(acked, HttpRequest.POST("/health/ack"));
    Reply r = fx.call(acked, authed(HttpRequest.POST("/health/ack")));

    refused.assertError(401, "UNAUTHORIZED");
    assertEquals(200, r.status(), r.body());
    assertEquals("READY", r.json().get("state").asText());
    assertTrue(r.json().get("notice").isNull(), r.body());
  }

  @Test
  void healthIs503WithRetryAfterAndTheSameShapeWhenDegraded() {
    Reply r = fx.call(withStatus(degraded()), HttpRequest.GET("/health"));

    assertEquals(503, r.status(), r.body());
    assertEquals(Optional.of("1"), r.header("Retry-After"));
    assertEquals("application/json", r.contentType());
    JsonNode j = r.json();
    assertEquals("degraded", j.get("status").asText());
    assertEquals("DEGRADED", j.get("state").asText());
    JsonNode c = j.get("components");
    assertEquals("down", c.get("registry").get("status").asText());
    assertEquals(4, c.get("registry").get("restarts").asInt());
    assertEquals("failing", c.get("journal").get("status").asText());
    assertEquals("disk full", c.get("journal").get("error").asText());
    assertEquals(false, c.get("journal").get("last_write_ok").asBoolean());
    assertEquals(1, j.get("last_recovery").get("orphaned").asInt());
  }

  @Test
  void statusReportsTheSupervisorsState() {
    Reply r = fx.call(withStatus(degraded()), HttpRequest.GET("/status"));

    assertEquals(200, r.status(), r.body());
    assertEquals("running", r.json().get("status").asText());
    assertEquals("DEGRADED", r.json().get("state").asText());
  }

  @Test
  void healthIsNotRateLimited() {
    Route limited = fx.api(new HttpSettings("127.0.0.1", 0, 10240, 1,
        ApiFixture.SETTINGS.askTimeout()), ApiFixture.TOKEN).routes();
    for (int i = 0; i < 5; i++) {
      assertEquals(200, fx.call(limited, HttpRequest.GET("/health")).status());
    }
  }

  @Test
  void mutationsWhileTheRegistryIsDownGet503WithRetryAfterAtOnce() {
    fx.registry.tell(new PortRegistry.Availability(false, "restarting after a crash"));
    try {
      Reply r = fx.call(route, authed(HttpRequest.POST("/allocate")
          .withEntity(ContentTypes.APPLICATION_JSON, "{\"service_type\":\"web\"}")));

      JsonNode j = r.assertError(503, "REGISTRY_UNAVAILABLE");
      assertEquals(Optional.of("1"), r.header("Retry-After"));
      assertTrue(j.get("error").asText().contains("restarting after a crash"), r.body());
    } finally {
      fx.registry.tell(new PortRegistry.Availability(true, "ready"));
    }
  }
}
