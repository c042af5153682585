package dev.styxy.coordinator.cli;

import dev.styxy.http.ApiJson;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every daemon client command shares: finding the daemon, {@code --json}, error lines and
 * exit statuses. A subclass sends one request and renders a successful reply; everything else
 * (daemon down, 4xx, 5xx) is handled here the same way for all commands.
 */
abstract class ClientCommand implements Callable<Integer> {
  @Option(names = "--json", description = "Print the daemon's raw JSON reply.")
  boolean json;

  @Spec
  CommandSpec spec;

  /** Sends this command's request. */
  abstract ApiReply send(DaemonClient client);

  /**
   * Prints a 2xx reply for a person.
   *
   * @return the exit status
   */
  abstract int render(ApiReply reply, PrintWriter out);

  /**
   * Runs without the daemon when the command can (e.g. {@code config validate --file}).
   *
   * @return the exit status, or empty to send the request to the daemon
   */
  Optional<Integer> runLocally(PrintWriter out, PrintWriter err) {
    return Optional.empty();
  }

  /** The exit status of a reply printed with {@code --json}. */
  int jsonExitCode(ApiReply reply) {
    return ExitCodes.forStatus(reply.status());
  }

  @Override
  public final Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      Optional<Integer> local = runLocally(out, err);
      if (local.isPresent()) {
        return local.get();
      }
      DaemonEndpoint endpoint = DaemonEndpoint.fromEnvironment(System.getenv(),
          Path.of(System.getProperty("user.home")));
      ApiReply reply = send(new DaemonClient(endpoint));
      if (json) {
        out.println(reply.body());
        return jsonExitCode(reply);
      }
      if (!reply.ok()) {
        err.println(problemLine(reply, endpoint));
        return ExitCodes.forStatus(reply.status());
      }
      return render(reply, out);
    } catch (CliFailure failure) {
      return failed(failure, out, err);
    } finally {
      out.flush();
      err.flush();
    }
  }

  /** Prints a failure that produced no reply; {@code status} overrides it to say "Stopped". */
  int failed(CliFailure failure, PrintWriter out, PrintWriter err) {
    if (json) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("success", false);
      body.put("error", failure.getMessage());
      body.put("code", failure.code());
      out.println(ApiJson.write(body));
    }
    err.println(failure.getMessage());
    return failure.exitCode();
  }

  /** The stderr line for an error reply, friendlier for the common 401. */
  static String problemLine(ApiReply reply, DaemonEndpoint endpoint) {
    if (reply.status() == 401) {
      String why = endpoint.token() == null ? "no token found at " + endpoint.tokenFile()
          : "the token in " + endpoint.tokenFile() + " was refused";
      return "UNAUTHORIZED: " + why + "; set STYXY_HOME to the daemon's home folder";
    }
    return reply.problemLine();
  }

  /** Output lines as printed: each ends with a newline. */
  static String join(List<String> lines) {
    return String.join("\n", lines) + "\n";
  }

  /** Path segment encoding, so a pasted lock id cannot change the route. */
  static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
