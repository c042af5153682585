package dev.styxy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The API on a real socket (127.0.0.1, ephemeral port), driven by {@link HttpClient}. */
class ApiServerTest {
  static final ApiFixture fx = new ApiFixture("ApiServerTest");
  static final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  static ServerBinding binding;
  static ServerSocket held;
  static String base;

  @BeforeAll
  static void start() throws Exception {
    binding = ApiRoutes.bind(fx.kit.system(),
            fx.api(ApiFixture.SETTINGS, ApiFixture.TOKEN).routes(), "127.0.0.1", 0)
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
    base = "http://127.0.0.1:" + binding.localAddress().getPort();
    held = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
  }

  @AfterAll
  static void stop() throws Exception {
    held.close();
    binding.terminate(Duration.ofSeconds(2)).toCompletableFuture().get(5, TimeUnit.SECONDS);
    fx.close();
  }

  static HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
  }

  static HttpRequest.Builder authed(String path) {
    return request(path).header("Authorization", "Bearer " + ApiFixture.TOKEN);
  }

  static HttpResponse<String> send(HttpRequest.Builder builder) {
    try {
      return client.send(builder.build(), BodyHandlers.ofString());
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  static JsonNode json(HttpResponse<String> response) {
    return ApiJson.read(response.body(), JsonNode.class);
  }

  @Test
  void statusIsOpenAndEveryResponseHasARequestId() {
    HttpResponse<String> status = send(request("/status"));
    assertEquals(200, status.statusCode());
    assertTrue(status.body().contains("\"status\":\"running\""), status.body());
    assertTrue(status.headers().firstValue("X-Request-Id").isPresent());
    HttpResponse<String> denied = send(request("/allocations").header("X-Request-Id", "t-1"));
    assertEquals(401, denied.statusCode());
    assertEquals("t-1", denied.headers().firstValue("X-Request-Id").orElseThrow());
    assertEquals("t-1", json(denied).get("request_id").asText());
    assertEquals(200, send(request("/allocations").header("X-API-Key", ApiFixture.TOKEN))
        .statusCode());
  }

  @Test
  void allocateCheckReleaseFlow() {
    HttpResponse<String> allocated = send(authed("/allocate")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(BodyPublishers.ofString("{\"service_type\":\"web\",\"service_name\":\"flow\"}")));
    assertEquals(200, allocated.statusCode(), allocated.body());
    assertTrue(allocated.body().contains("\"success\":true"), allocated.body());
    int port = json(allocated).get("port").asInt();
    String lock = json(allocated).get("lock_id").asText();

    JsonNode check = json(send(authed("/check/" + port)));
    assertFalse(check.get("available").asBoolean());
    JsonNode owner = check.get("allocated_to");
    assertEquals(lock, owner.get("lock_id").asText());
    assertEquals("127.0.0.1", owner.get("remoteIP").asText());
    assertTrue(owner.get("userAgent").asText().startsWith("Java-http-client"), owner.toString());

    HttpResponse<String> released = send(authed("/allocate/" + lock).DELETE());
    assertEquals(200, released.statusCode(), released.body());
    assertEquals("Port " + port + " released", json(released).get("message").asText());
    assertTrue(json(send(authed("/check/" + port))).get("allocated_to").isNull());
    assertEquals(404, send(authed("/allocate/" + lock).DELETE()).statusCode());
  }

  @Test
  void checkNamesThisProcessAsTheHolderOfAListeningPort() {
    JsonNode check = json(send(authed("/check/" + held.getLocalPort())));
    assertFalse(check.get("available").asBoolean(), check.toString());
    assertEquals(ProcessHandle.current().pid(), check.get("system_usage").get("pid").asLong());
  }

  @Test
  void oversizedBodiesGet413() {
    String big = "{\"service_type\":\"web\",\"service_name\":\"" + "y".repeat(11 * 1024) + "\"}";
    HttpResponse<String> r = send(authed("/allocate")
        .header("Content-Type", "application/json").POST(BodyPublishers.ofString(big)));
    assertEquals(413, r.statusCode(), r.body());
    assertEquals("PAYLOAD_TOO_LARGE", json(r).get("code").asText());
    assertTrue(r.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
  }

  @Test
  void headOnStatusIsAnswered() {
    HttpResponse<String> r = send(request("/status").method("HEAD", BodyPublishers.noBody()));
    assertEquals(200, r.statusCode());
  }

  @Test
  void unparseableRequestsGetAJsonErrorToo() throws IOException {
    try (Socket socket = new Socket("127.0.0.1", binding.localAddress().getPort())) {
      socket.setSoTimeout(5000);
      socket.getOutputStream().write(("GET /%zz HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      String reply = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(reply.startsWith("HTTP/1.1 400"), reply);
      assertTrue(reply.contains("\"code\":\"INVALID_REQUEST\""), reply);
      assertTrue(reply.toLowerCase(Locale.ROOT).contains("x-request-id: "), reply);
    }
  }

  /** The parser's 5xx answers to client mistakes become 4xx: a 5xx means a daemon fault. */
  @Test
  void anUnknownMethodIs405AndAnUnknownHttpVersion400() throws IOException {
    String unknownMethod = raw("FOO /status HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "Connection: close\r\n\r\n");
    assertTrue(unknownMethod.startsWith("HTTP/1.1 405"), unknownMethod);
    assertTrue(unknownMethod.contains("\"code\":\"METHOD_NOT_ALLOWED\""), unknownMethod);
    String unknownVersion = raw("GET /status HTTP/1.7\r\nHost: 127.0.0.1\r\n\r\n");
    assertTrue(unknownVersion.startsWith("HTTP/1.1 400"), unknownVersion);
    assertTrue(unknownVersion.contains("\"code\":\"INVALID_REQUEST\""), unknownVersion);
  }

  private static String raw(String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", binding.localAddress().getPort())) {
      socket.setSoTimeout(5000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void malformedJsonOverTheWireIsA400() {
    HttpResponse<String> r = send(authed("/allocate")
        .header("Content-Type", "application/json").POST(BodyPublishers.ofString("{oops")));
    assertEquals(400, r.statusCode(), r.body());
    assertEquals("INVALID_REQUEST", json(r).get("code").asText());
  }
}
