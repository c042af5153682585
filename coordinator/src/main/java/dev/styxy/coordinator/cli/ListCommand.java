package dev.styxy.coordinator.cli;

import dev.styxy.http.api.AllocationRecord;
import dev.styxy.http.api.AllocationsResponse;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code styxy list [-v]}: the live allocations, through {@code GET /allocations}. */
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

  /** The original's layout: a header, one line per port (more with {@code -v}), a total. */
  static String format(AllocationsResponse response, boolean verbose) {
    List<AllocationRecord> all = response.allocations();
    List<String> lines = new ArrayList<>();
    if (all.isEmpty()) {
      lines.add("No active port allocations");
      return join(lines);
    }
    lines.add("Active Port Allocations:");
    lines.add("=".repeat(50));
    for (AllocationRecord a : all) {
      lines.add("Port " + a.port() + ": " + a.serviceType());
      if (verbose) {
        lines.add("   Service Name: " + a.serviceName());
        lines.add("   Lock ID: " + a.lockId());
        lines.add("   Instance: " + a.instanceId());
        lines.add("   Allocated: " + a.allocatedAt());
        lines.add("   Project: " + (a.projectPath() == null ? "-" : a.projectPath()));
        if (a.pid() != null) {
          lines.add("   PID: " + a.pid());
        }
        lines.add("");
      }
    }
    if (!verbose) {
      lines.add("");
    }
    lines.add("Total: " + all.size() + " allocations" + (verbose ? "" : " (use -v for details)"));
    return join(lines);
  }
}
