package dev.styxy.coordinator.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.styxy.config.PortRange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code config.json} as the daemon loads it, and managed ranges against the ephemeral range. */
class ConfigChecksTest {
  private static final PortRange EPHEMERAL = new PortRange(32768, 60999);

  @TempDir Path dir;

  @Test
  void noConfigFileMeansTheCoreTypesWhichAreFine() {
    ConfigChecks.Outcome outcome = ConfigChecks.config(dir.resolve("config.json"), EPHEMERAL);

    assertEquals(1, outcome.findings().size());
    assertEquals(Finding.Severity.OK, outcome.findings().get(0).status());
    assertEquals(17, outcome.ranges().size());
  }

  @Test
  void fileTheDaemonRefusesFailsNamingTheKeyAndHowToFixIt() throws IOException {
    Path file = Files.writeString(dir.resolve("config.json"),
        "{\"service_types\":{\"web\":{\"port_range\":[3100,3000]}}}");

    ConfigChecks.Outcome outcome = ConfigChecks.config(file, EPHEMERAL);

    Finding f = outcome.findings().get(0);
    assertEquals(Finding.Severity.FAIL, f.status());
    assertTrue(f.found().contains("service_types.web"), f.found());
    assertEquals("${EDITOR:-vi} " + file + " && styxy config validate", f.fix());
    assertTrue(outcome.ranges().isEmpty());
  }

  @Test
  void overlappingRangesWarnButTheRangesAreStillKnown() throws IOException {
    Path file = Files.writeString(dir.resolve("config.json"),
        "{\"service_types\":{\"mine\":{\"port_range\":[3050,3059]}}}");

    ConfigChecks.Outcome outcome = ConfigChecks.config(file, EPHEMERAL);

    assertEquals(Finding.Severity.WARN, outcome.findings().get(0).status());
    assertTrue(outcome.findings().get(0).found().contains("overlaps"), outcome.toString());
    assertEquals(18, outcome.ranges().size());
  }

  @Test
  void aUserRangeInsideTheEphemeralRangeIsOnlyReportedByTheRangesCheck() throws IOException {
    Path file = Files.writeString(dir.resolve("config.json"),
        "{\"service_types\":{\"high\":{\"port_range\":[40000,40009]}}}");

    ConfigChecks.Outcome outcome = ConfigChecks.config(file, EPHEMERAL);
    List<Finding> ranges = ConfigChecks.ranges(outcome.ranges(), EPHEMERAL, file);

    assertEquals(Finding.Severity.OK, outcome.findings().get(0).status(), outcome.toString());
    assertEquals(1, ranges.size(), ranges.toString());
    assertEquals(Finding.Severity.WARN, ranges.get(0).status());
    assertTrue(ranges.get(0).found().startsWith("high 40000-40009 (user) crosses"),
        ranges.get(0).found());
    assertEquals("${EDITOR:-vi} " + file + " && styxy config reload", ranges.get(0).fix());
  }

  @Test
  void anAutoRangeInsideTheEphemeralRangeGetsTheSysctlThatMovesTheKernelsRangeAbove() {
    List<ConfigChecks.Managed> ranges = List.of(
        new ConfigChecks.Managed("dev", new PortRange(3000, 3099), "core"),
        new ConfigChecks.Managed("grafana", new PortRange(33000, 33009), "auto"));

    List<Finding> findings = ConfigChecks.ranges(ranges, EPHEMERAL, dir.resolve("config.json"));

    assertEquals(1, findings.size(), findings.toString());
    assertTrue(findings.get(0).fix().startsWith(
        "sudo sysctl -w net.ipv4.ip_local_port_range=\"33010 60999\""), findings.get(0).fix());
  }

  @Test
  void whenMovingTheKernelsRangeWouldLeaveTooFewPortsTheFixIsTheConfig() {
    Path file = dir.resolve("config.json");
    List<ConfigChecks.Managed> ranges = List.of(
        new ConfigChecks.Managed("top", new PortRange(60000, 60009), "auto"));

    Finding f = ConfigChecks.ranges(ranges, EPHEMERAL, file).get(0);

    assertEquals("${EDITOR:-vi} " + file + " && styxy config reload", f.fix());
  }

  @Test
  void rangesOutsideTheEphemeralRangeAreOk() {
    List<ConfigChecks.Managed> ranges = List.of(
        new ConfigChecks.Managed("dev", new PortRange(3000, 3099), "core"));

    List<Finding> findings = ConfigChecks.ranges(ranges, EPHEMERAL, dir.resolve("c.json"));

    assertEquals(1, findings.size());
    assertEquals(Finding.Severity.OK, findings.get(0).status());
  }
}
