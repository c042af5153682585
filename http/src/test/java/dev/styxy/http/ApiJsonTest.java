package dev.styxy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.styxy.http.api.AllocateRequest;
import dev.styxy.http.api.AllocationRecord;
import dev.styxy.http.api.AllocationsResponse;
import dev.styxy.http.api.ErrorResponse;
import dev.styxy.http.api.HealthView;
import dev.styxy.http.api.StatusResponse;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiJsonTest {

  @Test
  void timestampsAreIsoUtcWithMilliseconds() {
    assertEquals("2026-01-01T12:00:00.000Z", ApiJson.iso(Instant.parse("2026-01-01T12:00:00Z")));
    assertEquals("2026-01-01T12:00:00.123Z",
        ApiJson.iso(Instant.parse("2026-01-01T12:00:00.123456Z")));
    assertNull(ApiJson.iso(null));
    assertEquals(Instant.parse("2026-01-01T12:00:00.123Z"),
        ApiJson.parseIso("2026-01-01T12:00:00.123Z"));
  }

  @Test
  void outputIsCompactInDeclarationOrderWithNulls() {
    assertEquals("{\"status\":\"running\",\"uptime\":1.5,\"allocations\":null,\"instances\":0,"
        + "\"state\":\"RECOVERING\",\"version\":\"v\",\"memory\":{\"rss\":1,\"heap_used\":2,"
        + "\"heap_total\":3},\"port_conflicts_detected\":null}", ApiJson.write(
            new StatusResponse("running", 1.5, null, 0, "RECOVERING", "v",
                new StatusResponse.Memory(1L, 2, 3), null)));
  }

  @Test
  void errorExtrasAreLeftOutWhenAbsent() {
    assertEquals("{\"success\":false,\"error\":\"e\",\"code\":\"C\",\"request_id\":\"r\"}",
        ApiJson.write(new ErrorResponse(false, "e", "C", "r", null, null)));
  }

  @Test
  void requestsLeaveOutAbsentFields() {
    assertEquals("{\"service_type\":\"dev\"}", ApiJson.write(AllocateRequest.of("dev")));
  }

  @Test
  void allocationRecordsRoundTripWithOnePortKey() {
    AllocationRecord rec = new AllocationRecord(3000, "id", "id", "dev", "n", "i", "/p", 7L,
        "2026-01-01T12:00:00.000Z",
        new HealthView("HEALTHY", "2026-01-01T12:00:01.000Z", "port 3000 listening"),
        "2026-01-01T12:10:00.000Z", 600, "http://127.0.0.1:3000/health", "dev", "n", "i", "/p",
        7L, "curl", "127.0.0.1");
    String json = ApiJson.write(new AllocationsResponse(List.of(rec)));
    assertEquals(1, ApiFixture.count(json, "\"port\":"));
    assertEquals(rec, ApiJson.read(json, AllocationsResponse.class).allocations().get(0));
  }

  @Test
  void readingIsStrict() {
    assertThrows(UncheckedIOException.class,
        () -> ApiJson.read("{\"service_type\":\"dev\",\"x\":1}", AllocateRequest.class));
    assertThrows(UncheckedIOException.class,
        () -> ApiJson.read("{\"service_type\":42}", AllocateRequest.class));
    assertThrows(UncheckedIOException.class,
        () -> ApiJson.read("{\"service_type\":\"a\"} {}", AllocateRequest.class));
  }
}
