package dev.styxy.config;

import static dev.styxy.config.Require.require;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * HTTP API settings ({@code styxy.http}).
 *
 * @param host the address to bind; loopback unless the operator passes {@code --bind}
 * @param port the TCP port; {@code 0} picks a free one (tests)
 * @param maxBodyBytes request bodies above this size get 413
 * @param rateLimitPerMinute requests per token per minute before 429
 * @param askTimeout how long a route waits for the registry before answering 503
 */
public record HttpSettings(
    String host, int port, int maxBodyBytes, int rateLimitPerMinute, Duration askTimeout) {

  public HttpSettings {
    require(host != null && !host.isBlank(), "styxy.http.host", "must not be empty", host);
    require(port >= 0 && port <= 65535, "styxy.http.port", "must be within 0..65535", port);
    require(maxBodyBytes >= 256, "styxy.http.max-body-bytes", "must be >= 256", maxBodyBytes);
    require(rateLimitPerMinute >= 1, "styxy.http.rate-limit-per-minute", "must be >= 1",
        rateLimitPerMinute);
    require(!askTimeout.isNegative() && !askTimeout.isZero(), "styxy.http.ask-timeout",
        "must be > 0", askTimeout);
  }

  /** Reads the {@code styxy.http} section itself; see {@link StyxySettings#fromConfig}. */
  public static HttpSettings fromConfig(Config c) {
    return read(c, "");
  }

  /** Reads keys under {@code prefix} of {@code c}, so config errors name the full key. */
  static HttpSettings read(Config c, String prefix) {
    return new HttpSettings(c.getString(prefix + "host"), c.getInt(prefix + "port"),
        c.getInt(prefix + "max-body-bytes"), c.getInt(prefix + "rate-limit-per-minute"),
        c.getDuration(prefix + "ask-timeout"));
  }

  public HttpSettings withPort(int newPort) {
    return new HttpSettings(host, newPort, maxBodyBytes, rateLimitPerMinute, askTimeout);
  }

  public HttpSettings withHost(String newHost) {
    return new HttpSettings(newHost, port, maxBodyBytes, rateLimitPerMinute, askTimeout);
  }
}
