package dev.styxy.coordinator;

import dev.styxy.coordinator.cli.CliCommand;
import dev.styxy.coordinator.cli.ExitCodes;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code styxy daemon restart}: {@code stop} (nothing running is fine), then {@code start}. The
 * journal carries every allocation across the restart.
 */
@Command(name = "restart", description = "Stop the daemon if it runs, then start it.")
public final class DaemonRestartCommand extends CliCommand {
  @Option(names = {"-p", "--port"}, paramLabel = "N",
      description = "API port of the new daemon (default: the CLI's).")
  Integer port;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
      description = "Give up waiting for READY after this long (default ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Override
  protected int execute(PrintWriter out, PrintWriter err) {
    DaemonStopper.Stopped stopped = DaemonStopCommand.stopper().stop();
    if (!json) {
      out.print(DaemonStopCommand.format(stopped));
    }
    DaemonStarter starter = DaemonStartCommand.starter(port);
    if (!json) {
      out.print("Starting Styxy daemon on " + starter.url() + " ...");
      out.flush();
    }
    DaemonStarter.Started started = starter.start(Duration.ofSeconds(timeoutSeconds),
        json ? waited -> { } : DaemonStartCommand.progress(out));
    if (json) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("success", true);
      body.put("stopped", DaemonStopCommand.json(stopped));
      body.put("started", DaemonStartCommand.json(started));
      printJson(out, body);
    } else {
      DaemonStartCommand.print(started, out, err);
    }
    return ExitCodes.OK;
  }
}
