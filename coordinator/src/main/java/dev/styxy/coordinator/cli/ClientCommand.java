package dev.styxy.coordinator.cli;

import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What every daemon client command shares: finding the daemon, {@code --json}, error lines and
 * exit statuses. A subclass sends one request and renders a successful reply; everything else
 * (daemon down, 4xx, 5xx) is handled here the same way for all commands. With {@code --json} the
 * daemon's reply is printed as it came.
 */
abstract class ClientCommand extends CliCommand {
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
  protected final int execute(PrintWriter out, PrintWriter err) {
    Optional<Integer> local = runLocally(out, err);
    if (local.isPresent()) {
      return local.get();
    }
    DaemonEndpoint endpoint = endpoint();
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

  /** Path segment encoding, so a pasted lock id cannot change the route. */
  static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
