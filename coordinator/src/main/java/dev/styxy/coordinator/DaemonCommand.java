package dev.styxy.coordinator;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code styxy daemon …}: the daemon's process commands. */
@Command(name = "daemon", description = "Start, stop, inspect or run the Styxy daemon.",
    subcommands = {DaemonStartCommand.class, DaemonStopCommand.class, DaemonStatusCommand.class,
        DaemonRestartCommand.class, DaemonRunCommand.class, InstallServiceCommand.class})
public final class DaemonCommand implements Callable<Integer> {
  @Spec
  private CommandSpec spec;

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "Missing subcommand: try 'styxy daemon start', 'stop', 'status', 'restart' or 'run'");
  }
}
