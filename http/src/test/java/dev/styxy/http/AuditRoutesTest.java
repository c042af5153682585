package dev.styxy.http;

import static dev.styxy.http.ApiFixture.authed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.styxy.http.ApiFixture.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.server.Route;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /audit} over the in-memory journal: five allocations of {@code web} (62100..62104),
 * the second released, one auto-free clock step between requests.
 */
class AuditRoutesTest {
  static final ApiFixture fx = new ApiFixture("AuditRoutesTest");
  static final Route route = fx.api(ApiFixture.SETTINGS, ApiFixture.TOKEN).routes();
  static final List<String> locks = new ArrayList<>();

  @BeforeAll
  static void writeEvents() {
    for (int i = 0; i < 5; i++) {
      JsonNode a = fx.call(route, authed(HttpRequest.POST("/allocate").withEntity(
          ContentTypes.APPLICATION_JSON, "{\"service_type\":\"web\",\"service_name\":\"s" + i
              + "\",\"pid\":" + ProcessHandle.current().pid() + "}"))).json();
      locks.add(a.get("lock_id").asText());
      fx.clock.advance(Duration.ofMinutes(1));
    }
    fx.call(route, authed(HttpRequest.DELETE("/allocate/" + locks.get(1))));
  }

  @AfterAll
  static void shutdown() {
    fx.close();
  }

  static Reply get(String uri) {
    return fx.call(route, authed(HttpRequest.GET(uri)));
  }

  static List<Long> seqs(JsonNode body) {
    List<Long> seqs = new ArrayList<>();
    body.get("events").forEach(e -> seqs.add(e.get("seq").asLong()));
    return seqs;
  }

  @Test
  void listsJournaledEventsNewestFirstWithTheirFields() {
    Reply r = get("/audit");
    assertEquals(200, r.status(), r.body());
    assertEquals(List.of(6L, 5L, 4L, 3L, 2L, 1L), seqs(r.json()));
    JsonNode released = r.json().get("events").get(0);
    assertEquals("released", released.get("event").asText());
    assertEquals(62101, released.get("port").asInt());
    assertEquals(locks.get(1), released.get("lock_id").asText());
    assertEquals("web", released.get("service_type").asText());
    assertEquals("released", released.get("reason").asText());
    assertEquals("http", released.get("actor").asText());
    assertTrue(released.get("request_id").asText().length() > 0, r.body());
    JsonNode allocated = r.json().get("events").get(1);
    assertTrue(r.body().startsWith("{\"events\":[{\"seq\":6,\"timestamp\":\""), r.body());
    assertEquals("s4", allocated.get("owner").get("service_name").asText(), r.body());
    assertTrue(r.json().get("next").isNull(), r.body());
  }

  @Test
  void pagesContinueWithTheNextCursor() {
    JsonNode first = get("/audit?limit=4").json();
    assertEquals(List.of(6L, 5L, 4L, 3L), seqs(first));
    assertEquals(3, first.get("next").asLong());
    JsonNode second = get("/audit?limit=4&before=3").json();
    assertEquals(List.of(2L, 1L), seqs(second));
    assertTrue(second.get("next").isNull());
  }

  @Test
  void portAndLockIdFiltersAnswerWhoHadAPort() {
    assertEquals(List.of(6L, 2L), seqs(get("/audit?port=62101").json()));
    assertEquals(List.of(6L, 2L), seqs(get("/audit?lock_id=" + locks.get(1)).json()));
    assertEquals(List.of(2L), seqs(get("/audit?port=62101&event=allocated").json()));
    assertEquals(List.of(), seqs(get("/audit?service_type=ai").json()));
  }

  @Test
  void timeFiltersBoundTheEvents() {
    String start = fx.call(route, authed(HttpRequest.GET("/audit?limit=1&before=2")))
        .json().get("events").get(0).get("timestamp").asText();
    assertEquals(List.of(2L, 1L), seqs(get("/audit?until="
        + Instant.parse(start).plusSeconds(90)).json()));
    String releasedAt = get("/audit?limit=1").json().get("events").get(0).get("timestamp")
        .asText();
    assertEquals(List.of(6L), seqs(get("/audit?since=" + releasedAt).json()));
  }

  @Test
  void badFiltersAreRefusedWithAClearMessage() {
    assertTrue(get("/audit?since=yesterday").assertError(400, "INVALID_ARGUMENT")
        .get("error").asText().contains("'since' must be an ISO-8601 time"));
    get("/audit?limit=-1").assertError(400, "INVALID_ARGUMENT");
    get("/audit?limit=0").assertError(400, "INVALID_ARGUMENT");
    assertTrue(get("/audit?limit=1001").assertError(400, "INVALID_ARGUMENT")
        .get("error").asText().contains("1..1000"));
    get("/audit?port=70000").assertError(400, "INVALID_ARGUMENT");
    get("/audit?before=abc").assertError(400, "INVALID_ARGUMENT");
    get("/audit?event=exploded").assertError(400, "INVALID_ARGUMENT");
    get("/audit?since=2026-01-02T00:00:00Z&until=2026-01-01T00:00:00Z")
        .assertError(400, "INVALID_ARGUMENT");
    assertTrue(get("/audit?lockId=x").assertError(400, "INVALID_ARGUMENT")
        .get("error").asText().contains("Unknown query parameter 'lockId'"));
  }

  @Test
  void auditNeedsTheToken() {
    fx.call(route, HttpRequest.GET("/audit")).assertError(401, "UNAUTHORIZED");
  }
}
