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
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.server.Route;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** {@code POST /allocate} with {@code lease_ttl_s}, {@code health_url} and {@code pid}. */
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
}
