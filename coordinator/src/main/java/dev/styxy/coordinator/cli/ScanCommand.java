package dev.styxy.coordinator.cli;

import dev.styxy.http.api.AllocationRecord;
import dev.styxy.http.api.PortInUse;
import dev.styxy.http.api.ScanResponse;
import dev.styxy.http.api.SystemUsage;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code styxy scan [-s START] [-e END]}: every used port of a range through {@code GET /scan},
 * each with its Styxy allocation and the process listening on it, in the original's layout.
 * Without {@code -s} the daemon scans from 3000; without {@code -e}, 100 ports.
 */
@Command(name = "scan", description = "List the ports of a range that are allocated or in use.")
public final class ScanCommand extends ClientCommand {
  @Option(names = {"-s", "--start"}, paramLabel = "PORT", description = "First port (3000).")
  Integer start;

  @Option(names = {"-e", "--end"}, paramLabel = "PORT", description = "Last port (START+99).")
  Integer end;

  @Override
  ApiReply send(DaemonClient client) {
    List<String> query = new ArrayList<>();
    if (start != null) {
      query.add("start=" + start);
    }
    if (end != null) {
      query.add("end=" + end);
    }
    return client.get("/scan" + (query.isEmpty() ? "" : "?" + String.join("&", query)), true);
  }

  @Override
  int render(ApiReply reply, PrintWriter out) {
    out.print(format(reply.as(ScanResponse.class)));
    return ExitCodes.OK;
  }

  /** A banner, one block per used port, and a summary line. */
  static String format(ScanResponse scan) {
    List<String> lines = new ArrayList<>();
    lines.add("🔍 Scanning ports " + scan.scanRange() + " for usage...");
    lines.add("");
    if (scan.portsInUse().isEmpty()) {
      lines.add("✅ No ports in use in range " + scan.scanRange());
      return join(lines);
    }
    int allocated = 0;
    int system = 0;
    for (PortInUse used : scan.portsInUse()) {
      lines.add("🔌 Port " + used.port() + ":");
      AllocationRecord a = used.allocatedTo();
      if (a != null) {
        allocated++;
        lines.add("   Styxy: " + a.serviceType() + " (" + a.serviceName() + "), lock "
            + a.lockId() + (a.pid() == null ? "" : ", pid " + a.pid()));
      }
      SystemUsage usage = used.systemUsage();
      if (usage != null) {
        system++;
        lines.add("   System: " + describe(usage));
      }
    }
    lines.add("");
    lines.add("📈 Summary: " + scan.portsInUse().size() + " ports in use (" + allocated
        + " allocated by Styxy, " + system + " with a listening process)");
    return join(lines);
  }

  private static String describe(SystemUsage usage) {
    StringBuilder line = new StringBuilder();
    if (usage.process() != null) {
      line.append(usage.process()).append(' ');
    }
    if (usage.pid() != null) {
      line.append("pid ").append(usage.pid()).append(' ');
    }
    line.append("on ").append(usage.localAddress());
    if (usage.command() != null) {
      line.append(" (").append(usage.command()).append(')');
    }
    return line.toString();
  }
}
