package dev.styxy.http;

import static dev.styxy.http.ApiFixture.authed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.styxy.http.ApiFixture.Reply;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.server.Route;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /cleanup} against a registry with a health layer, so owner processes are checked
 * for real.
 */
class CleanupRoutesTest {
  static final ApiFixture fx = new ApiFixture("CleanupRoutesTest", true);
  static final Route route = fx.api(ApiFixture.SETTINGS, ApiFixture.TOKEN).routes();
  static final long OWN_PID = ProcessHandle.current().pid();

  @AfterAll
  static void shutdown() {
    fx.close();
  }

  static Reply cleanup(String body) {
    HttpRequest post = HttpRequest.POST("/cleanup");
    return fx.call(route, authed(body == null ? post
        : post.withEntity(ContentTypes.APPLICATION_JSON, body)));
  }

  static String allocate(String fields) {
    Reply r = fx.call(route, authed(HttpRequest.POST("/allocate").withEntity(
        ContentTypes.APPLICATION_JSON, "{" + fields + "}")));
    assertEquals(200, r.status(), r.body());
    return r.json().get("lock_id").asText();
  }

  static List<String> liveLocks() {
    List<String> locks = new ArrayList<>();
    for (JsonNode a : fx.call(route, authed(HttpRequest.GET("/allocations"))).json()
        .get("allocations")) {
      locks.add(a.get("lock_id").asText());
    }
    return locks;
  }

  @Test
  void cleanupReleasesAllocationsWhoseOwnerExitedAndKeepsLiveOnes() throws Exception {
    Process owner = new ProcessBuilder("sleep", "600").start();
    String dead;
    try {
      dead = allocate("\"service_type\":\"web\",\"service_name\":\"doomed\",\"pid\":"
          + owner.pid());
    } finally {
      owner.destroy();
      owner.waitFor();
    }
    String alive = allocate("\"service_type\":\"web\",\"service_name\":\"kept\",\"pid\":"
        + OWN_PID);
    Reply r = cleanup("{\"force\":false}");
    assertEquals(200, r.status(), r.body());
    assertEquals("{\"success\":true,\"cleaned\":1,\"message\":\"Cleaned up 1 stale allocations\"}",
        r.body());
    List<String> live = liveLocks();
    assertFalse(live.contains(dead), live.toString());
    assertTrue(live.contains(alive), live.toString());
  }

  @Test
  void cleanupWithoutABodyReleasesNothingLive() {
    String kept = allocate("\"service_type\":\"web\",\"service_name\":\"no-body\",\"pid\":"
        + OWN_PID);
    Reply r = cleanup(null);
    assertEquals(200, r.status(), r.body());
    assertEquals("{\"success\":true,\"cleaned\":0,\"message\":\"Cleaned up 0 stale allocations\"}",
        r.body());
    assertTrue(liveLocks().contains(kept));
    assertEquals(200, cleanup("{}").status());
  }

  @Test
  void forcedCleanupReleasesEverythingIncludingSingleInstanceTypes() {
    String single = allocate("\"service_type\":\"ai\",\"instance_id\":\"agent-x\"");
    allocate("\"service_type\":\"web\",\"service_name\":\"forced\",\"pid\":" + OWN_PID);
    int live = liveLocks().size();
    Reply r = cleanup("{\"force\":true}");
    assertEquals(200, r.status(), r.body());
    JsonNode j = r.json();
    assertTrue(j.get("success").asBoolean());
    assertEquals(live, j.get("cleaned").asInt(), r.body());
    assertEquals("Force cleanup completed", j.get("message").asText());
    assertEquals(List.of(), liveLocks());
    Reply again = fx.call(route, authed(HttpRequest.POST("/allocate").withEntity(
        ContentTypes.APPLICATION_JSON, "{\"service_type\":\"ai\",\"instance_id\":\"agent-y\"}")));
    assertFalse(again.json().has("existing"), "the singleton slot is free: " + again.body());
    assertFalse(single.equals(again.json().get("lock_id").asText()));
  }

  @Test
  void cleanupRefusesOtherKeysAndNonBooleanForce() {
    JsonNode unknown = cleanup("{\"force\":true,\"all\":1}").assertError(400, "INVALID_REQUEST");
    assertTrue(unknown.get("error").asText().startsWith("Unknown field 'all'"), unknown.toString());
    for (String bad : List.of("{\"force\":\"yes\"}", "{\"force\":1}")) {
      JsonNode j = cleanup(bad).assertError(400, "INVALID_REQUEST");
      assertEquals("Field 'force' must be a boolean (true or false)", j.get("error").asText());
    }
    cleanup("{\"force\":").assertError(400, "INVALID_REQUEST");
    cleanup("[true]").assertError(400, "INVALID_REQUEST");
  }

  @Test
  void cleanupNeedsTheTokenAndPost() {
    fx.call(route, HttpRequest.POST("/cleanup")).assertError(401, "UNAUTHORIZED");
    fx.call(route, authed(HttpRequest.GET("/cleanup"))).assertError(405, "METHOD_NOT_ALLOWED");
  }
}
