package dev.styxy.http;

import static dev.styxy.http.ApiFixture.authed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.styxy.actors.PortRegistry;
import dev.styxy.actors.RecoverySupervisor;
import dev.styxy.http.ApiFixture.Reply;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.server.Route;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** {@code /status}, {@code /allocations}, {@code /config} and {@code /suggest}. */
class ReadRoutesTest {
  static final long OWN_PID = ProcessHandle.current().pid();
  static final ApiFixture fx = new ApiFixture("ReadRoutesTest");
  static final Route route = fx.api(ApiFixture.SETTINGS, ApiFixture.TOKEN).routes();

  @AfterAll
  static void shutdown() {
    fx.close();
  }

  static Reply get(String uri) {
    return fx.call(route, authed(HttpRequest.GET(uri)));
  }

  static JsonNode allocate(String json) {
    return fx.call(route, authed(HttpRequest.POST("/allocate")
        .withEntity(ContentTypes.APPLICATION_JSON, json))).json();
  }

  @Test
  void statusAnswersWithoutAuthentication() {
    Reply r = fx.call(route, HttpRequest.GET("/status"));
    assertEquals(200, r.status(), r.body());
    assertTrue(r.body().startsWith("{\"status\":\"running\",\"uptime\":"), r.body());
    JsonNode j = r.json();
    assertEquals("READY", j.get("state").asText());
    assertTrue(j.get("allocations").isInt(), r.body());
    assertEquals(0, j.get("instances").asInt());
    assertEquals("test-version", j.get("version").asText());
    assertTrue(j.get("uptime").asDouble() > 0);
    assertTrue(j.get("memory").get("rss").asLong() > 0, r.body());
    assertTrue(j.get("memory").get("heap_used").asLong() > 0);
    assertTrue(r.header(ApiGuards.REQUEST_ID).isPresent());
  }

  @Test
  void statusReportsRecoveringWhileRegistryAndSupervisorAreSilent() {
    ActorRef<PortRegistry.Command> silent =
        fx.kit.<PortRegistry.Command>createTestProbe().getRef();
    ActorRef<RecoverySupervisor.Command> quiet =
        fx.kit.<RecoverySupervisor.Command>createTestProbe().getRef();
    Route recovering = fx.api(silent, quiet, ApiFixture.SETTINGS, ApiFixture.TOKEN).routes();
    Reply r = fx.call(recovering, HttpRequest.GET("/status"));
    assertEquals(200, r.status(), r.body());
    assertEquals("RECOVERING", r.json().get("state").asText());
    assertTrue(r.json().get("allocations").isNull(), r.body());
    assertEquals("running", r.json().get("status").asText());
  }

  @Test
  void allocationsHaveExactlyOnePortKeyPerRecordOrderedByPort() {
    allocate("{\"service_type\":\"web\",\"service_name\":\"list-b\",\"preferred_port\":62131}");
    allocate("{\"service_type\":\"web\",\"service_name\":\"list-a\",\"preferred_port\":62130,"
        + "\"pid\":" + OWN_PID + ",\"project_path\":\"/srv/app\"}");
    Reply r = get("/allocations");
    assertEquals(200, r.status(), r.body());
    JsonNode list = r.json().get("allocations");
    assertTrue(list.size() >= 2, r.body());
    assertEquals(list.size(), ApiFixture.count(r.body(), "\"port\":"), r.body());
    int last = 0;
    JsonNode listA = null;
    for (JsonNode rec : list) {
      assertTrue(rec.get("port").asInt() > last, r.body());
      last = rec.get("port").asInt();
      if ("list-a".equals(rec.get("service_name").asText())) {
        listA = rec;
      }
    }
    assertEquals(List.of("port", "lock_id", "lockId", "service_type", "service_name",
        "instance_id", "project_path", "pid", "allocated_at", "health", "lease_expires_at",
        "lease_ttl_s", "health_url", "serviceType", "serviceName", "instanceId", "projectPath",
        "process_id", "userAgent", "remoteIP"), keys(listA));
    assertEquals(62130, listA.get("port").asInt());
    assertEquals(listA.get("lock_id"), listA.get("lockId"));
    assertEquals(OWN_PID, listA.get("pid").asLong());
    assertEquals(OWN_PID, listA.get("process_id").asLong());
    assertEquals("default", listA.get("instance_id").asText());
    assertEquals("/srv/app", listA.get("projectPath").asText());
    assertTrue(listA.get("allocated_at").asText()
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), listA.toString());
    assertEquals(List.of("state", "since", "detail"), keys(listA.get("health")));
    assertEquals("STARTING", listA.get("health").get("state").asText());
    assertEquals(listA.get("allocated_at"), listA.get("health").get("since"));
    assertTrue(listA.get("lease_expires_at").isNull() && listA.get("lease_ttl_s").isNull()
        && listA.get("health_url").isNull(), listA.toString());
  }

  @Test
  void allocationsShowTheLeaseAndTheHealthUrl() {
    JsonNode made = allocate("{\"service_type\":\"web\",\"service_name\":\"leased-view\","
        + "\"lease_ttl_s\":900,\"health_url\":\"http://localhost:62120/ready\"}");
    JsonNode rec = null;
    for (JsonNode r : get("/allocations").json().get("allocations")) {
      if (r.get("lock_id").equals(made.get("lock_id"))) {
        rec = r;
      }
    }
    assertTrue(rec != null, made.toString());
    assertEquals(made.get("lease_expires_at"), rec.get("lease_expires_at"));
    assertEquals(900, rec.get("lease_ttl_s").asInt());
    assertEquals("http://localhost:62120/ready", rec.get("health_url").asText());
    assertEquals("STARTING", rec.get("health").get("state").asText());
    assertEquals("not yet seen listening", rec.get("health").get("detail").asText());
  }

  @Test
  void aReleasedAllocationShowsInTheHistoryWithItsReason() {
    JsonNode made = allocate("{\"service_type\":\"web\",\"service_name\":\"short-lived\"}");
    String lock = made.get("lock_id").asText();
    assertEquals(200, fx.call(route, authed(HttpRequest.DELETE("/allocate/" + lock))).status());

    JsonNode history = get("/allocations/history").json().get("recently_released");
    JsonNode newest = history.get(0);
    assertEquals(List.of("allocation", "released_at", "reason", "actor"), keys(newest));
    assertEquals(lock, newest.get("allocation").get("lock_id").asText());
    assertEquals(made.get("port").asInt(), newest.get("allocation").get("port").asInt());
    assertEquals("released", newest.get("reason").asText());
    assertEquals("http", newest.get("actor").asText());
    for (JsonNode live : get("/allocations").json().get("allocations")) {
      assertFalse(live.get("lock_id").asText().equals(lock), "no longer live");
    }
  }

  @Test
  void configListsTheCatalogInOrder() {
    Reply r = get("/config");
    assertEquals(200, r.status(), r.body());
    JsonNode types = r.json().get("service_types");
    assertEquals(List.of("web", "ai", "tiny"), keys(types));
    assertEquals("{\"preferred_ports\":[62100,62101],\"range\":[62100,62149],"
        + "\"description\":\"Test web services\",\"examples\":[\"web example\"],"
        + "\"instance_behavior\":\"multi\",\"source\":\"core\"}", types.get("web").toString());
    assertEquals("single", types.get("ai").get("instance_behavior").asText());
  }

  @Test
  void suggestSkipsAllocatedPortsAndAllocatesNothing() {
    int taken = allocate("{\"service_type\":\"web\",\"service_name\":\"sugg\","
        + "\"preferred_port\":62145}").get("port").asInt();
    int before = get("/allocations").json().get("allocations").size();
    Reply r = get("/suggest/web?count=3");
    assertEquals(200, r.status(), r.body());
    JsonNode j = r.json();
    assertEquals("web", j.get("service_type").asText());
    assertEquals(3, j.get("suggestions").size(), r.body());
    assertEquals(3, j.get("count").asInt());
    assertEquals("Found 3 available port(s)", j.get("message").asText());
    for (JsonNode p : j.get("suggestions")) {
      assertFalse(p.asInt() == taken, r.body());
      assertTrue(p.asInt() >= 62100 && p.asInt() <= 62149, r.body());
    }
    assertEquals(before, get("/allocations").json().get("allocations").size());
    assertEquals(5, get("/suggest/web").json().get("count").asInt());
  }

  @Test
  void suggestRejectsUnknownTypesAndBadCounts() {
    JsonNode j = get("/suggest/nope").assertError(404, "UNKNOWN_SERVICE_TYPE");
    assertTrue(j.get("error").asText().contains("nope"), j.toString());
    get("/suggest/web?count=0").assertError(400, "INVALID_ARGUMENT");
    get("/suggest/web?count=101").assertError(400, "INVALID_ARGUMENT");
    get("/suggest/web?count=abc").assertError(400, "INVALID_ARGUMENT");
  }

  static List<String> keys(JsonNode node) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }
}
