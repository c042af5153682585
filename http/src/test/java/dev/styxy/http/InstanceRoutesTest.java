package dev.styxy.http;

import static dev.styxy.http.ApiFixture.authed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.styxy.http.ApiFixture.Reply;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.server.Route;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** {@code /instance/register}, {@code /instance/{id}/heartbeat}, {@code /instance/list}, DELETE. */
class InstanceRoutesTest {
  static final ApiFixture fx = new ApiFixture("InstanceRoutesTest");
  static final Route route = fx.api(ApiFixture.SETTINGS, ApiFixture.TOKEN).routes();
  static final String HOOK = "{\"instance_id\":\"claude-code-1732345678-4242\","
      + "\"working_directory\":\"/home/u/proj\",\"metadata\":{\"agent\":\"claude-code\","
      + "\"session_start\":\"2026-11-23T01:51:14Z\",\"pid\":4242,"
      + "\"features\":[\"cypress-integration\"]}}";

  @AfterAll
  static void shutdown() {
    fx.close();
  }

  static Reply register(String json) {
    return fx.call(route, authed(HttpRequest.POST("/instance/register")
        .withEntity(ContentTypes.APPLICATION_JSON, json)));
  }

  static Reply heartbeat(String id, String body) {
    HttpRequest put = HttpRequest.PUT("/instance/" + id + "/heartbeat");
    return fx.call(route, authed(body == null ? put
        : put.withEntity(ContentTypes.APPLICATION_JSON, body)));
  }

  static Reply deregister(String id) {
    return fx.call(route, authed(HttpRequest.DELETE("/instance/" + id)));
  }

  static JsonNode listed(String id) {
    for (JsonNode i : fx.call(route, authed(HttpRequest.GET("/instance/list"))).json()
        .get("instances")) {
      if (i.get("instance_id").asText().equals(id)) {
        return i;
      }
    }
    return null;
  }

  static String allocate(String json) {
    return fx.call(route, authed(HttpRequest.POST("/allocate")
        .withEntity(ContentTypes.APPLICATION_JSON, json))).json().get("lock_id").asText();
  }

  @Test
  void sessionStartHookPayloadRegistersWithTheOriginalReply() {
    Reply r = register(HOOK);

    assertEquals(200, r.status(), r.body());
    assertEquals("{\"success\":true,\"instance_id\":\"claude-code-1732345678-4242\","
        + "\"message\":\"Instance claude-code-1732345678-4242 registered\"}", r.body());
  }

  @Test
  void listShowsTheRegisteredInstanceWithItsMetadataAsGiven() {
    register(HOOK);

    JsonNode i = listed("claude-code-1732345678-4242");

    assertEquals(List.of("instance_id", "working_directory", "registered_at", "last_heartbeat",
        "active_allocations", "metadata", "pid"), AllocateRoutesTest.keys(i));
    assertEquals("/home/u/proj", i.get("working_directory").asText());
    assertEquals(ApiJson.read(HOOK, JsonNode.class).get("metadata"), i.get("metadata"));
    assertEquals(i.get("registered_at"), i.get("last_heartbeat"));
    assertTrue(i.get("pid").isNull(), i.toString());
    assertTrue(i.get("active_allocations").isArray());
  }

  @Test
  void listIsOrderedByIdAndNamesEachInstancesLiveLocks() {
    long pid = ProcessHandle.current().pid();
    register("{\"instance_id\":\"list-b\",\"pid\":" + pid + "}");
    register("{\"instance_id\":\"list-a\"}");
    String lock = allocate("{\"service_type\":\"web\",\"service_name\":\"lister\","
        + "\"instance_id\":\"list-b\"}");

    JsonNode all = fx.call(route, authed(HttpRequest.GET("/instance/list"))).json()
        .get("instances");
    List<String> ids = new ArrayList<>();
    all.forEach(i -> ids.add(i.get("instance_id").asText()));

    assertEquals(ids.stream().sorted().toList(), ids);
    assertEquals("[\"" + lock + "\"]", listed("list-b").get("active_allocations").toString());
    assertEquals(pid, listed("list-b").get("pid").asLong());
    assertEquals("{}", listed("list-a").get("metadata").toString());
    assertTrue(listed("list-a").get("working_directory").isNull());
  }

  @Test
  void missingInstanceIdIsRefusedWithTheOriginalMessage() {
    JsonNode j = register("{}").assertError(400, "INVALID_ARGUMENT");

    assertEquals("instance_id is required", j.get("error").asText());
  }

  @Test
  void invalidInstanceIdsAreRefusedWithTheValidatorsMessages() {
    assertEquals("instance_id can only contain letters, numbers, hyphens, and underscores",
        register("{\"instance_id\":\"a/b c\"}").assertError(400, "INVALID_ARGUMENT")
            .get("error").asText());
    assertEquals("instance_id must be 100 characters or less",
        register("{\"instance_id\":\"" + "x".repeat(101) + "\"}")
            .assertError(400, "INVALID_ARGUMENT").get("error").asText());
    assertEquals("instance_id is required and must be a string",
        register("{\"instance_id\":42}").assertError(400, "INVALID_ARGUMENT")
            .get("error").asText());
  }

  @Test
  void invalidOptionalFieldsAreRefused() {
    assertEquals("working_directory cannot contain null bytes",
        register("{\"instance_id\":\"w\",\"working_directory\":\"/a\\u0000b\"}")
            .assertError(400, "INVALID_ARGUMENT").get("error").asText());
    assertEquals("working_directory must be 1000 characters or less",
        register("{\"instance_id\":\"w\",\"working_directory\":\"" + "d".repeat(1001) + "\"}")
            .assertError(400, "INVALID_ARGUMENT").get("error").asText());
    assertEquals("metadata must be a JSON object",
        register("{\"instance_id\":\"w\",\"metadata\":[1]}")
            .assertError(400, "INVALID_ARGUMENT").get("error").asText());
    assertEquals("PID must be between 1 and 4194304, got: -3",
        register("{\"instance_id\":\"w\",\"pid\":-3}")
            .assertError(400, "INVALID_ARGUMENT").get("error").asText());
    register("{\"instance_id\":\"w\",\"colour\":1}").assertError(400, "INVALID_REQUEST");
    register("{not json").assertError(400, "INVALID_REQUEST");
  }

  @Test
  void heartbeatWithAnEmptyObjectBodyRecordsTheTime() {
    register("{\"instance_id\":\"beat-1\"}");
    String registeredAt = listed("beat-1").get("registered_at").asText();

    Reply r = heartbeat("beat-1", "{}");

    assertEquals(200, r.status(), r.body());
    JsonNode j = r.json();
    assertEquals(List.of("success", "instance_id", "last_heartbeat"), AllocateRoutesTest.keys(j));
    assertEquals("beat-1", j.get("instance_id").asText());
    Instant beat = Instant.parse(j.get("last_heartbeat").asText());
    assertTrue(!beat.isBefore(Instant.parse(registeredAt)), r.body());
    assertEquals(j.get("last_heartbeat"), listed("beat-1").get("last_heartbeat"));
  }

  @Test
  void heartbeatWithoutABodyIsAccepted() {
    register("{\"instance_id\":\"beat-2\"}");

    assertEquals(200, heartbeat("beat-2", null).status());
  }

  @Test
  void heartbeatOfAnUnknownInstanceIsNotFound() {
    JsonNode j = heartbeat("nobody", "{}").assertError(404, "INSTANCE_NOT_FOUND");

    assertEquals("Instance not found", j.get("error").asText());
  }

  @Test
  void deregisterReleasesTheInstancesAllocations() {
    register("{\"instance_id\":\"gone-1\"}");
    String lock = allocate("{\"service_type\":\"web\",\"instance_id\":\"gone-1\"}");

    Reply r = deregister("gone-1");

    assertEquals(200, r.status(), r.body());
    JsonNode j = r.json();
    assertEquals(List.of("success", "instance_id", "released", "message"),
        AllocateRoutesTest.keys(j));
    assertEquals(1, j.get("released").asInt());
    assertEquals(null, listed("gone-1"));
    fx.call(route, authed(HttpRequest.DELETE("/allocate/" + lock)))
        .assertError(404, "ALLOCATION_NOT_FOUND");
  }

  @Test
  void deregisterOfAnUnknownInstanceIsNotFound() {
    JsonNode j = deregister("nobody").assertError(404, "INSTANCE_NOT_FOUND");

    assertEquals("Instance not found", j.get("error").asText());
  }

  @Test
  void statusCountsRegisteredInstances() {
    register("{\"instance_id\":\"counted\"}");
    int listedCount = fx.call(route, authed(HttpRequest.GET("/instance/list"))).json()
        .get("instances").size();

    JsonNode status = fx.call(route, HttpRequest.GET("/status")).json();

    assertTrue(listedCount >= 1);
    assertEquals(listedCount, status.get("instances").asInt());
  }

  @Test
  void instanceRoutesNeedAuthentication() {
    fx.call(route, HttpRequest.GET("/instance/list")).assertError(401, "UNAUTHORIZED");
  }
}
