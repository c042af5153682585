package dev.styxy.coordinator.cli;

import dev.styxy.http.api.ImportResponse;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code styxy import-state [--file PATH]}: asks the daemon to import an original Node.js
 * {@code daemon.state} (default {@code $STYXY_HOME/daemon.state}) through {@code POST /import}.
 * The daemon reads the file, so the path is sent absolute. Prints the counts and each skipped
 * record; importing the same file again imports nothing new.
 */
@Command(name = "import-state",
    description = "Import the allocations and instances of the original daemon's daemon.state.")
public final class ImportStateCommand extends ClientCommand {
  @Option(names = "--file", paramLabel = "PATH",
      description = "The state file (default: $STYXY_HOME/daemon.state).")
  Path file;

  @Override
  ApiReply send(DaemonClient client) {
    return client.post("/import", Map.of("path", stateFile(System.getenv(),
        Path.of(System.getProperty("user.home"))).toString()));
  }

  /** {@code --file} made absolute, else {@code daemon.state} in the daemon's home. */
  Path stateFile(Map<String, String> env, Path userHome) {
    Path chosen = file != null ? file
        : DaemonEndpoint.home(env, userHome).resolve("daemon.state");
    return chosen.toAbsolutePath().normalize();
  }

  @Override
  int render(ApiReply reply, PrintWriter out) {
    out.print(format(reply.as(ImportResponse.class)));
    return ExitCodes.OK;
  }

  /** {@code ✅ <message>}, then one {@code skipped: } line per record left out. */
  static String format(ImportResponse imported) {
    List<String> lines = new ArrayList<>();
    lines.add("✅ " + imported.message());
    imported.skipped().forEach(line -> lines.add("  skipped: " + line));
    return join(lines);
  }
}
