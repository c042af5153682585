package dev.styxy.coordinator.cli;

import dev.styxy.http.api.StatusResponse;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;

/**
 * {@code styxy status}: whether a daemon answers at the configured URL ({@code GET /status}, no
 * token needed). Prints {@code Status: Stopped} and exits 5 when nothing answers.
 */
@Command(name = "status", description = "Show whether the daemon is running.")
public final class StatusCommand extends ClientCommand {

  @Override
  ApiReply send(DaemonClient client) {
    return client.get("/status", false);
  }

  @Override
  int render(ApiReply reply, PrintWriter out) {
    out.print(format(reply.as(StatusResponse.class)));
    return ExitCodes.OK;
  }

  @Override
  protected int failed(CliFailure failure, PrintWriter out, PrintWriter err) {
    if (failure.exitCode() == ExitCodes.UNAVAILABLE && !json) {
      out.println("Status: Stopped");
    }
    return super.failed(failure, out, err);
  }

  /** The human output for a {@code /status} reply. */
  public static String format(StatusResponse status) {
    List<String> lines = new ArrayList<>();
    lines.add("Status: " + ("running".equals(status.status()) ? "Running" : status.status()));
    if (status.state() != null) {
      lines.add("State: " + status.state());
    }
    if (status.version() != null) {
      lines.add("Version: " + status.version());
    }
    lines.add("Uptime: " + Math.round(status.uptime()) + "s");
    lines.add("Allocations: "
        + (status.allocations() == null ? "(recovering)" : status.allocations()));
    lines.add("Instances: " + status.instances());
    if (status.portConflictsDetected() != null && !status.portConflictsDetected().isEmpty()) {
      StringBuilder conflicts = new StringBuilder("Ports found held by outside processes:");
      status.portConflictsDetected().forEach((type, n) -> conflicts.append(' ').append(type)
          .append('=').append(n));
      lines.add(conflicts.toString());
    }
    return join(lines);
  }
}
