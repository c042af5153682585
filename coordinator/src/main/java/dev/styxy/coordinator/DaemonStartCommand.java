package dev.styxy.coordinator;

import dev.styxy.coordinator.cli.CliCommand;
import dev.styxy.coordinator.cli.DaemonEndpoint;
import dev.styxy.coordinator.cli.ExitCodes;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code styxy daemon start}: starts the daemon in the background on the CLI's port and home and
 * returns once it is {@code READY}; a daemon that already answers there is a success. While it
 * waits on a terminal it prints a dot every half second.
 */
@Command(name = "start", description = "Start the daemon in the background; wait until READY.")
public final class DaemonStartCommand extends CliCommand {
  @Option(names = {"-p", "--port"}, paramLabel = "N", description = "API port (default: the "
      + "CLI's, from STYXY_URL, STYXY_DAEMON_PORT or STYXY_PORT, else 9876).")
  Integer port;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
      description = "Give up waiting for READY after this long (default ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  /** Compatibility with the original's {@code -d}: starting is always detached here. */
  @Option(names = {"-d", "--detach"}, hidden = true)
  boolean detach;

  @Override
  protected int execute(PrintWriter out, PrintWriter err) {
    DaemonStarter starter = starter(port);
    if (!json) {
      out.print("Starting Styxy daemon on " + starter.url() + " (home "
          + DaemonEndpoint.home(System.getenv(), userHome()) + ") ...");
      out.flush();
    }
    DaemonStarter.Started started = starter.start(Duration.ofSeconds(timeoutSeconds),
        json ? waited -> { } : progress(out));
    if (json) {
      printJson(out, json(started));
    } else {
      print(started, out, err);
    }
    return ExitCodes.OK;
  }

  /** The starter for the CLI's home and {@code port}, or the CLI's own port. */
  static DaemonStarter starter(Integer port) {
    DaemonEndpoint endpoint = endpoint();
    return new DaemonStarter(DaemonLaunch.fromRunningJar(),
        DaemonEndpoint.home(System.getenv(), userHome()),
        port != null ? port : endpoint.port());
  }

  /** A dot per half second, on a terminal only (a log file gets the final line alone). */
  static Consumer<Duration> progress(PrintWriter out) {
    if (System.console() == null) {
      return waited -> { };
    }
    long[] dots = {0};
    return waited -> {
      while (dots[0] < waited.toMillis() / 500) {
        dots[0]++;
        out.print('.');
        out.flush();
      }
    };
  }

  /** The outcome: one line for a person, or one JSON object. */
  static void print(DaemonStarter.Started started, PrintWriter out, PrintWriter err) {
    if (started.alreadyRunning()) {
      out.println(" already running");
    } else {
      out.println(" " + started.status().state() + " in "
          + String.format(Locale.ROOT, "%.1f", started.millis() / 1000.0) + " s");
    }
    out.println("✅ Styxy daemon " + started.status().version() + " is running (PID: "
        + (started.pid() == null ? "unknown" : started.pid()) + ")");
    if ("DEGRADED".equals(started.status().state())) {
      err.println("⚠ the daemon is DEGRADED: run 'styxy doctor' to see why");
    }
  }

  /** The outcome as the JSON object of {@code --json}. */
  static Map<String, Object> json(DaemonStarter.Started started) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", true);
    body.put("already_running", started.alreadyRunning());
    body.put("pid", started.pid());
    body.put("url", started.url());
    body.put("home", started.home().toString());
    body.put("state", started.status().state());
    body.put("version", started.status().version());
    body.put("startup_ms", started.millis());
    return body;
  }
}
