package dev.styxy.coordinator.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code styxy journal export|import}: back up the registry, or move it to another journal. */
@Command(name = "journal",
    description = "Export the registry's journal as JSON lines, or import such an export.",
    subcommands = {JournalExportCommand.class, JournalImportCommand.class})
public final class JournalCommand implements Callable<Integer> {
  @Spec
  private CommandSpec spec;

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "Missing subcommand: try 'styxy journal export -o FILE' or 'styxy journal import FILE'");
  }
}
