package dev.styxy.coordinator;

import dev.styxy.coordinator.cli.AllocateCommand;
import dev.styxy.coordinator.cli.AuditCommand;
import dev.styxy.coordinator.cli.CheckCommand;
import dev.styxy.coordinator.cli.CleanupCommand;
import dev.styxy.coordinator.cli.CompletionCommand;
import dev.styxy.coordinator.cli.ConfigCommand;
import dev.styxy.coordinator.cli.DashboardCommand;
import dev.styxy.coordinator.cli.DoctorCommand;
import dev.styxy.coordinator.cli.HeartbeatCommand;
import dev.styxy.coordinator.cli.ImportStateCommand;
import dev.styxy.coordinator.cli.InstancesCommand;
import dev.styxy.coordinator.cli.JournalCommand;
import dev.styxy.coordinator.cli.ListCommand;
import dev.styxy.coordinator.cli.ReleaseCommand;
import dev.styxy.coordinator.cli.RunCommand;
import dev.styxy.coordinator.cli.ScanCommand;
import dev.styxy.coordinator.cli.StatusCommand;
import dev.styxy.coordinator.cli.WatchCommand;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code styxy} executable: {@code daemon run} starts the daemon in the foreground; the other
 * subcommands are HTTP clients of a running daemon and never start Pekko.
 *
 * <p>Whatever happens, the process ends through {@link System#exit} with the command's status:
 * Pekko's threads are not daemon threads, so a failure that escaped would otherwise leave the JVM
 * running with nothing to do.
 */
@Command(name = "styxy", mixinStandardHelpOptions = true, versionProvider = Version.class,
    scope = CommandLine.ScopeType.INHERIT,
    description = "Coordinates ports between development servers and coding agents.",
    subcommands = {DaemonCommand.class, AllocateCommand.class, ReleaseCommand.class,
        HeartbeatCommand.class, CheckCommand.class, ListCommand.class, CleanupCommand.class,
        StatusCommand.class, ConfigCommand.class, ImportStateCommand.class, ScanCommand.class,
        InstancesCommand.class, RunCommand.class, CompletionCommand.class, DoctorCommand.class,
        AuditCommand.class, WatchCommand.class, JournalCommand.class, DashboardCommand.class})
public final class Main implements Callable<Integer> {
  @Spec
  private CommandSpec spec;

  /** Without a subcommand: the help text, as the original CLI printed. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return CommandLine.ExitCode.OK;
  }

  /** Entry point of {@code java -jar styxy.jar}. */
  public static void main(String[] args) {
    int status;
    try {
      CommandLine commandLine = commandLine();
      status = commandLine.execute(args);
      commandLine.getOut().flush();
      commandLine.getErr().flush();
    } catch (Throwable t) {
      System.err.println("styxy: " + oneLine(t));
      status = 1;
    }
    System.exit(status);
  }

  /** The configured command line, UTF-8 on both streams whatever the platform charset. */
  static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new Main());
    commandLine.setOut(utf8(FileDescriptor.out));
    commandLine.setErr(utf8(FileDescriptor.err));
    // `styxy run -s dev npm run dev -- --open`: everything from CMD on belongs to CMD.
    commandLine.getSubcommands().get("run").setStopAtPositional(true);
    commandLine.setExecutionExceptionHandler((error, cmd, parsed) -> {
      cmd.getErr().println("styxy: " + oneLine(error));
      cmd.getErr().flush();
      return 1;
    });
    return commandLine;
  }

  /** An unexpected error as one line: its type and message, no stack trace. */
  static String oneLine(Throwable t) {
    String message = t.getMessage() == null ? "" : ": " + t.getMessage().strip().lines()
        .findFirst().orElse("");
    return t.getClass().getSimpleName() + message;
  }

  private static PrintWriter utf8(FileDescriptor fd) {
    return new PrintWriter(
        new OutputStreamWriter(new FileOutputStream(fd), StandardCharsets.UTF_8), true);
  }
}
