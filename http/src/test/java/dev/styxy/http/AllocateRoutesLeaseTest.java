package dev.styxy.http;

import static dev.styxy.http.ApiFixture.authed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.styxy.actors.PortRegistry;
import dev.styxy.actors.StateView;
import dev.styxy.actors.health.OsOwners;
import dev.styxy.http.ApiFixture.Reply;
import dev.styxy.persistence.Allocation;
import dev.styxy.persistence.AllocationId;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /allocate} with {@code lease_ttl_s}, {@code health_url} and {@code pid}, and
 * {@code PUT /allocate/{lockId}/heartbeat}. The fixture's clock is moved forward to let time pass.
 */
class AllocateRoutesLeaseTest {
  static final ApiFixture fx = new ApiFixture("AllocateRoutesLeaseTest");
  static final Route route = fx.api(ApiFixture.SETTINGS, ApiFixture.TOKEN).routes();
  static final long OWN_PID = ProcessHandle.current().pid();

  @AfterAll
  static void shutdown() {
    fx.close();
  }

  static Reply allocate(String fields) {
    return fx.call(route, authed(HttpRequest.POST("/allocate").withEntity(
        ContentTypes.APPLICATION_JSON, "{\"service_type\":\"web\"" + fields + "}")));
  }

  static Reply heartbeat(String lockId) {
    return fx.call(route, authed(HttpRequest.PUT("/allocate/" + lockId + "/heartbeat")));
  }

  static Allocation stored(String lockId) {
    TestProbe<StateView> probe = fx.kit.createTestProbe();
    fx.registry.tell(new PortRegistry.GetState(probe.getRef()));
    return probe.receiveMessage().state().byId(AllocationId.parse(lockId)).orElseThrow();
  }

  @Test
  void aLeasedAllocationRepliesWithItsExpiryAfterTheOriginalKeys() {
    Instant before = fx.clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Reply r = allocate(",\"lease_ttl_s\":300");
    Instant after = fx.clock.instant();
    assertEquals(200, r.status(), r.body());
    JsonNode j = r.json();
    assertEquals(List.of("success", "port", "lock_id", "message", "reasons", "lease_expires_at",
        "lease_ttl_s"), AllocateRoutesTest.keys(j));
    assertEquals(300, j.get("lease_ttl_s").asInt());
    Instant expires = ApiJson.parseIso(j.get("lease_expires_at").asText());
    assertFalse(expires.isBefore(before.plusSeconds(300)), r.body());
    assertFalse(expires.isAfter(after.plusSeconds(300)), r.body());
  }

  @Test
  void aRepeatedLeasedClaimShowsTheLeaseInTheReuseShape() {
    String fields = ",\"service_name\":\"leased-claim\",\"lease_ttl_s\":45";
    JsonNode first = allocate(fields).json();
    JsonNode again = allocate(fields).json();
    assertTrue(again.get("existing").asBoolean(), again.toString());
    assertEquals(first.get("lease_expires_at"), again.get("lease_expires_at"));
    assertEquals(45, again.get("lease_ttl_s").asInt());
    List<String> keys = AllocateRoutesTest.keys(again);
    assertEquals(List.of("lease_expires_at", "lease_ttl_s"), keys.subList(9, keys.size()));
  }

  @Test
  void leaseTtlOutsideItsBoundsIsRefusedNamingFieldAndBounds() {
    for (String bad : List.of("0", "-1", "604801", "2.5", "\"60\"")) {
      JsonNode j = allocate(",\"lease_ttl_s\":" + bad).assertError(400, "INVALID_ARGUMENT");
      assertEquals("lease_ttl_s must be an integer number of seconds between 1 and 604800, got: "
          + bad, j.get("error").asText());
    }
  }

  @Test
  void healthUrlMustBeALoopbackHttpUrl() {
    JsonNode remote = allocate(",\"health_url\":\"http://example.org/health\"")
        .assertError(400, "INVALID_ARGUMENT");
    assertEquals("health_url must point at this machine (localhost, 127.0.0.1 or [::1])",
        remote.get("error").asText());
    assertTrue(allocate(",\"health_url\":\"ftp://127.0.0.1/\"")
        .assertError(400, "INVALID_ARGUMENT").get("error").asText().contains("http or https"));
    assertTrue(allocate(",\"health_url\":\"http://me:pw@localhost/\"")
        .assertError(400, "INVALID_ARGUMENT").get("error").asText().contains("user info"));
    String tooLong = "http://localhost/" + "x".repeat(2040);
    assertEquals("health_url must be 2048 characters or less",
        allocate(",\"health_url\":\"" + tooLong + "\"").assertError(400, "INVALID_ARGUMENT")
            .get("error").asText());
  }

  @Test
  void anIpv6LoopbackHealthUrlIsStored() {
    Reply r = allocate(",\"health_url\":\"http://[::1]:62110/health\"");
    assertEquals(200, r.status(), r.body());
    assertEquals(List.of("success", "port", "lock_id", "message", "reasons"),
        AllocateRoutesTest.keys(r.json()), "no lease keys without a lease");
    assertEquals("http://[::1]:62110/health",
        stored(r.json().get("lock_id").asText()).healthUrl());
  }

  @Test
  void aPidWithoutAProcessIsRefused() throws Exception {
    Process gone = new ProcessBuilder("sleep", "600").start();
    long pid = gone.pid();
    gone.destroy();
    gone.waitFor();
    JsonNode j = allocate(",\"pid\":" + pid).assertError(400, "INVALID_ARGUMENT");
    assertEquals("no process with pid " + pid, j.get("error").asText());
  }

  @Test
  void theOwnersStartTimeIsRecordedWithItsPid() {
    Reply r = allocate(",\"service_name\":\"owned\",\"pid\":" + OWN_PID);
    assertEquals(200, r.status(), r.body());
    Allocation a = stored(r.json().get("lock_id").asText());
    assertEquals(OWN_PID, a.pid());
    assertTrue(OsOwners.startTime(OWN_PID).isPresent(), "the OS reports start times here");
    assertEquals(OsOwners.startTime(OWN_PID).get(), a.ownerStartedAt());
  }

  @Test
  void heartbeatMovesTheLeaseForward() {
    JsonNode a = allocate(",\"service_name\":\"beating\",\"lease_ttl_s\":60").json();
    String lock = a.get("lock_id").asText();
    Instant first = ApiJson.parseIso(a.get("lease_expires_at").asText());
    fx.clock.advance(Duration.ofSeconds(30));
    Reply r = heartbeat(lock);
    assertEquals(200, r.status(), r.body());
    JsonNode j = r.json();
    assertEquals(List.of("success", "lock_id", "lockId", "port", "lease_expires_at", "message"),
        AllocateRoutesTest.keys(j));
    assertTrue(j.get("success").asBoolean());
    assertEquals(lock, j.get("lock_id").asText());
    assertEquals(lock, j.get("lockId").asText());
    assertEquals(a.get("port"), j.get("port"));
    Instant renewed = ApiJson.parseIso(j.get("lease_expires_at").asText());
    assertFalse(renewed.isBefore(first.plusSeconds(30)), first + " -> " + renewed);
    assertEquals("Lease of port " + a.get("port").asInt() + " renewed until "
        + j.get("lease_expires_at").asText(), j.get("message").asText());
    assertEquals(renewed, stored(lock).leaseExpiresAt().truncatedTo(ChronoUnit.MILLIS));
  }

  @Test
  void heartbeatIgnoresItsBodyButNotTheSizeLimit() {
    String lock = allocate(",\"lease_ttl_s\":60").json().get("lock_id").asText();
    HttpRequest put = HttpRequest.PUT("/allocate/" + lock + "/heartbeat");
    Reply junk = fx.call(route, authed(put.withEntity(ContentTypes.APPLICATION_JSON, "not json")));
    assertEquals(200, junk.status(), junk.body());
    // Streamed without a length, so only reading the body can find it too large.
    Source<ByteString, NotUsed> big = Source.single(ByteString.fromString("x".repeat(20_000)));
    fx.call(route, authed(put.withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, big))))
        .assertError(413, "PAYLOAD_TOO_LARGE");
  }

  @Test
  void heartbeatOfAnUnknownLockIsNotFound() {
    String lock = UUID.randomUUID().toString();
    JsonNode j = heartbeat(lock).assertError(404, "ALLOCATION_NOT_FOUND");
    assertEquals("Lock ID " + lock + " not found", j.get("error").asText());
  }

  @Test
  void heartbeatOfAnAllocationWithoutALeaseIsAConflict() {
    String lock = allocate(",\"service_name\":\"no-lease\"").json().get("lock_id").asText();
    JsonNode j = heartbeat(lock).assertError(409, "NO_LEASE");
    assertTrue(j.get("error").asText().contains("lease_ttl_s"), j.toString());
  }

  @Test
  void heartbeatRejectsAMalformedLockIdAndNeedsTheToken() {
    JsonNode j = heartbeat("not-a-uuid").assertError(400, "INVALID_ARGUMENT");
    assertEquals("lock_id must be a valid UUID v4", j.get("error").asText());
    fx.call(route, HttpRequest.PUT("/allocate/" + UUID.randomUUID() + "/heartbeat"))
        .assertError(401, "UNAUTHORIZED");
    fx.call(route, authed(HttpRequest.GET("/allocate/" + UUID.randomUUID() + "/heartbeat")))
        .assertError(405, "METHOD_NOT_ALLOWED");
  }
}
