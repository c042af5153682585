package dev.styxy.coordinator.cli;

import dev.styxy.http.api.ConfigResponse;
import dev.styxy.http.api.ServiceTypeView;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/**
 * {@code styxy config show}: the merged service types the daemon allocates from
 * ({@code GET /config}), one line each with its range, where it comes from ({@code core},
 * {@code user} for {@code config.json}, {@code auto} for auto-allocated) and its description.
 */
@Command(name = "show", description = "Show the merged service types and where each comes from.")
public final class ConfigShowCommand extends ClientCommand {
  @Override
  ApiReply send(DaemonClient client) {
    return client.get("/config", true);
  }

  @Override
  int render(ApiReply reply, PrintWriter out) {
    out.print(format(reply.as(ConfigResponse.class)));
    return ExitCodes.OK;
  }

  /** {@code name  start-end  source  [single]  description}, aligned, in the daemon's order. */
  static String format(ConfigResponse config) {
    int width = config.serviceTypes().keySet().stream().mapToInt(String::length).max().orElse(4);
    List<String> lines = new ArrayList<>();
    lines.add(config.serviceTypes().size() + " service types:");
    for (Map.Entry<String, ServiceTypeView> e : config.serviceTypes().entrySet()) {
      ServiceTypeView t = e.getValue();
      String range = t.range().get(0) + "-" + t.range().get(1);
      String source = t.source() == null ? "?" : t.source();
      String single = "single".equals(t.instanceBehavior()) ? " single" : "";
      lines.add(String.format("  %-" + width + "s  %-11s  %-4s%s  %s", e.getKey(), range,
          source, single, t.description() == null ? "" : t.description()).stripTrailing());
    }
    return join(lines);
  }
}
