package dev.styxy.http;

import dev.styxy.actors.metrics.StyxyMetrics;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Counts every answered request in {@code styxy_http_requests_total} by route template
 * ({@link RouteTemplates}), method and status. Wraps the sealed API route, so refusals by the
 * guards (401, 403, 413, 429), rejections (404, 405) and failures are counted like the rest.
 */
final class RequestMetrics {
  private static final Set<String> METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");

  private final StyxyMetrics metrics;

  RequestMetrics(StyxyMetrics metrics) {
    this.metrics = metrics;
  }

  Route counted(Supplier<Route> inner) {
    return Directives.extractRequest(request -> {
      String route = RouteTemplates.of(request.getUri().path());
      String method = METHODS.contains(request.method().value()) ? request.method().value()
          : "OTHER";
      return Directives.mapResponse(response -> {
        metrics.httpRequest(route, method, response.status().intValue());
        return response;
      }, inner);
    });
  }
}
