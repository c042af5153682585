package dev.styxy.coordinator.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code styxy completion bash|zsh}: prints a completion script for every command, option and
 * subcommand, generated from the command definitions so it never drifts. Load it with
 * {@code source <(styxy completion bash)}; zsh runs the same script through its
 * {@code bashcompinit} layer, which the script switches on itself.
 */
@Command(name = "completion", description = "Print a shell completion script (bash or zsh).")
public final class CompletionCommand extends CliCommand {
  /** The shells the script serves. */
  enum Shell { bash, zsh }

  @Parameters(index = "0", paramLabel = "SHELL", description = "bash or zsh.")
  Shell shell;

  @Override
  protected int execute(PrintWriter out, PrintWriter err) {
    String root = spec.root().name();
    String script = AutoComplete.bash(root, spec.root().commandLine());
    if (json) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("shell", shell.name());
      body.put("script", script);
      printJson(out, body);
    } else {
      out.print(script);
    }
    return ExitCodes.OK;
  }
}
