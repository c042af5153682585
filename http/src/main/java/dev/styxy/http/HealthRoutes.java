package dev.styxy.http;

import static org.apache.pekko.http.javadsl.server.Directives.*;

import dev.styxy.actors.RecoverySupervisor;
import dev.styxy.http.api.HealthResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /health}: the readiness probe (no auth, not rate limited, as the original). One ask
 * to the {@link RecoverySupervisor}, which answers at once from what it knows, while the journal
 * file's size and the home folder's free space are read on the blocking dispatcher; 200 when the
 * daemon is {@code READY} and no component fails ({@link HealthReport}), 503 with
 * {@code Retry-After} and the same body otherwise. Unlike the original's, it never embeds the
 * state. {@code POST /health/ack} (authenticated) clears the notice of a corrupt journal moved
 * away at start, which keeps the daemon {@code DEGRADED}, and answers like {@code GET /health}.
 */
final class HealthRoutes {
  private final RegistryClient registry;
  private final HealthSources sources;
  private final Executor blocking;
  private final String version;

  HealthRoutes(RegistryClient registry, HealthSources sources, Executor blocking,
      String version) {
    this.registry = registry;
    this.sources = sources;
    this.blocking = blocking;
    this.version = version;
  }

  Route routes() {
    return pathPrefix("health", () -> concat(
        pathEndOrSingleSlash(() -> get(() ->
            onSuccess(report(registry.readiness(StatusRoutes.REGISTRY_WAIT)), this::respond))),
        path("ack", () -> post(() -> onSuccess(report(registry.acknowledge()), this::respond)))));
  }

  private CompletionStage<HealthResponse> report(
      CompletionStage<RecoverySupervisor.Status> status) {
    CompletableFuture<HomeFiles> files =
        CompletableFuture.supplyAsync(() -> HomeFiles.read(sources), blocking);
    return status.thenCombine(files, (s, f) -> HealthReport.view(s, f, sources, version));
  }

  private Route respond(HealthResponse body) {
    if (HealthReport.healthy(body)) {
      return complete(Replies.json(StatusCodes.OK, body));
    }
    HttpResponse unavailable = Replies.json(StatusCodes.SERVICE_UNAVAILABLE, body).addHeader(
        RawHeader.create("Retry-After", Long.toString(ApiErrors.RETRY_UNAVAILABLE_SECONDS)));
    return complete(unavailable);
  }
}
