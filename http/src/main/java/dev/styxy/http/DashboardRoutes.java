package dev.styxy.http;

import static org.apache.pekko.http.javadsl.server.Directives.*;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpCharsets;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /} and {@code GET /dashboard/{asset}}: the web dashboard, one HTML page, four script
 * modules, a style sheet and an icon, kept in the jar and read once at start. These answer
 * without a token: they hold no data. The page asks for the token and sends it with every API
 * call it makes.
 *
 * <p>Every response forbids what the page does not need: a Content-Security-Policy that allows
 * only this origin (no inline script, no inline style, no framing), {@code nosniff}, no referrer
 * (the URL fragment may hold the token) and revalidation on every load, so a new jar's page is
 * never mixed with an old script.
 */
final class DashboardRoutes {
  /** The policy of every dashboard response. */
  static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
      + "style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; "
      + "form-action 'none'; frame-ancestors 'none'";

  private static final String FOLDER = "/dev/styxy/http/dashboard/";
  private static final List<HttpHeader> HEADERS = List.of(
      RawHeader.create("Content-Security-Policy", CONTENT_SECURITY_POLICY),
      RawHeader.create("X-Content-Type-Options", "nosniff"),
      RawHeader.create("X-Frame-Options", "DENY"),
      RawHeader.create("Referrer-Policy", "no-referrer"),
      RawHeader.create("Cache-Control", "no-cache"));

  private static final ContentType SCRIPT =
      MediaTypes.APPLICATION_JAVASCRIPT.toContentType(HttpCharsets.UTF_8);

  private final HttpResponse page = asset("index.html", ContentTypes.TEXT_HTML_UTF8);
  /** The files under {@code /dashboard/}, by name. */
  private final Map<String, HttpResponse> assets = Map.of(
      "dashboard.js", asset("dashboard.js", SCRIPT),
      "stream.js", asset("stream.js", SCRIPT),
      "view.js", asset("view.js", SCRIPT),
      "records.js", asset("records.js", SCRIPT),
      "dashboard.css",
      asset("dashboard.css", MediaTypes.TEXT_CSS.toContentType(HttpCharsets.UTF_8)),
      "icon.svg", asset("icon.svg", MediaTypes.IMAGE_SVG_XML.toContentType()));

  /**
   * Reads the assets from the jar.
   *
   * @throws UncheckedIOException when one is missing (a packaging bug)
   */
  DashboardRoutes() {}

  /**
   * The method is checked after the path: a {@code get} that matched would cancel the 405s of
   * every other route for GET requests (Pekko applies a method directive's cancellation to the
   * whole rejection list), turning them into 404s.
   */
  Route routes() {
    return concat(
        pathSingleSlash(() -> get(() -> respondWithHeaders(HEADERS, () -> complete(page)))),
        pathPrefix("dashboard", () -> path(segment(), name -> get(() -> {
          HttpResponse asset = assets.get(name);
          return asset == null ? reject() : respondWithHeaders(HEADERS, () -> complete(asset));
        }))));
  }

  private static HttpResponse asset(String name, ContentType type) {
    try (InputStream in = DashboardRoutes.class.getResourceAsStream(FOLDER + name)) {
      if (in == null) {
        throw new UncheckedIOException(new IOException("dashboard asset missing: " + name));
      }
      return HttpResponse.create().withEntity(HttpEntities.create(type, in.readAllBytes()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
