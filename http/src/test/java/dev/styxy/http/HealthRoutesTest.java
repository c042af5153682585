package dev.styxy.http;

import static dev.styxy.http.ApiFixture.authed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.styxy.actors.PortRegistry;
import dev.styxy.actors.RecoverySupervisor;
import dev.styxy.actors.RegistryReport;
import dev.styxy.config.HttpSettings;
import dev.styxy.http.ApiFixture.Reply;
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

  /** A supervisor that always answers {@code status}. */
  private static Route withStatus(RecoverySupervisor.Status status) {
    ActorRef<RecoverySupervisor.Command> stub = fx.kit.spawn(
        Behaviors.receiveMessage(m -> {
          ((RecoverySupervisor.GetStatus) m).replyTo().tell(status);
          return Behaviors.same();
        }));
    return fx.api(fx.registry, stub, ApiFixture.SETTINGS, ApiFixture.TOKEN).routes();
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
    assertEquals(0, j.get("last_recovery").get("orphaned").asInt(), r.body());
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
