package dev.styxy.coordinator.cli;

import dev.styxy.http.api.LeaseRenewedResponse;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code styxy heartbeat LOCK_ID}: renews the lease of an allocation made with {@code --ttl},
 * through {@code PUT /allocate/{id}/heartbeat}, and prints its new expiry. An allocation without a
 * lease exits 3 ({@code NO_LEASE}), an unknown lock id 4.
 */
@Command(name = "heartbeat", description = "Renew the lease of an allocation made with --ttl.")
public final class HeartbeatCommand extends ClientCommand {
  @Parameters(index = "0", paramLabel = "LOCK_ID", description = "Lock id printed by allocate.")
  String lockId;

  @Override
  ApiReply send(DaemonClient client) {
    return client.put("/allocate/" + segment(lockId) + "/heartbeat");
  }

  @Override
  int render(ApiReply reply, PrintWriter out) {
    out.print(format(reply));
    return ExitCodes.OK;
  }

  /** {@code ✅ Lease of port N renewed until …}. */
  static String format(ApiReply reply) {
    LeaseRenewedResponse renewed = reply.as(LeaseRenewedResponse.class);
    String message = renewed.message() != null ? renewed.message()
        : "Lease of port " + renewed.port() + " renewed until " + renewed.leaseExpiresAt();
    return "✅ " + message + "\n";
  }
}
