package dev.styxy.coordinator.cli;

import dev.styxy.http.api.ReleaseResponse;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code styxy release LOCK_ID}: ends an allocation through {@code DELETE /allocate/{id}}. */
@Command(name = "release", description = "Release an allocated port by its lock id.")
public final class ReleaseCommand extends ClientCommand {
  @Parameters(index = "0", paramLabel = "LOCK_ID", description = "Lock id printed by allocate.")
  String lockId;

  @Override
  ApiReply send(DaemonClient client) {
    return client.delete("/allocate/" + segment(lockId));
  }

  @Override
  int render(ApiReply reply, PrintWriter out) {
    out.print(format(reply));
    return ExitCodes.OK;
  }

  /** {@code ✅ Port N released}. */
  static String format(ApiReply reply) {
    ReleaseResponse released = reply.as(ReleaseResponse.class);
    String message = released.message() != null ? released.message()
        : "Port " + released.port() + " released";
    return "✅ " + message + "\n";
  }
}
