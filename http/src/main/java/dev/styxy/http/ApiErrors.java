package dev.styxy.http;

import dev.styxy.http.api.ErrorResponse;
import dev.styxy.persistence.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpMethod;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.Allow;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.MalformedHeaderRejection;
import org.apache.pekko.http.javadsl.server.MalformedQueryParamRejection;
import org.apache.pekko.http.javadsl.server.MalformedRequestContentRejection;
import org.apache.pekko.http.javadsl.server.MethodRejection;
import org.apache.pekko.http.javadsl.server.MissingHeaderRejection;
import org.apache.pekko.http.javadsl.server.MissingQueryParamRejection;
import org.apache.pekko.http.javadsl.server.Rejection;
import org.apache.pekko.http.javadsl.server.RejectionHandler;
import org.apache.pekko.http.javadsl.server.RequestEntityExpectedRejection;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.server.UnsupportedRequestContentTypeRejection;
import org.apache.pekko.http.javadsl.server.ValidationRejection;
import org.apache.pekko.http.scaladsl.model.EntityStreamSizeException;
import org.apache.pekko.http.scaladsl.model.IllegalRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The error model of the API: the HTTP status of every {@link ErrorCode}, the JSON error body
 * ({@code {"success":false,"error":…,"code":…,"request_id":…}}), and the rejection and exception
 * handlers that turn everything Pekko HTTP or a route can produce into that body, so no client ever
 * sees HTML or a stack trace. The handlers are made per request because each body carries that
 * request's id.
 */
public final class ApiErrors {
  private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

  /** Seconds a client should wait before retrying a 503. */
  static final long RETRY_UNAVAILABLE_SECONDS = 1;

  private ApiErrors() {}

  /** The HTTP status for {@code code}; the only place this mapping lives. */
  public static StatusCode status(ErrorCode code) {
    return switch (code) {
      case INVALID_REQUEST, INVALID_ARGUMENT, UNKNOWN_SERVICE_TYPE -> StatusCodes.BAD_REQUEST;
      case UNAUTHORIZED -> StatusCodes.UNAUTHORIZED;
      case FORBIDDEN -> StatusCodes.FORBIDDEN;
      case NOT_FOUND, ALLOCATION_NOT_FOUND, INSTANCE_NOT_FOUND -> StatusCodes.NOT_FOUND;
      case METHOD_NOT_ALLOWED -> StatusCodes.METHOD_NOT_ALLOWED;
      case RANGE_EXHAUSTED, PORT_UNAVAILABLE, NO_LEASE, JOURNAL_NOT_EMPTY -> StatusCodes.CONFLICT;
      case PAYLOAD_TOO_LARGE -> StatusCodes.CONTENT_TOO_LARGE;
      case RATE_LIMITED -> StatusCodes.TOO_MANY_REQUESTS;
      case REGISTRY_UNAVAILABLE -> StatusCodes.SERVICE_UNAVAILABLE;
      case INTERNAL -> StatusCodes.INTERNAL_SERVER_ERROR;
    };
  }

  /** The error response for {@code code}, with its usual status. */
  public static HttpResponse response(String requestId, ErrorCode code, String message) {
    return response(requestId, status(code), code, message, null);
  }

  /**
   * The error response for {@code code} with an explicit status and, when not empty, the
   * decision trail. A 503 carries {@code Retry-After}.
   */
  public static HttpResponse response(String requestId, StatusCode status, ErrorCode code,
      String message, List<String> reasons) {
    List<String> trail = reasons == null || reasons.isEmpty() ? null : reasons;
    HttpResponse response = Replies.json(status,
        new ErrorResponse(false, message, code.name(), requestId, trail, null));
    if (status.intValue() == StatusCodes.SERVICE_UNAVAILABLE.intValue()) {
      return response.addHeader(
          RawHeader.create("Retry-After", Long.toString(RETRY_UNAVAILABLE_SECONDS)));
    }
    return response;
  }

  /** 429 with {@code Retry-After} and the original's {@code retryAfter} field. */
  static HttpResponse rateLimited(String requestId, long retryAfterSeconds) {
    return Replies.json(StatusCodes.TOO_MANY_REQUESTS,
            new ErrorResponse(false, "Too many requests. Please try again later.",
                ErrorCode.RATE_LIMITED.name(), requestId, null, retryAfterSeconds))
        .addHeader(RawHeader.create("Retry-After", Long.toString(retryAfterSeconds)));
  }

  /** 413 naming the limit. */
  static HttpResponse tooLarge(String requestId, long limit) {
    return response(requestId, ErrorCode.PAYLOAD_TOO_LARGE,
        "Request body too large: the limit is " + limit + " bytes");
  }

  /** Completes the request with the error for {@code code}. */
  static Route complete(String requestId, ErrorCode code, String message) {
    return Directives.complete(response(requestId, code, message));
  }

  /** Turns every rejection into a JSON error; unknown ones keep the status Pekko gives them. */
  static RejectionHandler rejectionHandler(String requestId) {
    return RejectionHandler.newBuilder()
        .handle(MalformedRequestContentRejection.class, r -> malformedContent(requestId, r))
        .handle(RequestEntityExpectedRejection.class, r -> complete(requestId,
            ErrorCode.INVALID_REQUEST, "This route needs a JSON request body"))
        .handle(UnsupportedRequestContentTypeRejection.class, r -> complete(requestId,
            ErrorCode.INVALID_REQUEST, "Unsupported Content-Type; send application/json"))
        .handle(MissingQueryParamRejection.class, r -> complete(requestId,
            ErrorCode.INVALID_ARGUMENT, "Query parameter '" + r.parameterName() + "' is required"))
        .handle(MalformedQueryParamRejection.class, r -> complete(requestId,
            ErrorCode.INVALID_ARGUMENT,
            "Query parameter '" + r.parameterName() + "' is invalid: " + r.errorMsg()))
        .handle(ValidationRejection.class, r -> complete(requestId,
            ErrorCode.INVALID_ARGUMENT, r.message()))
        .handle(MissingHeaderRejection.class, r -> complete(requestId,
            ErrorCode.INVALID_REQUEST, "Header '" + r.headerName() + "' is required"))
        .handle(MalformedHeaderRejection.class, r -> complete(requestId,
            ErrorCode.INVALID_REQUEST,
            "Header '" + r.headerName() + "' is malformed: " + r.errorMsg()))
        .handleAll(MethodRejection.class, rs -> methodNotAllowed(requestId, rs))
        .handleNotFound(Directives.extractRequest(req -> complete(requestId, ErrorCode.NOT_FOUND,
            "No route for " + req.method().value() + " " + req.getUri().path()
                + "; see the API reference for the available routes")))
        .build()
        .withFallback(RejectionHandler.defaultHandler()
            .mapRejectionResponse(response -> asJson(requestId, response)))
        .withFallback(RejectionHandler.newBuilder()
            .handleAll(Rejection.class, rs -> complete(requestId, ErrorCode.INVALID_REQUEST,
                "Request rejected: " + rs))
            .build());
  }

  /** Maps failures of a route to JSON errors; unexpected ones are logged and answered 500. */
  static ExceptionHandler exceptionHandler(String requestId) {
    return ExceptionHandler.newBuilder()
        .matchAny(t -> Directives.complete(forThrowable(requestId, t)))
        .build();
  }

  /** The error response for a failure, after unwrapping future wrappers. */
  static HttpResponse forThrowable(String requestId, Throwable failure) {
    Throwable t = unwrap(failure);
    if (t instanceof ApiProblem p) {
      return response(requestId, p.code(), p.getMessage());
    }
    if (t instanceof EntityStreamSizeException e) {
      return tooLarge(requestId, e.limit());
    }
    if (t instanceof TimeoutException) {
      // AskTimeoutException is a TimeoutException: the registry is replaying or overloaded.
      return response(requestId, ErrorCode.REGISTRY_UNAVAILABLE,
          "The port registry did not answer in time (it may be recovering); retry in a moment");
    }
    if (t instanceof IllegalRequestException e) {
      return response(requestId, ErrorCode.INVALID_REQUEST, e.info().summary());
    }
    LOG.error("Request [{}] failed with an unexpected error", requestId, t);
    return response(requestId, ErrorCode.INTERNAL,
        "Internal error; the daemon log has the details under request id " + requestId);
  }

  private static Throwable unwrap(Throwable t) {
    Throwable current = t;
    while ((current instanceof CompletionException || current instanceof ExecutionException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }

  private static Route malformedContent(String requestId, MalformedRequestContentRejection r) {
    if (unwrap(r.getCause()) instanceof EntityStreamSizeException e) {
      return Directives.complete(tooLarge(requestId, e.limit()));
    }
    return complete(requestId, ErrorCode.INVALID_REQUEST,
        "Malformed request body: " + r.message());
  }

  private static Route methodNotAllowed(String requestId, List<MethodRejection> rejections) {
    List<HttpMethod> allowed = new ArrayList<>();
    for (MethodRejection r : rejections) {
      if (!allowed.contains(r.supported())) {
        allowed.add(r.supported());
      }
    }
    String names = allowed.stream().map(HttpMethod::value).collect(Collectors.joining(", "));
    return Directives.extractMethod(method -> Directives.complete(
        response(requestId, ErrorCode.METHOD_NOT_ALLOWED,
            "HTTP method " + method.value() + " is not allowed here; use " + names)
            .addHeader(Allow.create(allowed.toArray(new HttpMethod[0])))));
  }

  /** Rewrites a response of Pekko's default rejection handler into the JSON error body. */
  private static HttpResponse asJson(String requestId, HttpResponse response) {
    String text = response.entity() instanceof HttpEntity.Strict strict
        ? strict.getData().decodeString(StandardCharsets.UTF_8) : response.status().reason();
    ErrorCode code = codeFor(response.status());
    HttpResponse json = response(requestId, response.status(), code, text, null);
    List<HttpHeader> headers = new ArrayList<>();
    response.getHeaders().forEach(headers::add);
    return json.addHeaders(headers);
  }

  private static ErrorCode codeFor(StatusCode status) {
    int s = status.intValue();
    if (s == 401) {
      return ErrorCode.UNAUTHORIZED;
    } else if (s == 403) {
      return ErrorCode.FORBIDDEN;
    } else if (s == 404) {
      return ErrorCode.NOT_FOUND;
    } else if (s == 405) {
      return ErrorCode.METHOD_NOT_ALLOWED;
    } else if (s == 413) {
      return ErrorCode.PAYLOAD_TOO_LARGE;
    } else if (s == 503) {
      return ErrorCode.REGISTRY_UNAVAILABLE;
    }
    return s >= 500 ? ErrorCode.INTERNAL : ErrorCode.INVALID_REQUEST;
  }
}
