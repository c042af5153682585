package dev.styxy.coordinator;

import dev.styxy.coordinator.cli.CliCommand;
import dev.styxy.coordinator.cli.CliFailure;
import dev.styxy.coordinator.cli.DaemonEndpoint;
import dev.styxy.coordinator.cli.ExitCodes;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code styxy daemon install-service}: writes a systemd user unit that runs {@code daemon run}
 * in the foreground with the same JVM, options file, archive, home and port as
 * {@code daemon start}, restarting it when it fails. It only writes the file; enabling it is one
 * {@code systemctl --user} command, printed at the end.
 */
@Command(name = "install-service",
    description = "Write a systemd user unit for the daemon (Restart=on-failure).")
public final class InstallServiceCommand extends CliCommand {
  static final String UNIT = "styxy.service";

  @Option(names = {"-p", "--port"}, paramLabel = "N",
      description = "API port (default: the CLI's).")
  Integer port;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Where to write the "
      + "unit (default: $XDG_CONFIG_HOME/systemd/user/styxy.service, else ~/.config/…).")
  Path output;

  @Override
  protected int execute(PrintWriter out, PrintWriter err) {
    Path home = DaemonEndpoint.home(System.getenv(), userHome());
    int chosen = port != null ? port : endpoint().port();
    List<String> command = DaemonLaunch.fromRunningJar().command(home, chosen);
    Path file = output != null ? output : defaultFile(System.getenv(), userHome());
    String unit = unit(command, home);
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, unit, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CliFailure(ExitCodes.FAILURE, "WRITE_FAILED", "cannot write " + file + ": " + e);
    }
    if (json) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("success", true);
      body.put("unit_file", file.toString());
      body.put("exec_start", command);
      printJson(out, body);
    } else {
      out.println("✅ Wrote " + file);
      out.println("Enable and start it with:");
      out.println("  systemctl --user daemon-reload && systemctl --user enable --now styxy");
      out.println("Follow its log with: journalctl --user -u styxy -f");
    }
    return ExitCodes.OK;
  }

  static Path defaultFile(Map<String, String> env, Path userHome) {
    String config = env.get("XDG_CONFIG_HOME");
    Path base = config != null && !config.isBlank() ? Path.of(config)
        : userHome.resolve(".config");
    return base.resolve("systemd").resolve("user").resolve(UNIT);
  }

  /** The unit text. {@code daemon run} exits 0 on SIGTERM, so a stop is not a failure. */
  static String unit(List<String> command, Path home) {
    return String.join("\n",
        "[Unit]",
        "Description=Styxy port-coordination daemon",
        "After=network.target",
        "",
        "[Service]",
        "Type=simple",
        "Environment=" + quote("STYXY_HOME=" + home.toAbsolutePath()),
        "ExecStart=" + command.stream().map(InstallServiceCommand::quote)
            .collect(Collectors.joining(" ")),
        "Restart=on-failure",
        "RestartSec=2",
        "TimeoutStopSec=45",
        "",
        "[Install]",
        "WantedBy=default.target",
        "");
  }

  /** systemd's quoting: words with spaces, quotes or backslashes in double quotes, escaped. */
  static String quote(String word) {
    if (!word.matches(".*[\\s\"'\\\\].*")) {
      return word.replace("%", "%%");
    }
    return "\"" + word.replace("\\", "\\\\").replace("\"", "\\\"").replace("%", "%%") + "\"";
  }
}
