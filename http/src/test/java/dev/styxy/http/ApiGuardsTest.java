package dev.styxy.http;

import static dev.styxy.http.ApiFixture.authed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.styxy.actors.PortRegistry;
import dev.styxy.actors.StateView;
import dev.styxy.config.HttpSettings;
import dev.styxy.http.ApiFixture.Reply;
import java.time.Duration;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Cross-cutting behaviour: request ids, auth, DNS-rebinding guard, limits and error mapping. */
class ApiGuardsTest {
  static final ApiFixture fx = new ApiFixture("ApiGuardsTest");
  static final Route route = fx.api(ApiFixture.SETTINGS, ApiFixture.TOKEN).routes();

  @AfterAll
  static void shutdown() {
    fx.close();
  }

  static Reply call(HttpRequest request) {
    return fx.call(route, request);
  }

  static HttpRequest header(HttpRequest request, String name, String value) {
    return request.addHeader(RawHeader.create(name, value));
  }

  @Test
  void wellFormedClientRequestIdsAreEchoedAndOthersReplaced() {
    Reply echoed = call(header(authed(HttpRequest.GET("/config")), "X-Request-Id", "abc-123"));
    assertEquals(Optional.of("abc-123"), echoed.header("X-Request-Id"));
    Reply replaced = call(header(authed(HttpRequest.GET("/config")), "X-Request-Id", "bad id!"));
    String id = replaced.header("X-Request-Id").orElseThrow();
    assertNotEquals("bad id!", id);
    assertTrue(id.matches("[0-9a-f-]{36}"), id);
  }

  @Test
  void requestsWithoutATokenAreRefused() {
    JsonNode j = call(HttpRequest.GET("/allocations")).assertError(401, "UNAUTHORIZED");
    assertEquals("Authentication required. Provide API key via Authorization: Bearer <key> or "
        + "X-API-Key: <key> header", j.get("error").asText());
  }

  @Test
  void aWrongTokenIsRefused() {
    JsonNode j = call(header(HttpRequest.GET("/allocations"), "Authorization", "Bearer nope"))
        .assertError(401, "UNAUTHORIZED");
    assertEquals("Invalid API key", j.get("error").asText());
    call(header(HttpRequest.GET("/allocations"), "X-API-Key", ApiFixture.TOKEN + "0"))
        .assertError(401, "UNAUTHORIZED");
  }

  @Test
  void bearerAndApiKeyHeadersBothAuthenticate() {
    assertEquals(200, call(header(HttpRequest.GET("/allocations"), "Authorization",
        "Bearer " + ApiFixture.TOKEN)).status());
    assertEquals(200, call(header(HttpRequest.GET("/allocations"), "X-API-Key",
        ApiFixture.TOKEN)).status());
  }

  @Test
  void onlyGetStatusIsExemptFromAuthentication() {
    assertEquals(200, call(HttpRequest.GET("/status")).status());
    call(HttpRequest.POST("/status")).assertError(401, "UNAUTHORIZED");
    call(HttpRequest.GET("/config")).assertError(401, "UNAUTHORIZED");
  }

  @Test
  void aNullTokenDisablesAuthentication() {
    Route open = fx.api(ApiFixture.SETTINGS, null).routes();
    assertEquals(200, fx.call(open, HttpRequest.GET("/allocations")).status());
  }

  @Test
  void foreignHostIsForbidden() {
    JsonNode j = call(header(authed(HttpRequest.GET("/config")), "Host", "evil.example:9876"))
        .assertError(403, "FORBIDDEN");
    assertTrue(j.get("error").asText().contains("evil.example"), j.toString());
    call(header(HttpRequest.GET("/status"), "Host", "attacker.test")).assertError(403, "FORBIDDEN");
  }

  @Test
  void loopbackHostsAreAllowed() {
    for (String host : new String[] {"localhost", "localhost:9876", "127.0.0.1:1", "127.1.2.3",
        "[::1]:9876", "[::1]"}) {
      assertEquals(200, call(header(authed(HttpRequest.GET("/config")), "Host", host)).status(),
          host);
    }
  }

  @Test
  void onlyTheDaemonsOwnOriginMayCallTheApi() {
    HttpSettings own = new HttpSettings("127.0.0.1", ApiFixture.DAEMON_PORT, 10240, 6000,
        Duration.ofSeconds(3));
    Route guarded = fx.api(own, ApiFixture.TOKEN).routes();
    for (String foreign : new String[] {"http://evil.example", "null", "https://localhost",
        "http://localhost:5173", "http://127.0.0.1", "http://localhost:" + ApiFixture.DAEMON_PORT
            + ".evil.example", "http://[::1]:8080", "file://"}) {
      JsonNode j = fx.call(guarded, header(authed(HttpRequest.GET("/config")), "Origin", foreign))
          .assertError(403, "FORBIDDEN");
      assertTrue(j.get("error").asText().contains("http://127.0.0.1:" + ApiFixture.DAEMON_PORT),
          j.toString());
    }
    for (String host : new String[] {"localhost", "127.0.0.1", "[::1]", "LOCALHOST"}) {
      Reply r = fx.call(guarded, header(authed(HttpRequest.POST("/cleanup")), "Origin",
          "http://" + host + ":" + ApiFixture.DAEMON_PORT));
      assertEquals(200, r.status(), host + " " + r.body());
    }
  }

  @Test
  void aBrowserPreflightGetsNoCorsGrant() {
    Reply r = call(header(header(HttpRequest.OPTIONS("/allocate"), "Origin", "http://evil.example"),
        "Access-Control-Request-Method", "POST"));
    r.assertError(403, "FORBIDDEN");
    assertTrue(r.header("Access-Control-Allow-Origin").isEmpty(), r.body());
    Reply sameOrigin = call(authed(HttpRequest.OPTIONS("/allocate")));
    assertTrue(sameOrigin.status() >= 400, sameOrigin.body());
    assertTrue(sameOrigin.header("Access-Control-Allow-Origin").isEmpty(), sameOrigin.body());
  }

  @Test
  void bodiesOverTheLimitAreRefused() {
    String big = "{\"service_type\":\"web\",\"service_name\":\"" + "x".repeat(11 * 1024) + "\"}";
    Reply strict = call(authed(HttpRequest.POST("/allocate")
        .withEntity(ContentTypes.APPLICATION_JSON, big)));
    strict.assertError(413, "PAYLOAD_TOO_LARGE");
    Reply streamed = call(authed(HttpRequest.POST("/allocate").withEntity(HttpEntities.create(
        ContentTypes.APPLICATION_JSON, Source.single(ByteString.fromString(big))))));
    streamed.assertError(413, "PAYLOAD_TOO_LARGE");
  }

  @Test
  void unknownRoutesAreJson404() {
    JsonNode j = call(authed(HttpRequest.GET("/nope"))).assertError(404, "NOT_FOUND");
    assertTrue(j.get("error").asText().contains("/nope"), j.toString());
  }

  @Test
  void wrongMethodsAreJson405WithAllow() {
    Reply r = call(authed(HttpRequest.GET("/allocate")));
    r.assertError(405, "METHOD_NOT_ALLOWED");
    assertEquals(Optional.of("POST"), r.header("Allow"));
    call(authed(HttpRequest.PUT("/allocations"))).assertError(405, "METHOD_NOT_ALLOWED");
  }

  @Test
  void tooManyRequestsPerTokenGet429WithRetryAfter() {
    HttpSettings tight = new HttpSettings("127.0.0.1", 0, 10240, 2, Duration.ofSeconds(3));
    Route limited = fx.api(tight, ApiFixture.TOKEN).routes();
    // Unauthenticated requests are refused before they are counted.
    for (int i = 0; i < 3; i++) {
      fx.call(limited, HttpRequest.GET("/config")).assertError(401, "UNAUTHORIZED");
    }
    assertEquals(200, fx.call(limited, authed(HttpRequest.GET("/config"))).status());
    Reply second = fx.call(limited, authed(HttpRequest.GET("/config")));
    assertEquals(Optional.of("0"), second.header("X-RateLimit-Remaining"));
    Reply third = fx.call(limited, authed(HttpRequest.GET("/config")));
    JsonNode j = third.assertError(429, "RATE_LIMITED");
    long retry = j.get("retryAfter").asLong();
    assertTrue(retry >= 1 && retry <= 30, third.body());
    assertEquals(Optional.of(Long.toString(retry)), third.header("Retry-After"));
    assertEquals(200, fx.call(limited, HttpRequest.GET("/status")).status(), "exempt");
  }

  @Test
  void aSilentRegistryGives503WithRetryAfter() {
    ActorRef<PortRegistry.Command> silent =
        fx.kit.<PortRegistry.Command>createTestProbe().getRef();
    HttpSettings quick = new HttpSettings("127.0.0.1", 0, 10240, 6000, Duration.ofMillis(200));
    Route slow = fx.api(silent, quick, ApiFixture.TOKEN).routes();
    Reply r = fx.call(slow, authed(HttpRequest.GET("/allocations")));
    r.assertError(503, "REGISTRY_UNAVAILABLE");
    assertEquals(Optional.of("1"), r.header("Retry-After"));
  }

  @Test
  void theCliIsRecognisedAsTheActorOfItsRequests() {
    Route probe = ApiGuards.withRequestId(id -> ApiGuards.caller(c ->
        Directives.complete(c.actor() + " " + c.requestId() + " " + c.userAgent())));
    assertEquals("cli r-1 styxy/0.2", fx.call(probe, HttpRequest.GET("/")
        .addHeader(RawHeader.create("X-Styxy-Client", "cli"))
        .addHeader(RawHeader.create("X-Request-Id", "r-1"))
        .addHeader(RawHeader.create("User-Agent", "styxy/0.2"))).body());
    assertTrue(fx.call(probe, HttpRequest.GET("/")).body().startsWith("http "));
  }

  @Test
  void unexpectedFailuresAre500WithoutStackTraces() {
    ActorRef<PortRegistry.Command> broken = fx.kit.spawn(Behaviors.receiveMessage(msg -> {
      if (msg instanceof PortRegistry.GetState g) {
        g.replyTo().tell(new StateView(null));
      }
      return Behaviors.same();
    }));
    Route route = fx.api(broken, ApiFixture.SETTINGS, ApiFixture.TOKEN).routes();
    Reply r = fx.call(route, authed(HttpRequest.GET("/allocations")));
    JsonNode j = r.assertError(500, "INTERNAL");
    assertFalse(r.body().contains("Exception") || r.body().contains("at dev."), r.body());
    assertTrue(j.get("error").asText().contains(j.get("request_id").asText()));
  }
}
