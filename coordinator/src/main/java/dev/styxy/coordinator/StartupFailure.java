package dev.styxy.coordinator;

/**
 * A reason the daemon cannot start. Its message is the one line printed on stderr before the
 * process exits with status 1, so it names the thing to fix (a port, a file, a setting) and never
 * carries a stack trace. The cause, when there is one, goes only to the log file.
 */
public final class StartupFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StartupFailure(String line) {
    super(line);
  }

  public StartupFailure(String line, Throwable cause) {
    super(line, cause);
  }
}
