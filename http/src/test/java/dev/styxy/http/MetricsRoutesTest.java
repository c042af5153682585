package dev.styxy.http;

import static dev.styxy.http.ApiFixture.authed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.styxy.actors.metrics.Samples;
import dev.styxy.config.HttpSettings;
import dev.styxy.http.ApiFixture.Reply;
import java.util.UUID;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.Route;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics} in both formats, and the metrics the HTTP layer feeds. */
class MetricsRoutesTest {
  static final String TEXT = "text/plain; version=0.0.4; charset=UTF-8";
  /** What Prometheus 2.x sends when scraping. */
  static final String PROMETHEUS_ACCEPT = "application/openmetrics-text;version=1.0.0,"
      + "application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,"
      + "*/*;q=0.1";
  static final ApiFixture fx = new ApiFixture("MetricsRoutesTest");
  static final Route route = fx.api(ApiFixture.SETTINGS, ApiFixture.TOKEN).routes();

  @AfterAll
  static void shutdown() {
    fx.close();
  }

  static Reply get(String uri, String accept) {
    HttpRequest request = authed(HttpRequest.GET(uri));
    return fx.call(route, accept == null ? request
        : request.addHeader(RawHeader.create("Accept", accept)));
  }

  static Reply post(String uri, String json) {
    return fx.call(route, authed(HttpRequest.POST(uri)
        .withEntity(ContentTypes.APPLICATION_JSON, json)));
  }

  static double value(String name, String... labels) {
    return Samples.value(fx.metrics.scrape(), name, labels).orElse(0);
  }

  @Test
  void prometheusTextByQueryOrByAcceptHeader() {
    post("/allocate", "{\"service_type\":\"web\"}");

    for (Reply r : new Reply[] {get("/metrics?format=prometheus", null),
        get("/metrics", "text/plain"), get("/metrics", PROMETHEUS_ACCEPT),
        get("/metrics?format=prometheus", "application/json")}) {
      assertEquals(200, r.status(), r.body());
      assertEquals(TEXT, r.contentType());
      assertTrue(r.body().contains("# TYPE styxy_allocations_total counter\n"), r.body());
      assertTrue(r.body().contains("styxy_allocations_total{service_type=\"web\"} "), r.body());
      assertTrue(r.body().contains("styxy_allocation_duration_seconds_bucket{outcome="
          + "\"allocated\",le=\"+Inf\"} "), r.body());
      assertTrue(r.header(ApiGuards.REQUEST_ID).isPresent());
    }
  }

  @Test
  void jsonByDefaultByQueryAndWhenJsonIsPreferred() {
    for (Reply r : new Reply[] {get("/metrics", null), get("/metrics?format=json", null),
        get("/metrics", "*/*"), get("/metrics", "application/json, text/plain;q=0.9"),
        get("/metrics?format=json", "text/plain")}) {
      assertEquals(200, r.status(), r.body());
      assertEquals("application/json", r.contentType());
      assertTrue(r.body().startsWith("{\"metrics\":[{\"name\":\"styxy_"), r.body());
    }
  }

  @Test
  void jsonCarriesTheSameNumbersAsTheRegistry() {
    post("/allocate", "{\"service_type\":\"web\"}");
    JsonNode metrics = get("/metrics?format=json", null).json().get("metrics");

    JsonNode allocations = family(metrics, "styxy_allocations_total");
    JsonNode web = allocations.get("samples").get(0);
    assertEquals("web", web.get("labels").get("service_type").asText());
    assertTrue(web.get("value").isIntegralNumber(), web.toString());
    assertEquals((long) value("styxy_allocations_total", "service_type", "web"),
        web.get("value").asLong());

    JsonNode latency = family(metrics, "styxy_allocation_duration_seconds");
    assertEquals("histogram", latency.get("type").asText());
    JsonNode sample = latency.get("samples").get(0);
    long count = sample.get("count").asLong();
    assertTrue(count >= 1, sample.toString());
    assertEquals(count, sample.get("buckets").get("+Inf").asLong(), "buckets are cumulative");
    assertEquals("0.001", sample.get("buckets").fieldNames().next());
    assertEquals("gauge", family(metrics, "styxy_allocations_active").get("type").asText());
  }

  @Test
  void anUnknownFormatIsA400AndTheRouteNeedsTheToken() {
    get("/metrics?format=xml", null).assertError(400, "INVALID_ARGUMENT");
    fx.call(route, HttpRequest.GET("/metrics")).assertError(401, "UNAUTHORIZED");
  }

  @Test
  void metricsAreNotRateLimited() {
    Route limited = fx.api(new HttpSettings("127.0.0.1", 0, 10240, 1,
        ApiFixture.SETTINGS.askTimeout()), ApiFixture.TOKEN).routes();
    for (int i = 0; i < 4; i++) {
      assertEquals(200, fx.call(limited, authed(HttpRequest.GET("/metrics"))).status());
    }
  }

  @Test
  void requestsAreCountedByRouteTemplateMethodAndStatus() {
    double lists = value("styxy_http_requests_total", "route", "/allocations", "method", "GET",
        "status", "200");
    double unknownLock = value("styxy_http_requests_total", "route", "/allocate/{lockId}",
        "method", "DELETE", "status", "404");
    double unmatched = value("styxy_http_requests_total", "route", "unmatched", "method", "GET",
        "status", "404");
    double refused = value("styxy_http_requests_total", "route", "/allocations", "method",
        "GET", "status", "401");

    get("/allocations", null);
    fx.call(route, authed(HttpRequest.DELETE("/allocate/" + UUID.randomUUID())));
    get("/no/such/route", null);
    fx.call(route, HttpRequest.GET("/allocations"));

    assertEquals(lists + 1, value("styxy_http_requests_total", "route", "/allocations",
        "method", "GET", "status", "200"));
    assertEquals(unknownLock + 1, value("styxy_http_requests_total", "route",
        "/allocate/{lockId}", "method", "DELETE", "status", "404"));
    assertEquals(unmatched + 1, value("styxy_http_requests_total", "route", "unmatched",
        "method", "GET", "status", "404"));
    assertEquals(refused + 1, value("styxy_http_requests_total", "route", "/allocations",
        "method", "GET", "status", "401"));
  }

  @Test
  void allocationLatencyIsObservedByOutcome() {
    double allocated = value("styxy_allocation_duration_seconds", "outcome", "allocated");
    double rejected = value("styxy_allocation_duration_seconds", "outcome", "rejected");
    double dryRuns = value("styxy_allocation_duration_seconds", "outcome", "dry_run");

    assertEquals(200, post("/allocate", "{\"service_type\":\"tiny\"}").status());
    assertEquals(409, post("/allocate", "{\"service_type\":\"tiny\"}").status());
    post("/allocate", "{\"service_type\":\"web\",\"dry_run\":true}");
    post("/allocate", "{\"service_type\":42}");

    assertEquals(allocated + 1, value("styxy_allocation_duration_seconds", "outcome",
        "allocated"));
    assertEquals(rejected + 1, value("styxy_allocation_duration_seconds", "outcome",
        "rejected"));
    assertEquals(dryRuns + 1, value("styxy_allocation_duration_seconds", "outcome", "dry_run"));
  }

  private static JsonNode family(JsonNode metrics, String name) {
    for (JsonNode f : metrics) {
      if (f.get("name").asText().equals(name)) {
        return f;
      }
    }
    throw new AssertionError("no family " + name + " in " + metrics);
  }
}
