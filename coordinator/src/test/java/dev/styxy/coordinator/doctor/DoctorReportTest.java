package dev.styxy.coordinator.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.styxy.coordinator.cli.ExitCodes;
import dev.styxy.http.ApiJson;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Exit statuses, the printed lines and the JSON of a report. */
class DoctorReportTest {
  private static final Finding OK = Finding.ok("daemon", "running");
  private static final Finding WARN = Finding.warn("ports", "port 3005 held", "kill 1  # x");
  private static final Finding FAIL = Finding.fail("token", "mode 0644", "chmod 600 t");

  private static DoctorReport report(boolean reachable, Finding... findings) {
    return new DoctorReport(List.of(findings), reachable, "2026-11-23T12:00:00.000Z");
  }

  @Test
  void warningsAloneExitZero() {
    assertEquals(ExitCodes.OK, report(true, OK, WARN).exitCode());
    assertEquals("warn", report(true, OK, WARN).status());
  }

  @Test
  void aFailureExitsOne() {
    assertEquals(ExitCodes.FAILURE, report(true, OK, FAIL, WARN).exitCode());
    assertEquals("fail", report(true, FAIL, WARN).status());
  }

  @Test
  void anUnreachableDaemonExitsFiveWhateverElseWasFound() {
    assertEquals(ExitCodes.UNAVAILABLE, report(false, FAIL, OK).exitCode());
  }

  @Test
  void eachFindingIsOneLineWithItsFixThenACount() {
    assertEquals(List.of(
        "ok    daemon         running",
        "fail  token          mode 0644  → fix: chmod 600 t",
        "warn  ports          port 3005 held  → fix: kill 1  # x",
        "1 failure(s), 1 warning(s)."), report(true, OK, FAIL, WARN).lines());
    assertEquals("All checks passed.", report(true, OK).lines().get(1));
  }

  @Test
  void jsonHasTheOriginalsTopLevelKeysAndOneObjectPerFinding() {
    JsonNode json = ApiJson.read(ApiJson.write(report(true, OK, FAIL)), JsonNode.class);

    assertEquals("fail", json.get("status").asText());
    assertEquals("2026-11-23T12:00:00.000Z", json.get("timestamp").asText());
    assertEquals(2, json.get("checks").size());
    assertEquals("{\"check\":\"daemon\",\"status\":\"ok\",\"found\":\"running\"}",
        json.get("checks").get(0).toString());
    assertEquals("chmod 600 t", json.get("checks").get(1).get("fix").asText());
  }
}
