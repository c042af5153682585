package dev.styxy.http;

import static org.apache.pekko.http.javadsl.server.Directives.*;

import dev.styxy.actors.metrics.StyxyMetrics;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /metrics}: the daemon's {@link StyxyMetrics} in the Prometheus text format (written
 * by the client library's own writer) or as JSON ({@link MetricsJson}). {@code ?format=prometheus}
 * or {@code ?format=json} decides; without it, an {@code Accept} header preferring
 * {@code text/plain} over {@code application/json} (as Prometheus sends) gets the text, anything
 * else JSON. The scrape runs on the blocking dispatcher (process metrics read {@code /proc}).
 */
final class MetricsRoutes {
  private static final PrometheusTextFormatWriter TEXT = PrometheusTextFormatWriter.create();
  private static final ContentType TEXT_TYPE = ContentTypes.parse(TEXT.getContentType());

  private final StyxyMetrics metrics;
  private final Executor blocking;

  MetricsRoutes(StyxyMetrics metrics, Executor blocking) {
    this.metrics = metrics;
    this.blocking = blocking;
  }

  Route routes() {
    return pathPrefix("metrics", () -> pathEndOrSingleSlash(() -> get(() ->
        parameterOptional("format", format -> extractRequest(request -> {
          boolean text = format.map(MetricsRoutes::isText).orElseGet(() -> prefersText(request));
          return onSuccess(CompletableFuture.supplyAsync(text ? this::text : this::json,
              blocking), response -> complete(response));
        })))));
  }

  private static boolean isText(String format) {
    return switch (format.toLowerCase(Locale.ROOT)) {
      case "prometheus" -> true;
      case "json" -> false;
      default -> throw ApiProblem.invalidArgument("Query parameter 'format' must be "
          + "'prometheus' or 'json'");
    };
  }

  /**
   * Whether {@code Accept} ranks {@code text/plain} (or {@code text/*}) above
   * {@code application/json}; wildcards and other types count for neither.
   */
  static boolean prefersText(HttpRequest request) {
    String accept = request.getHeader("Accept").map(h -> h.value()).orElse("");
    double text = 0;
    double json = 0;
    for (String range : accept.split(",")) {
      String[] parts = range.split(";");
      String type = parts[0].trim().toLowerCase(Locale.ROOT);
      if (type.equals("text/plain") || type.equals("text/*")) {
        text = Math.max(text, quality(parts));
      } else if (type.equals("application/json") || type.equals("application/*")) {
        json = Math.max(json, quality(parts));
      }
    }
    return text > json;
  }

  /** The {@code q} parameter of a media range; 1 when absent, 0 when unreadable. */
  private static double quality(String[] parts) {
    for (int i = 1; i < parts.length; i++) {
      String param = parts[i].trim();
      if (param.startsWith("q=")) {
        try {
          return Double.parseDouble(param.substring(2));
        } catch (NumberFormatException e) {
          return 0;
        }
      }
    }
    return 1;
  }

  private HttpResponse text() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(16_384);
    try {
      TEXT.write(out, metrics.scrape());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return HttpResponse.create().withEntity(HttpEntities.create(TEXT_TYPE, out.toByteArray()));
  }

  private HttpResponse json() {
    return Replies.json(StatusCodes.OK,
        MetricsJson.of(metrics.scrape()));
  }
}
