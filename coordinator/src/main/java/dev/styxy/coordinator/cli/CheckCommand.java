package dev.styxy.coordinator.cli;

import dev.styxy.http.api.AllocationRecord;
import dev.styxy.http.api.CheckResponse;
import dev.styxy.http.api.SystemUsage;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code styxy check PORT}: whether a port is free, through {@code GET /check/{port}}; when it is
 * not, who holds it (a Styxy allocation, a process, or both). Exits 0 either way: the answer is the
 * output, not the status.
 */
@Command(name = "check", description = "Check whether a port is available.")
public final class CheckCommand extends ClientCommand {
  @Parameters(index = "0", paramLabel = "PORT", description = "Port to check.")
  int port;

  @Override
  ApiReply send(DaemonClient client) {
    return client.get("/check/" + port, true);
  }

  @Override
  int render(ApiReply reply, PrintWriter out) {
    out.print(format(reply.as(CheckResponse.class)));
    return ExitCodes.OK;
  }

  /** The human output for a {@code /check} reply. */
  static String format(CheckResponse check) {
    List<String> lines = new ArrayList<>();
    if (check.available()) {
      lines.add("✅ Port " + check.port() + " is available");
      return join(lines);
    }
    lines.add("❌ Port " + check.port() + " is in use");
    AllocationRecord a = check.allocatedTo();
    if (a != null) {
      lines.add("");
      lines.add("📋 Styxy Allocation:");
      lines.add("   Service: " + a.serviceType());
      lines.add("   Name: " + a.serviceName());
      lines.add("   Lock ID: " + a.lockId());
      lines.add("   Allocated: " + a.allocatedAt());
      lines.add("   Instance: " + a.instanceId());
      if (a.pid() != null) {
        lines.add("   PID: " + a.pid());
      }
    }
    SystemUsage usage = check.systemUsage();
    if (usage != null) {
      lines.add("");
      lines.add("🖥️  System Usage:");
      if (usage.pid() != null) {
        lines.add("   PID: " + usage.pid());
      }
      if (usage.process() != null) {
        lines.add("   Process: " + usage.process());
      }
      if (usage.command() != null) {
        lines.add("   Command: " + usage.command());
      }
      lines.add("   Address: " + usage.localAddress()
          + (usage.protocol() == null ? "" : " (" + usage.protocol() + ")"));
      if (usage.note() != null) {
        lines.add("   Note: " + usage.note());
      }
    }
    return join(lines);
  }
}
