package dev.styxy.coordinator;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.styxy.config.StyxySettings;
import dev.styxy.http.ApiJson;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code styxy daemon run}: the daemon in the foreground, as a service manager starts it. The steps
 * before logging starts live here, in an order that keeps every failure cheap and clear: settings
 * (a bad value names its key), the home folder, the one-daemon lock (a second daemon fails before
 * touching the journal), and only then the Logback switch to the daemon configuration. Nothing
 * here may create a logger before {@link LogSetup#daemon} has run.
 */
@Command(name = "run", description = "Run the daemon in the foreground until SIGTERM or Ctrl-C.")
public final class DaemonRunCommand implements Callable<Integer> {
  @Option(names = "--port", paramLabel = "N",
      description = "API port (default 9876 or $STYXY_PORT; 0 picks a free port).")
  private Integer port;

  @Option(names = "--bind", paramLabel = "ADDR",
      description = "API address (default 127.0.0.1); a non-loopback address needs auth on.")
  private String bind;

  @Option(names = "--home", paramLabel = "DIR",
      description = "Home folder (default $STYXY_HOME or ~/.styxy).")
  private Path home;

  @Option(names = "--json",
      description = "Print the ready line, or the start-up failure, as one JSON object.")
  private boolean json;

  @Spec
  private CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    try {
      Config config = DaemonConfig.load(DaemonConfig.overrides(home, port, bind),
          ConfigFactory.systemEnvironment());
      StyxySettings settings = DaemonConfig.settings(config);
      List<String> warnings = new ArrayList<>(
          HomeFolder.prepare(settings.home(), settings.journalDir(), settings.logDir()));
      warnings.addAll(HomeFolder.narrowSecrets(settings.userConfigFile()));
      DaemonLock lock =
          DaemonLock.acquire(settings.home(), settings.lockFile(), settings.pidFile());
      LogSetup.daemon(settings.logDir(), settings.auditLog(), DaemonConfig.auditLog(config));
      return new Daemon(config, settings, lock, warnings, spec.commandLine().getOut(), json)
          .run();
    } catch (StartupFailure failure) {
      if (json) {
        spec.commandLine().getOut().println(failureJson(failure));
        spec.commandLine().getOut().flush();
      }
      err.println(failure.getMessage());
      err.flush();
      return 1;
    }
  }

  /** A start-up failure as {@code --json} prints it, in the CLI's error shape. */
  static String failureJson(StartupFailure failure) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", false);
    body.put("error", failure.getMessage());
    body.put("code", "STARTUP_FAILED");
    return ApiJson.write(body);
  }
}
