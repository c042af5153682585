package dev.styxy.coordinator.cli;

import dev.styxy.http.api.InstanceRecord;
import dev.styxy.http.api.InstancesResponse;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;

/**
 * {@code styxy instances}: the registered agent instances through {@code GET /instance/list}, in
 * the original's layout, with each one's live allocations counted.
 */
@Command(name = "instances", description = "List registered agent instances.")
public final class InstancesCommand extends ClientCommand {
  @Override
  ApiReply send(DaemonClient client) {
    return client.get("/instance/list", true);
  }

  @Override
  int render(ApiReply reply, PrintWriter out) {
    out.print(format(reply.as(InstancesResponse.class)));
    return ExitCodes.OK;
  }

  /** One block per instance and a total, or a line saying there is none. */
  static String format(InstancesResponse response) {
    List<String> lines = new ArrayList<>();
    if (response.instances().isEmpty()) {
      lines.add("No active instances registered");
      return join(lines);
    }
    for (InstanceRecord i : response.instances()) {
      lines.add("Instance: " + i.instanceId());
      lines.add("   Directory: " + (i.workingDirectory() == null ? "-" : i.workingDirectory()));
      lines.add("   Allocations: " + i.activeAllocations().size());
      lines.add("   Last seen: " + i.lastHeartbeat());
      if (i.pid() != null) {
        lines.add("   PID: " + i.pid());
      }
      lines.add("");
    }
    lines.add("Total: " + response.instances().size() + " active instances");
    return join(lines);
  }
}
