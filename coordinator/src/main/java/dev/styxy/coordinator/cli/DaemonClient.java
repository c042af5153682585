package dev.styxy.coordinator.cli;

import dev.styxy.coordinator.Version;
import dev.styxy.http.ApiJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * The CLI's HTTP client for the daemon API. Every request carries the bearer token (except the
 * open {@code /status}) and {@code X-Styxy-Client: cli}, and gives up after 5 s. Transport
 * problems become {@link CliFailure}s with exit status 5 and a line saying how to start the
 * daemon; HTTP replies of any status are returned as they are.
 *
 * <p>Built on {@link HttpURLConnection}, not {@code java.net.http.HttpClient}: on JDK 17 the
 * latter keeps a selector thread blocked in native code, and the JVM waits 300 ms for such
 * threads when it exits, more than the rest of a typical command (docs/performance.md). Requests
 * go direct, never through a configured proxy: the daemon is local.
 */
public final class DaemonClient {
  static final Duration TIMEOUT = Duration.ofSeconds(5);
  /** Three of the daemon's 15-second keep-alives missed: the event stream is dead. */
  static final Duration STREAM_READ_TIMEOUT = Duration.ofSeconds(45);

  private final DaemonEndpoint endpoint;
  private final Duration timeout;

  public DaemonClient(DaemonEndpoint endpoint) {
    this(endpoint, TIMEOUT);
  }

  /** A client whose requests give up after {@code timeout} (connect and read each). */
  public DaemonClient(DaemonEndpoint endpoint, Duration timeout) {
    this.endpoint = endpoint;
    this.timeout = timeout;
  }

  public DaemonEndpoint endpoint() {
    return endpoint;
  }

  /** {@code GET path}; {@code authenticated=false} only for {@code /status}. */
  public ApiReply get(String path, boolean authenticated) {
    return send("GET", path, authenticated, null);
  }

  /** {@code POST path} with {@code body} as compact JSON. */
  public ApiReply post(String path, Object body) {
    return send("POST", path, true, ApiJson.bytes(body));
  }

  /** {@code PUT path} without a body. */
  public ApiReply put(String path) {
    return send("PUT", path, true, null);
  }

  /** {@code DELETE path}. */
  public ApiReply delete(String path) {
    return send("DELETE", path, true, null);
  }

  /** A streamed reply: its status and its body's lines, read as they arrive. */
  public record LineStream(int status, Stream<String> lines) {}

  /**
   * {@code GET path} as a stream of lines, for {@code /events}; {@code lastEventId} is sent as
   * {@code Last-Event-ID} when not null. The daemon sends a keep-alive every 15 s, so a read
   * that waits {@link #STREAM_READ_TIMEOUT} finds a dead connection: the lines' stream then
   * throws {@link java.io.UncheckedIOException}. Closing the lines closes the connection.
   */
  public LineStream stream(String path, String lastEventId) {
    try {
      HttpURLConnection connection = open("GET", path, true);
      connection.setReadTimeout((int) STREAM_READ_TIMEOUT.toMillis());
      connection.setRequestProperty("Accept", "text/event-stream");
      if (lastEventId != null) {
        connection.setRequestProperty("Last-Event-ID", lastEventId);
      }
      int status = connection.getResponseCode();
      InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
      BufferedReader reader = new BufferedReader(new InputStreamReader(
          in == null ? InputStream.nullInputStream() : in, StandardCharsets.UTF_8));
      return new LineStream(status, reader.lines().onClose(connection::disconnect));
    } catch (IOException e) {
      throw unavailable(e);
    }
  }

  /**
   * {@code GET path}, streaming a 2xx body into {@code sink} instead of memory (a journal export
   * can be large).
   *
   * @return the reply: with an empty body when it went to {@code sink}, else the error body
   */
  public ApiReply download(String path, OutputStream sink) {
    HttpURLConnection connection = null;
    try {
      connection = open("GET", path, true);
      int status = connection.getResponseCode();
      if (status >= 400) {
        InputStream error = connection.getErrorStream();
        return new ApiReply(status, error == null ? ""
            : new String(error.readAllBytes(), StandardCharsets.UTF_8));
      }
      try (InputStream in = connection.getInputStream()) {
        in.transferTo(sink);
      }
      return new ApiReply(status, "");
    } catch (IOException e) {
      throw unavailable(e);
    } finally {
      if (connection != null) {
        connection.disconnect();
      }
    }
  }

  /** The line printed when nothing answers at the daemon URL. */
  public static String notRunning(String baseUrl) {
    return "Styxy daemon is not running at " + baseUrl + ". Start it with: styxy daemon start";
  }

  private ApiReply send(String method, String path, boolean authenticated, byte[] body) {
    HttpURLConnection connection = null;
    try {
      connection = open(method, path, authenticated);
      if (body != null) {
        connection.setRequestProperty("Content-Type", "application/json");
        connection.setDoOutput(true);
        connection.setFixedLengthStreamingMode(body.length);
        try (OutputStream out = connection.getOutputStream()) {
          out.write(body);
        }
      }
      int status = connection.getResponseCode();
      InputStream stream = status >= 400 ? connection.getErrorStream()
          : connection.getInputStream();
      String text = stream == null ? ""
          : new String(stream.readAllBytes(), StandardCharsets.UTF_8);
      return new ApiReply(status, text);
    } catch (IOException e) {
      throw unavailable(e);
    } finally {
      if (connection != null) {
        connection.disconnect();
      }
    }
  }

  /** A transport problem as the CLI's one-line failure (exit 5). */
  private CliFailure unavailable(IOException e) {
    if (e instanceof SocketTimeoutException) {
      return new CliFailure(ExitCodes.UNAVAILABLE, "DAEMON_UNAVAILABLE", "Styxy daemon at "
          + endpoint.baseUrl() + " did not answer within " + timeout.toMillis() / 1000.0 + " s");
    }
    if (e instanceof ConnectException) {
      return new CliFailure(ExitCodes.UNAVAILABLE, "DAEMON_UNAVAILABLE",
          notRunning(endpoint.baseUrl()));
    }
    return new CliFailure(ExitCodes.UNAVAILABLE, "DAEMON_UNAVAILABLE", "cannot talk to the "
        + "Styxy daemon at " + endpoint.baseUrl() + ": " + e.getMessage());
  }

  private HttpURLConnection open(String method, String path, boolean authenticated)
      throws IOException {
    HttpURLConnection connection = (HttpURLConnection) new URL(endpoint.baseUrl() + path)
        .openConnection(Proxy.NO_PROXY);
    connection.setRequestMethod(method);
    connection.setConnectTimeout((int) timeout.toMillis());
    connection.setReadTimeout((int) timeout.toMillis());
    connection.setInstanceFollowRedirects(false);
    connection.setUseCaches(false);
    connection.setRequestProperty("Accept", "application/json");
    connection.setRequestProperty("User-Agent", "styxy-cli/" + Version.current());
    connection.setRequestProperty("X-Styxy-Client", "cli");
    if (authenticated && endpoint.token() != null) {
      connection.setRequestProperty("Authorization", "Bearer " + endpoint.token());
    }
    return connection;
  }
}
