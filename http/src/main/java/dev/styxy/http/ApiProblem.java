package dev.styxy.http;

import dev.styxy.persistence.ErrorCode;

/**
 * A request the API refuses before it reaches the registry: malformed JSON, an unknown field, a
 * value out of range. Thrown while a route is being evaluated and turned into the JSON error body
 * by {@link ApiErrors}; it carries no stack trace because it reports a client mistake, not a bug.
 */
public final class ApiProblem extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  /**
   * @param code {@code INVALID_REQUEST} (shape) or {@code INVALID_ARGUMENT} (value), usually
   * @param message a sentence the client can act on; it becomes the body's {@code error}
   */
  public ApiProblem(ErrorCode code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }

  /** A value out of range or badly formed ({@code INVALID_ARGUMENT}). */
  public static ApiProblem invalidArgument(String message) {
    return new ApiProblem(ErrorCode.INVALID_ARGUMENT, message);
  }

  /** A body that is not the JSON the route expects ({@code INVALID_REQUEST}). */
  public static ApiProblem invalidRequest(String message) {
    return new ApiProblem(ErrorCode.INVALID_REQUEST, message);
  }
}
