package dev.styxy.config;

/**
 * A configuration file or value that stops start-up. Its message is one line naming the file, the
 * key and the problem, e.g. {@code config.json: service_types.dev.port_range: start 3100 is after
 * end 3000}.
 */
public final class ConfigProblem extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigProblem(String source, String key, String problem) {
    super(source + ": " + key + ": " + problem);
  }

  public ConfigProblem(String source, String key, String problem, Throwable cause) {
    super(source + ": " + key + ": " + problem, cause);
  }
}
