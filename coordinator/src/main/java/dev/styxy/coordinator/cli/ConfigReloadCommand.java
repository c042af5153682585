package dev.styxy.coordinator.cli;

import dev.styxy.http.api.ConfigReloadResponse;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/**
 * {@code styxy config reload}: the daemon re-reads {@code config.json} and allocates from it from
 * now on ({@code POST /config/reload}). A file that does not load is refused with the file, key
 * and problem (exit 1) and the running configuration stays.
 */
@Command(name = "reload",
    description = "Apply config.json to the running daemon after checking it.")
public final class ConfigReloadCommand extends ClientCommand {
  @Override
  ApiReply send(DaemonClient client) {
    return client.post("/config/reload", Map.of());
  }

  @Override
  int render(ApiReply reply, PrintWriter out) {
    out.print(format(reply.as(ConfigReloadResponse.class)));
    return ExitCodes.OK;
  }

  /** {@code ✅ <message>}, then one {@code ⚠} line per warning. */
  static String format(ConfigReloadResponse reloaded) {
    List<String> lines = new ArrayList<>();
    lines.add("✅ " + reloaded.message());
    reloaded.warnings().forEach(w -> lines.add("⚠ " + w));
    return join(lines);
  }
}
