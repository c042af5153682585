package dev.styxy.http;

import dev.styxy.persistence.ErrorCode;
import java.util.UUID;
import org.apache.pekko.event.LoggingAdapter;
import org.apache.pekko.http.ParsingErrorHandler;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.scaladsl.model.ErrorInfo;
import org.apache.pekko.http.scaladsl.model.StatusCode;
import org.apache.pekko.http.scaladsl.settings.ServerSettings;

/**
 * Answers requests too malformed to reach the routes (an invalid URI, oversized headers) with the
 * API's JSON error body instead of Pekko's plain-text one. Installed by {@link ApiRoutes#bind}
 * through {@code ServerSettings.withParsingErrorHandler}, which instantiates it reflectively.
 */
public final class JsonParsingErrorHandler extends ParsingErrorHandler {

  /** Required by Pekko, which creates the handler from its class name. */
  public JsonParsingErrorHandler() {}

  @Override
  public HttpResponse handle(StatusCode status, ErrorInfo info, LoggingAdapter log,
      ServerSettings settings) {
    String id = UUID.randomUUID().toString();
    log.warning("Illegal request [{}], responding with status {}: {}", id, status.intValue(),
        info.summary());
    return ApiErrors.response(id, clientStatus(status), code(status),
            "Illegal request: " + info.summary(), null)
        .addHeader(RawHeader.create(ApiGuards.REQUEST_ID, id));
  }

  /**
   * The parser's status, except that the two it gives for a client's mistake in the 5xx range
   * become 4xx: an unknown method (501) is 405 and an unknown HTTP version (505) is 400. A 5xx
   * is reserved for the daemon's own faults.
   */
  static org.apache.pekko.http.javadsl.model.StatusCode clientStatus(StatusCode status) {
    return switch (status.intValue()) {
      case 501 -> StatusCodes.METHOD_NOT_ALLOWED;
      case 505 -> StatusCodes.BAD_REQUEST;
      default -> status;
    };
  }

  private static ErrorCode code(StatusCode status) {
    int client = clientStatus(status).intValue();
    return switch (client) {
      case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
      case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
      default -> client >= 500 ? ErrorCode.INTERNAL : ErrorCode.INVALID_REQUEST;
    };
  }
}
