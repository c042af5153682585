package dev.styxy.http;

import static org.apache.pekko.http.javadsl.server.Directives.*;

import dev.styxy.http.api.ShutdownResponse;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code POST /shutdown} (authenticated): {@code styxy daemon stop}'s graceful path. Replies
 * 202, then runs coordinated shutdown with {@link ApiShutdownReason}, the sequence SIGTERM runs:
 * the server stops accepting, drains in-flight requests (this reply among them), the journal
 * closes and the process exits 0. Works where a signal cannot be sent (another user's daemon
 * whose token you hold, a daemon in a container).
 */
final class ShutdownRoutes {
  private final ActorSystem<?> system;

  ShutdownRoutes(ActorSystem<?> system) {
    this.system = system;
  }

  Route routes() {
    return path("shutdown", () -> post(() -> {
      long pid = ProcessHandle.current().pid();
      ShutdownResponse body = new ShutdownResponse(true, "Styxy daemon (pid " + pid
          + ") is shutting down", pid);
      return mapResponse(response -> {
        CoordinatedShutdown.get(system).run(ApiShutdownReason.INSTANCE);
        return response;
      }, () -> complete(Replies.json(StatusCodes.ACCEPTED, body)));
    }));
  }
}
