package dev.styxy.http;

import dev.styxy.persistence.ErrorCode;
import java.util.UUID;
import org.apache.pekko.event.LoggingAdapter;
import org.apache.pekko.http.ParsingErrorHandler;
import org.apache.pekko.http.javadsl.model.HttpResponse;
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
    ErrorCode code = status.intValue() == 413 ? ErrorCode.PAYLOAD_TOO_LARGE
        : status.intValue() >= 500 ? ErrorCode.INTERNAL : ErrorCode.INVALID_REQUEST;
    return ApiErrors.response(id, status, code, "Illegal request: " + info.summary(), null)
        .addHeader(RawHeader.create(ApiGuards.REQUEST_ID, id));
  }
}
