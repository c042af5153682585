package dev.styxy.coordinator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import dev.styxy.http.api.AllocateRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against a stub HTTP server on a loopback ephemeral port. */
class DaemonClientTest {
  private HttpServer server;
  private final Map<String, String> seen = new ConcurrentHashMap<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      seen.put("method", exchange.getRequestMethod());
      seen.put("path", exchange.getRequestURI().getRawPath());
      seen.put("client", String.valueOf(exchange.getRequestHeaders().getFirst("X-Styxy-Client")));
      seen.put("auth", String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
      seen.put("body", new String(exchange.getRequestBody().readAllBytes(),
          StandardCharsets.UTF_8));
      byte[] reply = "{\"ok\":1}".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(exchange.getRequestURI().getPath().equals("/gone") ? 404 : 200,
          reply.length);
      exchange.getResponseBody().write(reply);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private DaemonClient client(String token) {
    return new DaemonClient(new DaemonEndpoint(
        "http://127.0.0.1:" + server.getAddress().getPort(), token, Path.of("auth.token")));
  }

  @Test
  void postSendsTheTokenTheClientHeaderAndCompactJson() {
    ApiReply reply = client("secret").post("/allocate", AllocateRequest.of("dev"));

    assertEquals(200, reply.status());
    assertEquals("POST", seen.get("method"));
    assertEquals("Bearer secret", seen.get("auth"));
    assertEquals("cli", seen.get("client"));
    assertEquals("{\"service_type\":\"dev\"}", seen.get("body"));
  }

  @Test
  void statusIsAskedWithoutTheToken() {
    client("secret").get("/status", false);

    assertEquals("null", seen.get("auth"));
  }

  @Test
  void errorStatusesComeBackAsReplies() {
    ApiReply reply = client(null).delete("/gone");

    assertEquals(404, reply.status());
    assertEquals("DELETE", seen.get("method"));
  }

  @Test
  void putSendsTheTokenAndNoBody() {
    ApiReply reply = client("secret").put("/allocate/x/heartbeat");

    assertEquals(200, reply.status());
    assertEquals("PUT", seen.get("method"));
    assertEquals("/allocate/x/heartbeat", seen.get("path"));
    assertEquals("Bearer secret", seen.get("auth"));
    assertEquals("", seen.get("body"));
  }

  @Test
  void nothingListeningIsUnavailableWithTheStartHint() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    DaemonClient client = new DaemonClient(new DaemonEndpoint(
        "http://127.0.0.1:" + closedPort, null, Path.of("auth.token")));

    CliFailure failure = assertThrows(CliFailure.class, () -> client.get("/status", false));

    assertEquals(ExitCodes.UNAVAILABLE, failure.exitCode());
    assertEquals("Styxy daemon is not running at http://127.0.0.1:" + closedPort
        + ". Start it with: styxy daemon start", failure.getMessage());
  }

  @Test
  void lockIdsAreEncodedAsOnePathSegment() {
    client(null).delete("/allocate/" + ClientCommand.segment("a/b c"));

    assertEquals("/allocate/a%2Fb%20c", seen.get("path"));
  }
}
