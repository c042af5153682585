package dev.styxy.coordinator.cli;

import dev.styxy.http.api.AllocationRecord;
import dev.styxy.http.api.AllocationsResponse;
import dev.styxy.http.api.HealthView;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code styxy list [-v]}: the live allocations, through {@code GET /allocations}, with each one's
 * health state in a column after the original's {@code Port N: type}; {@code -v} adds the health
 * detail, the lease expiry and the health URL.
 */
@Command(name = "list", description = "List active port allocations.")
public final class ListCommand extends ClientCommand {
  @Option(names = {"-v", "--verbose"}, description = "Show every field of each allocation.")
  boolean verbose;

  @Override
  ApiReply send(DaemonClient client) {
    return client.get("/allocations", true);
  }

  @Override
  int render(ApiReply reply, PrintWriter out) {
    out.print(format(reply.as(AllocationsResponse.class), verbose));
    return ExitCodes.OK;
  }

  /**
   * The original's layout: a header, one line per port (more with {@code -v}), a total. Each port
   * line ends with the health state, aligned; {@code -} when the daemon does not report one.
   */
  static String format(AllocationsResponse response, boolean verbose) {
    List<AllocationRecord> all = response.allocations();
    List<String> lines = new ArrayList<>();
    if (all.isEmpty()) {
      lines.add("No active port allocations");
      return join(lines);
    }
    lines.add("Active Port Allocations:");
    lines.add("=".repeat(50));
    int width = all.stream().mapToInt(a -> head(a).length()).max().orElse(0);
    for (AllocationRecord a : all) {
      String state = a.health() == null || a.health().state() == null ? "-" : a.health().state();
      lines.add(head(a) + " ".repeat(width - head(a).length() + 2) + state);
      if (verbose) {
        lines.add("   Service Name: " + a.serviceName());
        lines.add("   Lock ID: " + a.lockId());
        lines.add("   Instance: " + a.instanceId());
        lines.add("   Allocated: " + a.allocatedAt());
        lines.add("   Project: " + (a.projectPath() == null ? "-" : a.projectPath()));
        if (a.pid() != null) {
          lines.add("   PID: " + a.pid());
        }
        addHealth(lines, a);
        lines.add("");
      }
    }
    if (!verbose) {
      lines.add("");
    }
    lines.add("Total: " + all.size() + " allocations" + (verbose ? "" : " (use -v for details)"));
    return join(lines);
  }

  private static String head(AllocationRecord a) {
    return "Port " + a.port() + ": " + a.serviceType();
  }

  /** The verbose health and lease lines. */
  private static void addHealth(List<String> lines, AllocationRecord a) {
    HealthView h = a.health();
    if (h != null) {
      String detail = h.detail() == null || h.detail().isEmpty() ? "" : " (" + h.detail() + ")";
      lines.add("   Health: " + h.state() + " since " + h.since() + detail);
    }
    if (a.healthUrl() != null) {
      lines.add("   Health URL: " + a.healthUrl());
    }
    lines.add("   Lease: " + (a.leaseExpiresAt() == null ? "none"
        : "expires " + a.leaseExpiresAt()
            + (a.leaseTtlSeconds() == null ? "" : " (" + a.leaseTtlSeconds() + " s)")));
  }
}
