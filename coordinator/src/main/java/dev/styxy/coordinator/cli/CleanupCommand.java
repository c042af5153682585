package dev.styxy.coordinator.cli;

import dev.styxy.http.api.CleanupRequest;
import dev.styxy.http.api.CleanupResponse;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code styxy cleanup [-f]}: asks the daemon to release stale allocations now (owner exited,
 * lease ran out, instance gone) through {@code POST /cleanup}; with {@code --force}, every
 * allocation. Prints the daemon's message and, as the original CLI did, a count line.
 */
@Command(name = "cleanup", description = "Release stale allocations now.")
public final class CleanupCommand extends ClientCommand {
  @Option(names = {"-f", "--force"},
      description = "Release every allocation, live ones and single-instance ones included.")
  boolean force;

  @Override
  ApiReply send(DaemonClient client) {
    return client.post("/cleanup", new CleanupRequest(force));
  }

  @Override
  int render(ApiReply reply, PrintWriter out) {
    out.print(format(reply.as(CleanupResponse.class)));
    return ExitCodes.OK;
  }

  /** {@code ✅ <message>}, then the count unless the message already says it. */
  static String format(CleanupResponse cleaned) {
    List<String> lines = new ArrayList<>();
    lines.add("✅ " + cleaned.message());
    String count = cleaned.cleaned() == 0 ? "No stale allocations found"
        : "Cleaned up " + cleaned.cleaned() + " stale allocations";
    if (!count.equals(cleaned.message())) {
      lines.add(count);
    }
    return join(lines);
  }
}
