package dev.styxy.coordinator;

import dev.styxy.coordinator.cli.ApiReply;
import dev.styxy.coordinator.cli.CliCommand;
import dev.styxy.coordinator.cli.CliFailure;
import dev.styxy.coordinator.cli.DaemonClient;
import dev.styxy.coordinator.cli.DaemonEndpoint;
import dev.styxy.coordinator.cli.ExitCodes;
import dev.styxy.coordinator.cli.StatusCommand;
import dev.styxy.http.api.StatusResponse;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;

/**
 * {@code styxy daemon status}: whether the daemon answers, with its PID (from
 * {@code daemon.pid}), state, uptime, counts, version, URL and home. Exits 5 when it is stopped,
 * like {@code styxy status}.
 */
@Command(name = "status", description = "Show the daemon's state, PID, uptime, version and home.")
public final class DaemonStatusCommand extends CliCommand {
  @Override
  protected int execute(PrintWriter out, PrintWriter err) {
    DaemonEndpoint endpoint = endpoint();
    Path home = DaemonEndpoint.home(System.getenv(), userHome());
    Optional<Long> filePid = DaemonLock.readPid(home.resolve("daemon.pid"));
    Long pid = filePid.filter(p -> ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false))
        .orElse(null);
    ApiReply reply;
    try {
      reply = new DaemonClient(endpoint).get("/status", false);
    } catch (CliFailure notAnswering) {
      reply = null;
    }
    boolean running = reply != null && reply.ok();
    boolean stalePidFile = filePid.isPresent() && pid == null;
    if (json) {
      printJson(out, json(running ? reply : null, pid, stalePidFile, endpoint, home));
    } else {
      out.print(running ? format(reply.as(StatusResponse.class), pid, endpoint, home)
          : "Status: Stopped" + (stalePidFile ? " (stale PID file)" : "") + "\n");
    }
    return running ? ExitCodes.OK : ExitCodes.UNAVAILABLE;
  }

  /**
   * The {@code --json} object.
   *
   * @param reply the daemon's {@code /status} reply, null when it is not running
   */
  static Map<String, Object> json(ApiReply reply, Long pid, boolean stalePidFile,
      DaemonEndpoint endpoint, Path home) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("running", reply != null);
    body.put("pid", pid);
    body.put("url", endpoint.baseUrl());
    body.put("home", home.toString());
    body.put("stale_pid_file", stalePidFile);
    body.put("status", reply == null ? null : reply.tree());
    return body;
  }

  /** {@code styxy status}'s lines with the PID, then the URL and home. */
  static String format(StatusResponse status, Long pid, DaemonEndpoint endpoint, Path home) {
    String lines = StatusCommand.format(status);
    String first = lines.substring(0, lines.indexOf('\n'));
    return first + " (PID: " + (pid == null ? "unknown" : pid) + ")"
        + lines.substring(first.length()) + "URL: " + endpoint.baseUrl() + "\nHome: " + home
        + "\n";
  }
}
