package dev.styxy.coordinator.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.styxy.http.api.HealthResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code /health} replies turned into findings. */
class HealthFindingsTest {
  private static final String LOG = "/h/logs/styxy.log";

  private static HealthResponse.Components components(String journal, String monitor,
      String disk) {
    return new HealthResponse.Components(new HealthResponse.Registry("up", 0, 0),
        new HealthResponse.Journal(journal, "up".equals(journal) ? null : "disk full",
            "up".equals(journal) ? null : "2026-11-23T12:00:00.000Z", "up".equals(journal),
            4096L),
        new HealthResponse.Monitor(monitor, !"disabled".equals(monitor), 3),
        new HealthResponse.Disk(disk, "/h", 50L << 20, 1L << 40, 1L << 30, 100L << 20, null));
  }

  private static HealthResponse health(String state, String notice,
      HealthResponse.Components c, List<HealthResponse.Foreign> foreign) {
    return new HealthResponse("healthy", state, "the registry serves requests",
        "2026-11-23T12:00:00.000Z", 1.0, "v", c,
        new HealthResponse.Recovery(1, 1, 0, 0, foreign, 3, 1), notice);
  }

  private static Finding find(List<Finding> findings, String check) {
    return findings.stream().filter(f -> f.check().equals(check)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + check + " in " + findings));
  }

  @Test
  void aReadyDaemonWithHealthyComponentsIsAllOk() {
    List<Finding> findings = HealthFindings.of(
        health("READY", null, components("up", "up", "ok"), List.of()), LOG);

    assertEquals(5, findings.size(), findings.toString());
    findings.forEach(f -> assertEquals(Finding.Severity.OK, f.status(), f.toString()));
    assertTrue(find(findings, "disk").found().startsWith("50.0 MiB free of 1.0 TiB"),
        findings.toString());
  }

  @Test
  void aPendingNoticeFailsWithTheAckCommand() {
    Finding state = find(HealthFindings.of(health("DEGRADED", "the journal was moved",
        components("up", "up", "ok"), List.of()), LOG), "state");

    assertEquals(Finding.Severity.FAIL, state.status());
    assertTrue(state.found().contains("the journal was moved"), state.found());
    assertEquals("styxy doctor --ack", state.fix());
  }

  @Test
  void aFailingJournalFailsAndPointsAtTheLog() {
    List<Finding> findings = HealthFindings.of(
        health("DEGRADED", null, components("failing", "up", "ok"), List.of()), LOG);

    Finding journal = find(findings, "journal");
    assertEquals(Finding.Severity.FAIL, journal.status());
    assertTrue(journal.found().contains("disk full") && journal.found().contains(LOG),
        journal.found());
    assertEquals(Finding.Severity.FAIL, find(findings, "state").status());
  }

  @Test
  void diskBelowTheThresholdsWarnsOrFails() {
    Finding warn = find(HealthFindings.of(
        health("READY", null, components("up", "up", "warn"), List.of()), LOG), "disk");
    Finding fail = find(HealthFindings.of(
        health("READY", null, components("up", "up", "fail"), List.of()), LOG), "disk");

    assertEquals(Finding.Severity.WARN, warn.status());
    assertTrue(warn.found().contains("styxy.disk.warn-below-free (1.0 GiB)"), warn.found());
    assertEquals(Finding.Severity.FAIL, fail.status());
    assertTrue(fail.fix().startsWith("du -xsh /h/*"), fail.fix());
  }

  @Test
  void aDisabledHealthMonitorIsAChoiceNotAProblem() {
    Finding monitor = find(HealthFindings.of(
        health("READY", null, components("up", "disabled", "ok"), List.of()), LOG),
        "health-monitor");

    assertEquals(Finding.Severity.OK, monitor.status());
    assertTrue(monitor.found().startsWith("disabled"), monitor.found());
  }

  @Test
  void recoveringWarnsWithoutAFix() {
    Finding state = find(HealthFindings.of(
        health("RECOVERING", null, components("up", "down", "ok"), List.of()), LOG), "state");

    assertEquals(Finding.Severity.WARN, state.status());
    assertNull(state.fix());
  }

  @Test
  void anAllocatedPortHeldByAnotherProcessWarnsWithTheRelease() {
    HealthResponse.Foreign foreign =
        new HealthResponse.Foreign(3001, "lock-1", "dev", 42, "held by pid 77 (node x)");

    Finding ports = find(HealthFindings.of(
        health("READY", null, components("up", "up", "ok"), List.of(foreign)), LOG), "ports");

    assertEquals(Finding.Severity.WARN, ports.status());
    assertTrue(ports.found().contains("pid 77 (node x)"), ports.found());
    assertEquals("styxy release lock-1", ports.fix());
  }

  @Test
  void anOlderDaemonWithoutComponentsGivesOnlyTheState() {
    HealthResponse old = new HealthResponse("healthy", "READY", "ok", null, 1, "v", null, null,
        null);

    assertEquals(1, HealthFindings.of(old, LOG).size());
  }
}
