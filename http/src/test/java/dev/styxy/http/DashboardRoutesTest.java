package dev.styxy.http;

import static dev.styxy.http.ApiFixture.authed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.styxy.http.ApiFixture.Reply;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.server.Route;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** {@code GET /} and the dashboard's assets: served without a token, with strict headers. */
class DashboardRoutesTest {
  static final ApiFixture fx = new ApiFixture("DashboardRoutesTest");
  static final Route route = fx.api(ApiFixture.SETTINGS, ApiFixture.TOKEN).routes();
  static final Map<String, String> ASSETS = Map.of(
      "/dashboard/dashboard.js", "application/javascript; charset=UTF-8",
      "/dashboard/stream.js", "application/javascript; charset=UTF-8",
      "/dashboard/view.js", "application/javascript; charset=UTF-8",
      "/dashboard/records.js", "application/javascript; charset=UTF-8",
      "/dashboard/dashboard.css", "text/css; charset=UTF-8",
      "/dashboard/icon.svg", "image/svg+xml");
  /** A script element without src, an inline event handler or an inline style. */
  static final Pattern INLINE_CODE =
      Pattern.compile("<script(?![^>]*\\ssrc=)|\\son[a-z]+=|\\sstyle=", Pattern.CASE_INSENSITIVE);

  @AfterAll
  static void shutdown() {
    fx.close();
  }

  @Test
  void thePageAnswersWithoutATokenUnderAStrictPolicy() {
    Reply r = fx.call(route, HttpRequest.GET("/"));
    assertEquals(200, r.status(), r.body());
    assertEquals("text/html; charset=UTF-8", r.contentType());
    assertStrictHeaders(r);
    assertTrue(r.body().contains("<script type=\"module\" src=\"/dashboard/dashboard.js\">"));
    assertFalse(INLINE_CODE.matcher(r.body()).find(), "no inline script or style");
    assertTrue(r.header(ApiGuards.REQUEST_ID).isPresent());
  }

  @Test
  void everyAssetHasItsContentTypeAndTheSameHeaders() {
    ASSETS.forEach((path, type) -> {
      Reply r = fx.call(route, HttpRequest.GET(path));
      assertEquals(200, r.status(), path);
      assertEquals(type, r.contentType(), path);
      assertStrictHeaders(r);
    });
  }

  @Test
  void assetsLoadNothingFromElsewhereAndNeverParseMarkup() {
    for (String path : ASSETS.keySet()) {
      // The SVG namespace is a name, never fetched.
      String text = fx.call(route, HttpRequest.GET(path)).body()
          .replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
      assertFalse(text.contains("http://") || text.contains("https://"), path + " links out");
      if (path.endsWith(".js")) {
        for (String sink : List.of("innerHTML", "outerHTML", "insertAdjacentHTML",
            "document.write", "eval(", "new Function")) {
          assertFalse(text.contains(sink), path + " uses " + sink);
        }
      }
    }
  }

  @Test
  void anUnknownAssetIsNotFoundAndNeedsTheTokenLikeEveryOtherPath() {
    fx.call(route, HttpRequest.GET("/dashboard/secrets.json")).assertError(401, "UNAUTHORIZED");
    fx.call(route, authed(HttpRequest.GET("/dashboard/secrets.json")))
        .assertError(404, "NOT_FOUND");
  }

  @Test
  void writesToTheRootStillNeedTheToken() {
    fx.call(route, HttpRequest.POST("/")).assertError(401, "UNAUTHORIZED");
  }

  private static void assertStrictHeaders(Reply r) {
    assertEquals(Optional.of(DashboardRoutes.CONTENT_SECURITY_POLICY),
        r.header("Content-Security-Policy"));
    assertTrue(DashboardRoutes.CONTENT_SECURITY_POLICY.startsWith("default-src 'self';"));
    assertEquals(Optional.of("nosniff"), r.header("X-Content-Type-Options"));
    assertEquals(Optional.of("no-referrer"), r.header("Referrer-Policy"));
    assertEquals(Optional.of("no-cache"), r.header("Cache-Control"));
  }
}
