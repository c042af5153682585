package dev.styxy.http;

import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.Route;

/** Compact {@code application/json} responses written with {@link ApiJson}. */
final class Replies {
  private Replies() {}

  /** A response with {@code status} and {@code body} as JSON. */
  static HttpResponse json(StatusCode status, Object body) {
    return HttpResponse.create().withStatus(status)
        .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, ApiJson.bytes(body)));
  }

  /** Completes the request with 200 and {@code body} as JSON. */
  static Route ok(Object body) {
    return Directives.complete(json(StatusCodes.OK, body));
  }
}
