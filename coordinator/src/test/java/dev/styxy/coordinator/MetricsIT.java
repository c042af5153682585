package dev.styxy.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.styxy.http.ApiJson;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A real daemon scraped the way Prometheus does: the counters move after allocate/release. */
class MetricsIT extends LiveDaemonTest {
  /** {@code name{labels} value}: every sample line; label values may hold braces and quotes. */
  private static final Pattern SAMPLE = Pattern.compile(
      "([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{(?:[^\"}]|\"(?:[^\"\\\\]|\\\\.)*\")*\\})?) (\\S+)");
  private static final String ACCEPT = "application/openmetrics-text;version=1.0.0;q=0.5,"
      + "text/plain;version=0.0.4;q=0.3,*/*;q=0.1";

  @Test
  void countersMoveAfterAnAllocateAndARelease() throws Exception {
    Path home = Files.createDirectory(dir.resolve("home"));
    daemon = DaemonProcess.startReady(home, DaemonProcess.freePort(), dir, "metrics");
    Map<String, Double> before = scrape();

    HttpResponse<String> allocated = daemon.post("/allocate", "{\"service_type\":\"dev\"}");
    assertEquals(200, allocated.statusCode(), allocated.body());
    String lockId = ApiJson.mapper().readTree(allocated.body()).path("lock_id").asText();
    HttpResponse<String> released =
        daemon.send(daemon.request("/allocate/" + lockId).DELETE());
    assertEquals(200, released.statusCode(), released.body());
    Map<String, Double> after = scrape();

    assertMoved(before, after, 1, "styxy_allocations_total{service_type=\"dev\"}");
    assertMoved(before, after, 1, "styxy_releases_total{reason=\"released\"}");
    assertMoved(before, after, 0, "styxy_allocations_active{service_type=\"dev\"}");
    assertMoved(before, after, 1,
        "styxy_allocation_duration_seconds_count{outcome=\"allocated\"}");
    assertMoved(before, after, 2, "styxy_journal_write_duration_seconds_count");
    assertMoved(before, after, 1,
        "styxy_http_requests_total{method=\"POST\",route=\"/allocate\",status=\"200\"}");
    assertMoved(before, after, 1, "styxy_http_requests_total{method=\"DELETE\","
        + "route=\"/allocate/{lockId}\",status=\"200\"}");
    assertEquals(0, after.get("styxy_double_allocation_detected_total"));
    assertTrue(after.get("process_cpu_seconds_total") > 0, "JVM and process metrics");
    assertTrue(after.containsKey("jvm_memory_used_bytes{area=\"heap\"}"), after.toString());

    HttpResponse<String> json = daemon.get("/metrics?format=json");
    assertEquals(200, json.statusCode());
    JsonNode families = ApiJson.mapper().readTree(json.body()).path("metrics");
    assertTrue(families.size() > 20, json.body());
  }

  /** Scrapes with the Accept header Prometheus sends; every sample by its series. */
  private Map<String, Double> scrape() {
    HttpResponse<String> r = daemon.send(daemon.request("/metrics?format=prometheus")
        .header("Accept", ACCEPT));
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("text/plain; version=0.0.4; charset=UTF-8",
        r.headers().firstValue("Content-Type").orElse(""));
    Map<String, Double> samples = new HashMap<>();
    for (String line : r.body().split("\n")) {
      if (line.startsWith("#") || line.isEmpty()) {
        continue;
      }
      Matcher m = SAMPLE.matcher(line);
      assertTrue(m.matches(), "not a sample line: " + line);
      samples.put(m.group(1), Double.parseDouble(m.group(2)));
    }
    return samples;
  }

  private static void assertMoved(Map<String, Double> before, Map<String, Double> after,
      double by, String series) {
    assertTrue(after.containsKey(series), series + " missing in " + after.keySet());
    assertEquals(before.getOrDefault(series, 0.0) + by, after.get(series), series);
  }
}
