package dev.styxy.coordinator.cli;

import dev.styxy.coordinator.Version;
import dev.styxy.http.ApiJson;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * The CLI's HTTP client for the daemon API. Every request carries the bearer token (except the
 * open {@code /status}) and {@code X-Styxy-Client: cli}, and gives up after 5 s. Transport
 * problems become {@link CliFailure}s with exit status 5 and a line saying how to start the
 * daemon; HTTP replies of any status are returned as they are.
 */
public final class DaemonClient {
  static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final DaemonEndpoint endpoint;
  private final HttpClient http;

  public DaemonClient(DaemonEndpoint endpoint) {
    this.endpoint = endpoint;
    this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  public DaemonEndpoint endpoint() {
    return endpoint;
  }

  /** {@code GET path}; {@code authenticated=false} only for {@code /status}. */
  public ApiReply get(String path, boolean authenticated) {
    return send(request(path, authenticated).GET());
  }

  /** {@code POST path} with {@code body} as compact JSON. */
  public ApiReply post(String path, Object body) {
    return send(request(path, true).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(ApiJson.bytes(body))));
  }

  /** {@code PUT path} without a body. */
  public ApiReply put(String path) {
    return send(request(path, true).PUT(HttpRequest.BodyPublishers.noBody()));
  }

  /** {@code DELETE path}. */
  public ApiReply delete(String path) {
    return send(request(path, true).DELETE());
  }

  /**
   * {@code GET path} as a stream of lines with no overall time limit (only the connect timeout),
   * for {@code /events}; {@code lastEventId} is sent as {@code Last-Event-ID} when not null.
   * Transport problems fail as the other requests do.
   */
  public HttpResponse<Stream<String>> stream(String path, String lastEventId) {
    HttpRequest.Builder builder = request(path, true).setHeader("Accept", "text/event-stream");
    builder.timeout(Duration.ofDays(3650));
    if (lastEventId != null) {
      builder.header("Last-Event-ID", lastEventId);
    }
    return send(builder, HttpResponse.BodyHandlers.ofLines());
  }

  /** The line printed when nothing answers at the daemon URL. */
  public static String notRunning(String baseUrl) {
    return "Styxy daemon is not running at " + baseUrl
        + ". Start it with: java -jar styxy.jar daemon run";
  }

  private HttpRequest.Builder request(String path, boolean authenticated) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(endpoint.baseUrl() + path))
        .timeout(TIMEOUT)
        .header("Accept", "application/json")
        .header("User-Agent", "styxy-cli/" + Version.current())
        .header("X-Styxy-Client", "cli");
    if (authenticated && endpoint.token() != null) {
      builder.header("Authorization", "Bearer " + endpoint.token());
    }
    return builder;
  }

  private ApiReply send(HttpRequest.Builder builder) {
    HttpResponse<String> response =
        send(builder, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return new ApiReply(response.statusCode(), response.body());
  }

  private <T> HttpResponse<T> send(HttpRequest.Builder builder,
      HttpResponse.BodyHandler<T> body) {
    try {
      return http.send(builder.build(), body);
    } catch (HttpTimeoutException e) {
      throw new CliFailure(ExitCodes.UNAVAILABLE, "DAEMON_UNAVAILABLE", "Styxy daemon at "
          + endpoint.baseUrl() + " did not answer within " + TIMEOUT.toSeconds() + " s");
    } catch (ConnectException e) {
      throw new CliFailure(ExitCodes.UNAVAILABLE, "DAEMON_UNAVAILABLE",
          notRunning(endpoint.baseUrl()));
    } catch (IOException e) {
      throw new CliFailure(ExitCodes.UNAVAILABLE, "DAEMON_UNAVAILABLE", "cannot talk to the "
          + "Styxy daemon at " + endpoint.baseUrl() + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliFailure(ExitCodes.FAILURE, "INTERRUPTED", "interrupted");
    }
  }
}
