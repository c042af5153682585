package dev.styxy.http;

import static org.apache.pekko.http.javadsl.server.Directives.*;

import dev.styxy.actors.RecoverySupervisor;
import dev.styxy.actors.RegistryReport;
import dev.styxy.http.api.HealthResponse;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /health}: the readiness probe (no auth, not rate limited, as the original). One ask
 * to the {@link RecoverySupervisor}, which answers at once from what it knows; 200 when the
 * daemon is {@code READY}, 503 with {@code Retry-After} and the same body otherwise. Unlike the
 * original's, it never embeds the state. {@code POST /health/ack} (authenticated) clears the
 * notice of a corrupt journal moved away at start, which keeps the daemon {@code DEGRADED}, and
 * answers like {@code GET /health}.
 */
final class HealthRoutes {
  private final RegistryClient registry;
  private final String version;

  HealthRoutes(RegistryClient registry, String version) {
    this.registry = registry;
    this.version = version;
  }

  Route routes() {
    return pathPrefix("health", () -> concat(
        pathEndOrSingleSlash(() -> get(() -> onSuccess(health(), this::respond))),
        path("ack", () -> post(() -> onSuccess(registry.acknowledge(), this::respond)))));
  }

  private CompletionStage<RecoverySupervisor.Status> health() {
    return registry.readiness(StatusRoutes.REGISTRY_WAIT);
  }

  private Route respond(RecoverySupervisor.Status s) {
    HealthResponse body = view(s, version);
    if (s.state() == RecoverySupervisor.Readiness.READY) {
      return complete(Replies.json(StatusCodes.OK, body));
    }
    HttpResponse unavailable = Replies.json(StatusCodes.SERVICE_UNAVAILABLE, body).addHeader(
        RawHeader.create("Retry-After", Long.toString(ApiErrors.RETRY_UNAVAILABLE_SECONDS)));
    return complete(unavailable);
  }

  /** The JSON view of the supervisor's status. */
  static HealthResponse view(RecoverySupervisor.Status s, String version) {
    String status = switch (s.state()) {
      case READY -> "healthy";
      case RECOVERING -> "recovering";
      case DEGRADED -> "degraded";
    };
    String registryStatus = s.registryUp() ? "up"
        : s.state() == RecoverySupervisor.Readiness.RECOVERING ? "recovering" : "down";
    HealthResponse.Components components = new HealthResponse.Components(
        new HealthResponse.Registry(registryStatus, s.restarts(), s.recentRestarts()),
        new HealthResponse.Journal(s.journalError() == null ? "up" : "failing",
            s.journalError(), ApiJson.iso(s.journalErrorAt())),
        new HealthResponse.Monitor(s.registryUp() ? "up" : "down", s.watchers()));
    double uptime = ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0;
    return new HealthResponse(status, s.state().name(), s.detail(),
        ApiJson.iso(Instant.now()), uptime, version, components, recovery(s.lastRecovery()));
  }

  private static HealthResponse.Recovery recovery(RegistryReport.Reconciled r) {
    if (r == null) {
      return null;
    }
    return new HealthResponse.Recovery(r.live(), r.checked(), r.orphaned(), r.duplicates(),
        r.foreign().stream().map(f -> new HealthResponse.Foreign(f.port(), f.id().toString(),
            f.serviceType(), f.ownerPid(), f.holder())).toList(),
        r.replayMillis(), r.reconcileMillis());
  }
}
