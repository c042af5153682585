package dev.styxy.coordinator.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code styxy config show|validate}: the configuration the daemon uses, and its problems. */
@Command(name = "config", description = "Show, validate or reload the service type configuration.",
    subcommands = {ConfigShowCommand.class, ConfigValidateCommand.class,
        ConfigReloadCommand.class})
public final class ConfigCommand implements Callable<Integer> {
  @Spec
  private CommandSpec spec;

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "Missing subcommand: try 'styxy config show' or 'styxy config validate'");
  }
}
