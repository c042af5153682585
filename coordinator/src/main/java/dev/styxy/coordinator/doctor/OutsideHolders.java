package dev.styxy.coordinator.doctor;

import dev.styxy.config.PortRange;
import dev.styxy.http.api.PortInUse;
import dev.styxy.http.api.ScanResponse;
import dev.styxy.http.api.SystemUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Ports inside managed ranges that an outside process listens on without a Styxy allocation,
 * from one {@code GET /scan} over the span of all ranges. Allocation skips such ports, so they
 * shrink the range; each is named with its PID and command and the {@code kill} that frees it.
 */
final class OutsideHolders {
  private OutsideHolders() {}

  /** The smallest range holding every managed range, empty when there are none. */
  static Optional<PortRange> span(List<ConfigChecks.Managed> ranges) {
    if (ranges.isEmpty()) {
      return Optional.empty();
    }
    int low = ranges.stream().mapToInt(m -> m.range().start()).min().getAsInt();
    int high = ranges.stream().mapToInt(m -> m.range().end()).max().getAsInt();
    return Optional.of(new PortRange(low, high));
  }

  /**
   * @param daemonPort the daemon's own port, which may lie inside a managed range
   */
  static List<Finding> find(List<ConfigChecks.Managed> ranges, ScanResponse scan,
      int daemonPort) {
    List<Finding> findings = new ArrayList<>();
    for (PortInUse p : scan.portsInUse()) {
      if (p.systemUsage() == null || p.allocatedTo() != null || p.port() == daemonPort) {
        continue;
      }
      owner(ranges, p.port()).ifPresent(m -> findings.add(finding(p.port(), m, p.systemUsage())));
    }
    if (findings.isEmpty()) {
      findings.add(Finding.ok("ports", "no outside process listens in the " + ranges.size()
          + " managed ranges"));
    }
    return findings;
  }

  private static Optional<ConfigChecks.Managed> owner(List<ConfigChecks.Managed> ranges,
      int port) {
    return ranges.stream().filter(m -> m.range().contains(port)).findFirst();
  }

  private static Finding finding(int port, ConfigChecks.Managed m, SystemUsage u) {
    String where = "port " + port + " (" + m.type() + " " + m.range() + ")";
    if (u.pid() == null) {
      return Finding.warn("ports", where + " is held by a process this user cannot see"
          + (u.note() == null ? "" : " (" + u.note() + ")"), "sudo ss -ltnp 'sport = :" + port
          + "'");
    }
    String command = u.command() != null ? u.command()
        : u.process() != null ? u.process() : "unknown command";
    return Finding.warn("ports", where + " is held by PID " + u.pid() + " (" + command
        + "), not allocated by Styxy", "kill " + u.pid() + "  # " + command);
  }
}
