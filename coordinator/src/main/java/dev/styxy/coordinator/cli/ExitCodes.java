package dev.styxy.coordinator.cli;

/**
 * Process exit statuses of the CLI, the same for every command so scripts can branch on them:
 * {@code 0} ok, {@code 1} failure, {@code 2} usage, {@code 3} conflict, {@code 4} not found,
 * {@code 5} daemon unavailable.
 */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int FAILURE = 1;
  /** Bad flags or arguments (picocli's own usage status). */
  public static final int USAGE = 2;
  /** HTTP 409: a domain refusal such as an exhausted range. */
  public static final int CONFLICT = 3;
  /** HTTP 404: unknown lock id or instance. */
  public static final int NOT_FOUND = 4;
  /** No daemon at the URL, no answer in time, or HTTP 503. */
  public static final int UNAVAILABLE = 5;

  private ExitCodes() {}

  /** The exit status for a daemon reply with HTTP status {@code httpStatus}. */
  public static int forStatus(int httpStatus) {
    if (httpStatus >= 200 && httpStatus < 300) {
      return OK;
    }
    return switch (httpStatus) {
      case 409 -> CONFLICT;
      case 404 -> NOT_FOUND;
      case 503 -> UNAVAILABLE;
      default -> FAILURE;
    };
  }
}
