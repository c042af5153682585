package dev.styxy.coordinator.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the CLI finds the daemon and its token, from the environment as the original CLI and
 * hooks did: {@code STYXY_URL}, else {@code http://127.0.0.1:$STYXY_DAEMON_PORT}, else the
 * daemon's own {@code STYXY_PORT} (so one variable serves {@code styxy daemon start} and the
 * commands after it), else {@code http://127.0.0.1:9876}; the token is the content of
 * {@code $STYXY_HOME/auth.token} ({@code STYXY_HOME} defaults to {@code ~/.styxy}).
 *
 * @param baseUrl the daemon's URL without a trailing slash, e.g. {@code http://127.0.0.1:9876}
 * @param token the API token, or {@code null} when the file is missing or unreadable (the daemon
 *     may run with auth disabled; if not, it answers 401 and the CLI says so)
 * @param tokenFile where the token was looked for, for error messages
 */
public record DaemonEndpoint(String baseUrl, String token, Path tokenFile) {
  public static final int DEFAULT_PORT = 9876;

  /**
   * @param env the process environment
   * @param userHome the user's home folder, for the default {@code ~/.styxy}
   * @throws CliFailure (usage) when {@code STYXY_URL} or {@code STYXY_DAEMON_PORT} is malformed
   */
  public static DaemonEndpoint fromEnvironment(Map<String, String> env, Path userHome) {
    Path tokenFile = home(env, userHome).resolve("auth.token");
    return new DaemonEndpoint(baseUrl(env), readToken(tokenFile), tokenFile);
  }

  /** The daemon's home folder: {@code $STYXY_HOME}, else {@code ~/.styxy}. */
  public static Path home(Map<String, String> env, Path userHome) {
    return nonBlank(env.get("STYXY_HOME")) ? Path.of(env.get("STYXY_HOME"))
        : userHome.resolve(".styxy");
  }

  static String baseUrl(Map<String, String> env) {
    String url = env.get("STYXY_URL");
    if (nonBlank(url)) {
      String trimmed = url.strip().replaceAll("/+$", "");
      URI uri;
      try {
        uri = URI.create(trimmed);
      } catch (IllegalArgumentException e) {
        throw usage("STYXY_URL is not a valid URL: " + url);
      }
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
          || uri.getHost() == null) {
        throw usage("STYXY_URL must look like http://127.0.0.1:9876, was " + url);
      }
      return trimmed;
    }
    for (String name : new String[] {"STYXY_DAEMON_PORT", "STYXY_PORT"}) {
      String port = env.get(name);
      if (nonBlank(port)) {
        return "http://127.0.0.1:" + port(name, port);
      }
    }
    return "http://127.0.0.1:" + DEFAULT_PORT;
  }

  private static int port(String name, String port) {
    int value;
    try {
      value = Integer.parseInt(port.strip());
    } catch (NumberFormatException e) {
      throw usage(name + " must be a port number, was " + port);
    }
    if (value < 1 || value > 65535) {
      throw usage(name + " must be within 1..65535, was " + port);
    }
    return value;
  }

  /** The port of {@link #baseUrl()}, its scheme's default when the URL names none. */
  public int port() {
    URI uri = URI.create(baseUrl);
    if (uri.getPort() > 0) {
      return uri.getPort();
    }
    return "https".equals(uri.getScheme()) ? 443 : 80;
  }

  private static String readToken(Path tokenFile) {
    try {
      String token = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
      return token.isEmpty() ? null : token;
    } catch (IOException e) {
      return null;
    }
  }

  private static boolean nonBlank(String s) {
    return s != null && !s.isBlank();
  }

  private static CliFailure usage(String line) {
    return new CliFailure(ExitCodes.USAGE, "INVALID_ENVIRONMENT", line);
  }
}
