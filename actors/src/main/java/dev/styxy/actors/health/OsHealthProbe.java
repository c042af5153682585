package dev.styxy.actors.health;

import dev.styxy.persistence.StaleAllocations;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * The real probe: owner PID and start time ({@link StaleAllocations.Owners}), listening from the
 * shared {@link ListeningPorts}, then, when the allocation has one, a GET of its health URL with
 * {@code timeout} (2xx is healthy; redirects are not followed). The PID and listening checks run
 * on {@code executor} (the probe dispatcher); the HTTP request is asynchronous and holds no thread
 * while it waits. The HTTP client is built at the first health URL: building it sets up TLS (about
 * 500 classes and a selector thread), which a daemon whose allocations have no health URL never
 * needs.
 */
public final class OsHealthProbe implements HealthProbe {
  private final ListeningPorts listening;
  private final StaleAllocations.Owners owners;
  private final Executor executor;
  private final Duration timeout;
  /** Built by {@link #http()} on first use; guarded by {@code this}. */
  private HttpClient http;

  public OsHealthProbe(ListeningPorts listening, StaleAllocations.Owners owners,
      Executor executor, Duration timeout) {
    this.listening = listening;
    this.owners = owners;
    this.executor = executor;
    this.timeout = timeout;
  }

  private synchronized HttpClient http() {
    if (http == null) {
      http = HttpClient.newBuilder().connectTimeout(timeout).executor(executor)
          .followRedirects(HttpClient.Redirect.NEVER).proxy(HttpClient.Builder.NO_PROXY).build();
    }
    return http;
  }

  @Override
  public CompletionStage<ProbeResult> probe(ProbeTarget target) {
    CompletableFuture<ProbeResult> local = CompletableFuture.supplyAsync(() -> new ProbeResult(
        target.pid() == null ? null : owners.alive(target.pid(), target.ownerStartedAt()),
        listening.isListening(target.port()), null, null), executor);
    if (target.healthUrl() == null) {
      return local;
    }
    return local.thenCompose(r -> get(target.healthUrl()).thenApply(
        url -> new ProbeResult(r.ownerAlive(), r.listening(), url.healthy(), url.detail())));
  }

  private record UrlCheck(boolean healthy, String detail) {}

  private CompletionStage<UrlCheck> get(String url) {
    HttpRequest request;
    try {
      request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET()
          .header("User-Agent", "styxy-health").build();
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(new UrlCheck(false, "invalid URL"));
    }
    HttpClient client = http();
    return client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((resp, ex) -> {
      if (ex == null) {
        int code = resp.statusCode();
        return new UrlCheck(code >= 200 && code < 300, "HTTP " + code);
      }
      Throwable cause = ex.getCause() != null ? ex.getCause() : ex;
      if (cause instanceof HttpTimeoutException) {
        return new UrlCheck(false, "no answer within " + timeout.toMillis() + " ms");
      }
      return new UrlCheck(false, cause.getClass().getSimpleName()
          + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
    });
  }
}
