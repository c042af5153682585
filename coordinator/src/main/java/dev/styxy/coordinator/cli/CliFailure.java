package dev.styxy.coordinator.cli;

/**
 * A CLI command cannot complete: its message is the one line for stderr, {@link #exitCode()} the
 * process status (see {@link ExitCodes}).
 */
public final class CliFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int exitCode;
  private final String code;

  /**
   * @param code a machine-readable code for {@code --json} output, e.g. {@code DAEMON_UNAVAILABLE}
   */
  public CliFailure(int exitCode, String code, String line) {
    super(line);
    this.exitCode = exitCode;
    this.code = code;
  }

  public int exitCode() {
    return exitCode;
  }

  public String code() {
    return code;
  }
}
