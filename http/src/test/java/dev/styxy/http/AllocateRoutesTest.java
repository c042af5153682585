package dev.styxy.http;

import static dev.styxy.http.ApiFixture.authed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.styxy.config.HttpSettings;
import dev.styxy.http.ApiFixture.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class AllocateRoutesTest {
  static final ApiFixture fx = new ApiFixture("AllocateRoutesTest");
  static final Route route = fx.api(ApiFixture.SETTINGS, ApiFixture.TOKEN).routes();

  @AfterAll
  static void shutdown() {
    fx.close();
  }

  static Reply allocate(String json) {
    return fx.call(route,
        authed(HttpRequest.POST("/allocate").withEntity(ContentTypes.APPLICATION_JSON, json)));
  }

  static List<String> keys(JsonNode node) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  @Test
  void allocateRepliesWithTheOriginalShapeAndReasons() {
    Reply r = allocate("{\"service_type\":\"web\",\"service_name\":\"shape\"}");
    assertEquals(200, r.status(), r.body());
    assertEquals("application/json", r.contentType());
    assertTrue(r.body().startsWith("{\"success\":true,\"port\":"), r.body());
    JsonNode j = r.json();
    assertEquals(List.of("success", "port", "lock_id", "message", "reasons"), keys(j));
    int port = j.get("port").asInt();
    assertTrue(port >= 62100 && port <= 62149, r.body());
    assertEquals("Port " + port + " allocated for web service", j.get("message").asText());
    assertTrue(j.get("reasons").isArray() && j.get("reasons").size() > 0, r.body());
    assertTrue(r.header(ApiGuards.REQUEST_ID).isPresent(), "X-Request-Id on success");
  }

  @Test
  void allocateParsesJsonSentWithAFormContentType() {
    Reply r = fx.call(route, authed(HttpRequest.POST("/allocate").withEntity(
        ContentTypes.APPLICATION_X_WWW_FORM_URLENCODED, "{\"service_type\":\"web\"}")));
    assertEquals(200, r.status(), r.body());
  }

  @Test
  void allocateAcceptsANumericStringPreferredPort() {
    Reply r = allocate("{\"service_type\":\"web\",\"preferred_port\":\"62140\"}");
    assertEquals(200, r.status(), r.body());
    assertEquals(62140, r.json().get("port").asInt());
  }

  @Test
  void allocateCarriesTheClientRequestIdIntoTheReply() {
    Reply r = fx.call(route, authed(HttpRequest.POST("/allocate")
        .withEntity(ContentTypes.APPLICATION_JSON, "{\"service_type\":\"nope\"}")
        .addHeader(RawHeader.create("X-Request-Id", "hook-42.a:b"))));
    JsonNode j = r.assertError(400, "UNKNOWN_SERVICE_TYPE");
    assertEquals("hook-42.a:b", j.get("request_id").asText());
  }

  @Test
  void aBodyThatNeverArrivesIsABadRequestNotARegistryTimeout() {
    HttpSettings quick = new HttpSettings("127.0.0.1", 0, 10240, 6000, Duration.ofMillis(300));
    Route impatient = fx.api(quick, ApiFixture.TOKEN).routes();
    Reply r = fx.call(impatient, authed(HttpRequest.POST("/allocate").withEntity(
        HttpEntities.create(ContentTypes.APPLICATION_JSON, Source.<ByteString>never()))));
    JsonNode j = r.assertError(400, "INVALID_REQUEST");
    assertTrue(j.get("error").asText().contains("did not arrive"), j.toString());
  }

  @Test
  void malformedJsonIsABadRequestNotAServerError() {
    JsonNode j = allocate("{\"service_type\":").assertError(400, "INVALID_REQUEST");
    assertTrue(j.get("error").asText().startsWith("Malformed JSON"), j.toString());
  }

  @Test
  void wrongJsonTypeIsABadRequest() {
    JsonNode j = allocate("{\"service_type\":\"web\",\"pid\":\"abc\"}")
        .assertError(400, "INVALID_REQUEST");
    assertEquals("Field 'pid' must be an integer", j.get("error").asText());
    allocate("[1,2]").assertError(400, "INVALID_REQUEST");
    allocate("{\"service_type\":\"web\",\"dry_run\":\"maybe\"}")
        .assertError(400, "INVALID_REQUEST");
  }

  @Test
  void unknownFieldIsNamedInTheError() {
    JsonNode j = allocate("{\"service_type\":\"web\",\"colour\":\"red\"}")
        .assertError(400, "INVALID_REQUEST");
    assertTrue(j.get("error").asText().contains("'colour'"), j.toString());
  }

  @Test
  void missingServiceTypeUsesTheOriginalMessage() {
    JsonNode j = allocate("{}").assertError(400, "INVALID_ARGUMENT");
    assertEquals("service_type is required and must be a string", j.get("error").asText());
    Reply empty = fx.call(route, authed(HttpRequest.POST("/allocate")));
    empty.assertError(400, "INVALID_ARGUMENT");
  }

  @Test
  void invalidValuesAreRefusedWithTheOriginalMessages() {
    assertEquals("Invalid port number: 70000", allocate(
        "{\"service_type\":\"web\",\"preferred_port\":70000}").assertError(400, "INVALID_ARGUMENT")
        .get("error").asText());
    assertEquals("service_name can only contain letters, numbers, hyphens, underscores, and dots",
        allocate("{\"service_type\":\"web\",\"service_name\":\"a b\"}")
            .assertError(400, "INVALID_ARGUMENT").get("error").asText());
    assertEquals("service_type can only contain letters, numbers, and hyphens",
        allocate("{\"service_type\":\"we_b\"}").assertError(400, "INVALID_ARGUMENT")
            .get("error").asText());
  }

  @Test
  void unknownServiceTypeIsABadRequest() {
    JsonNode j = allocate("{\"service_type\":\"grafana\"}")
        .assertError(400, "UNKNOWN_SERVICE_TYPE");
    assertTrue(j.get("error").asText().contains("grafana"), j.toString());
  }

  @Test
  void exhaustedRangeIsAConflictWithReasons() {
    assertEquals(200, allocate("{\"service_type\":\"tiny\"}").status());
    JsonNode j = allocate("{\"service_type\":\"tiny\"}").assertError(409, "RANGE_EXHAUSTED");
    assertTrue(j.get("reasons").isArray() && j.get("reasons").size() > 0, j.toString());
    assertEquals(List.of("success", "error", "code", "request_id", "reasons"), keys(j));
  }

  @Test
  void singletonTypeReturnsTheLiveAllocationInTheReuseShape() {
    long pid = ProcessHandle.current().pid();
    JsonNode first = allocate("{\"service_type\":\"ai\",\"instance_id\":\"agent-a\",\"pid\":"
        + pid + "}").json();
    Reply again = allocate("{\"service_type\":\"ai\",\"instance_id\":\"agent-b\"}");
    assertEquals(200, again.status(), again.body());
    JsonNode j = again.json();
    assertEquals(List.of("success", "port", "lock_id", "message", "existing", "lockId",
        "existingInstanceId", "existingPid", "allocatedAt"), keys(j));
    assertTrue(j.get("success").asBoolean());
    assertTrue(j.get("existing").asBoolean());
    assertEquals(first.get("port").asInt(), j.get("port").asInt());
    assertEquals(first.get("lock_id").asText(), j.get("lock_id").asText());
    assertEquals(first.get("lock_id").asText(), j.get("lockId").asText());
    assertEquals("agent-a", j.get("existingInstanceId").asText());
    assertEquals(pid, j.get("existingPid").asLong());
    assertTrue(j.get("allocatedAt").isIntegralNumber(), again.body());
    assertEquals("Service 'ai' only allows single instance", j.get("message").asText());
  }

  @Test
  void repeatedNamedClaimReturnsTheSameLock() {
    String body = "{\"service_type\":\"web\",\"service_name\":\"claim-me\",\"instance_id\":\"i1\","
        + "\"project_path\":\"/tmp/p\"}";
    JsonNode first = allocate(body).json();
    JsonNode second = allocate(body).json();
    assertTrue(second.get("existing").asBoolean(), second.toString());
    assertEquals(first.get("lock_id").asText(), second.get("lock_id").asText());
    assertEquals(first.get("port").asInt(), second.get("port").asInt());
  }

  @Test
  void dryRunReservesNothing() {
    Reply r = allocate("{\"service_type\":\"web\",\"dry_run\":true}");
    assertEquals(200, r.status(), r.body());
    JsonNode j = r.json();
    assertEquals(List.of("success", "port", "dry_run", "message", "service_type", "service_name"),
        keys(j));
    assertEquals("unnamed-service", j.get("service_name").asText());
    JsonNode check = fx.call(route, authed(HttpRequest.GET("/check/" + j.get("port").asInt())))
        .json();
    assertTrue(check.get("allocated_to").isNull(), check.toString());
  }

  @Test
  void releaseFreesThePortOnceThenReportsNotFound() {
    JsonNode a = allocate("{\"service_type\":\"web\",\"service_name\":\"release-me\"}").json();
    String lock = a.get("lock_id").asText();
    Reply r = fx.call(route, authed(HttpRequest.DELETE("/allocate/" + lock)));
    assertEquals(200, r.status(), r.body());
    assertEquals("{\"success\":true,\"message\":\"Port " + a.get("port").asInt()
        + " released\",\"port\":" + a.get("port").asInt() + "}", r.body());
    JsonNode again = fx.call(route, authed(HttpRequest.DELETE("/allocate/" + lock)))
        .assertError(404, "ALLOCATION_NOT_FOUND");
    assertEquals("Lock ID " + lock + " not found", again.get("error").asText());
  }

  @Test
  void releaseRejectsAMalformedLockId() {
    JsonNode j = fx.call(route, authed(HttpRequest.DELETE("/allocate/not-a-uuid")))
        .assertError(400, "INVALID_ARGUMENT");
    assertEquals("lock_id must be a valid UUID v4", j.get("error").asText());
  }

  @Test
  void allocateRecordsTheCallerInTheAllocation() {
    fx.call(route, authed(HttpRequest.POST("/allocate")
        .withEntity(ContentTypes.APPLICATION_JSON, "{\"service_type\":\"web\",\"service_name\":"
            + "\"by-cli\"}")
        .addHeader(RawHeader.create("User-Agent", "styxy-cli/0.2"))));
    JsonNode all = fx.call(route, authed(HttpRequest.GET("/allocations"))).json();
    Optional<JsonNode> mine = Optional.empty();
    for (JsonNode rec : all.get("allocations")) {
      if ("by-cli".equals(rec.get("service_name").asText())) {
        mine = Optional.of(rec);
      }
    }
    assertTrue(mine.isPresent(), all.toString());
    assertEquals("styxy-cli/0.2", mine.get().get("userAgent").asText());
  }
}
