package dev.styxy.coordinator.cli;

import dev.styxy.http.ApiJson;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every CLI command shares: {@code --json}, the streams, and how a {@link CliFailure} is
 * reported (one line on stderr; with {@code --json} also the error body on stdout) and turned
 * into the exit status.
 */
public abstract class CliCommand implements Callable<Integer> {
  @Option(names = "--json", description = "Print JSON for scripts instead of text.")
  protected boolean json;

  @Spec
  protected CommandSpec spec;

  /**
   * Runs the command.
   *
   * @return the exit status
   * @throws CliFailure for a failure that has one line to say
   */
  protected abstract int execute(PrintWriter out, PrintWriter err);

  @Override
  public final Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      return execute(out, err);
    } catch (CliFailure failure) {
      return failed(failure, out, err);
    } finally {
      out.flush();
      err.flush();
    }
  }

  /** Prints a failure that produced no reply; {@code status} overrides it to say "Stopped". */
  protected int failed(CliFailure failure, PrintWriter out, PrintWriter err) {
    if (json) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("success", false);
      body.put("error", failure.getMessage());
      body.put("code", failure.code());
      printJson(out, body);
    }
    err.println(failure.getMessage());
    return failure.exitCode();
  }

  /** Where the daemon is, from the environment (see {@link DaemonEndpoint}). */
  protected static DaemonEndpoint endpoint() {
    return DaemonEndpoint.fromEnvironment(System.getenv(), userHome());
  }

  protected static Path userHome() {
    return Path.of(System.getProperty("user.home"));
  }

  /** One compact JSON document on one line. */
  protected static void printJson(PrintWriter out, Object body) {
    out.println(ApiJson.write(body));
  }

  /** Output lines as printed: each ends with a newline. */
  protected static String join(List<String> lines) {
    return String.join("\n", lines) + "\n";
  }
}
