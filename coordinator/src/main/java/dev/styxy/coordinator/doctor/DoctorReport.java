package dev.styxy.coordinator.doctor;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.styxy.coordinator.cli.ExitCodes;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything {@code styxy doctor} found, in the order the checks ran, and what it means for the
 * exit status: 5 when the daemon is unreachable, else 1 when a check failed, else 0 (warnings
 * alone do not fail).
 *
 * @param findings one entry per finding
 * @param daemonReachable whether anything answered at the daemon's URL
 * @param timestamp when the checks ran, ISO-8601 UTC
 */
@JsonPropertyOrder({"status", "checks", "timestamp"})
public record DoctorReport(
    @JsonProperty("checks") List<Finding> findings,
    @JsonIgnore boolean daemonReachable,
    @JsonProperty("timestamp") String timestamp) {

  public DoctorReport {
    findings = List.copyOf(findings);
  }

  /** {@code fail}, {@code warn} or {@code ok}: the worst finding. */
  @JsonProperty("status")
  public String status() {
    return worst().label();
  }

  /** The process exit status. */
  public int exitCode() {
    if (!daemonReachable) {
      return ExitCodes.UNAVAILABLE;
    }
    return worst() == Finding.Severity.FAIL ? ExitCodes.FAILURE : ExitCodes.OK;
  }

  private Finding.Severity worst() {
    Finding.Severity worst = Finding.Severity.OK;
    for (Finding f : findings) {
      if (f.status().compareTo(worst) > 0) {
        worst = f.status();
      }
    }
    return worst;
  }

  /** The human output: one line per finding, then a count. */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    int failures = 0;
    int warnings = 0;
    for (Finding f : findings) {
      String line = String.format("%-5s %-14s %s", f.status().label(), f.check(), f.found());
      if (f.fix() != null) {
        line += "  → fix: " + f.fix();
      }
      lines.add(line);
      failures += f.status() == Finding.Severity.FAIL ? 1 : 0;
      warnings += f.status() == Finding.Severity.WARN ? 1 : 0;
    }
    lines.add(failures == 0 && warnings == 0 ? "All checks passed."
        : failures + " failure(s), " + warnings + " warning(s).");
    return lines;
  }
}
