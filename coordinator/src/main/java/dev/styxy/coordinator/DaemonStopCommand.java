package dev.styxy.coordinator;

import dev.styxy.coordinator.cli.CliCommand;
import dev.styxy.coordinator.cli.DaemonClient;
import dev.styxy.coordinator.cli.DaemonEndpoint;
import dev.styxy.coordinator.cli.ExitCodes;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;

/**
 * {@code styxy daemon stop}: stops the daemon gracefully (shutdown request, else SIGTERM to the
 * PID in {@code daemon.pid}) and waits until it is gone. A daemon that is not running is not an
 * error: the wanted state is reached.
 */
@Command(name = "stop", description = "Stop the daemon gracefully and wait until it is gone.")
public final class DaemonStopCommand extends CliCommand {
  @Override
  protected int execute(PrintWriter out, PrintWriter err) {
    DaemonStopper.Stopped stopped = stopper().stop();
    if (json) {
      printJson(out, json(stopped));
    } else {
      out.print(format(stopped));
    }
    return ExitCodes.OK;
  }

  /** The stopper for the CLI's daemon and home. */
  static DaemonStopper stopper() {
    return new DaemonStopper(new DaemonClient(endpoint()),
        DaemonEndpoint.home(System.getenv(), userHome()));
  }

  /** The original's wording: {@code Stopped Styxy daemon (PID: n)} or not running. */
  static String format(DaemonStopper.Stopped stopped) {
    if (stopped.method() == DaemonStopper.Method.NOT_RUNNING) {
      return "Styxy daemon is not running" + (stopped.stalePidFile()
          ? " (daemon.pid names a process that has exited)" : "") + "\n";
    }
    String how = stopped.method() == DaemonStopper.Method.SIGTERM ? ", SIGTERM" : "";
    return "Stopped Styxy daemon (PID: " + (stopped.pid() == null ? "unknown" : stopped.pid())
        + how + ")\n";
  }

  static Map<String, Object> json(DaemonStopper.Stopped stopped) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", true);
    body.put("was_running", stopped.method() != DaemonStopper.Method.NOT_RUNNING);
    body.put("pid", stopped.pid());
    body.put("method", stopped.method().name().toLowerCase(Locale.ROOT));
    body.put("stale_pid_file", stopped.stalePidFile());
    return body;
  }
}
