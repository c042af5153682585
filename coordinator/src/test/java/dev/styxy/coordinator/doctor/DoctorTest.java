package dev.styxy.coordinator.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.styxy.config.PortRange;
import dev.styxy.coordinator.cli.DaemonClient;
import dev.styxy.coordinator.cli.DaemonEndpoint;
import dev.styxy.coordinator.cli.ExitCodes;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole run against a stub daemon on a loopback ephemeral port, and without one. */
class DoctorTest {
  private static final PortRange EPHEMERAL = new PortRange(32768, 60999);
  private static final String TOKEN = "cd".repeat(32);

  @TempDir Path home;

  private HttpServer server;
  /** Path → {status, body}; the stub answers 404 for anything else. */
  private final Map<String, Object[]> replies = new ConcurrentHashMap<>();

  @BeforeEach
  void start() throws IOException {
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
    Path token = Files.writeString(home.resolve("auth.token"), TOKEN);
    Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      Object[] reply = replies.getOrDefault(exchange.getRequestURI().toString(),
          new Object[] {404, "{}"});
      byte[] body = ((String) reply[1]).getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders((Integer) reply[0], body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    replies.put("/status", new Object[] {200, "{\"status\":\"running\",\"uptime\":1,"
        + "\"allocations\":0,\"instances\":0,\"state\":\"READY\",\"version\":\"v\"}"});
    replies.put("/config", new Object[] {200, "{\"service_types\":{\"dev\":{\"preferred_ports\""
        + ":[],\"range\":[3000,3099],\"description\":\"d\",\"examples\":[],"
        + "\"instance_behavior\":\"multi\",\"source\":\"core\"}}}"});
    replies.put("/scan?start=3000&end=3099", new Object[] {200, "{\"scan_range\":\"3000-3099\","
        + "\"ports_in_use\":[{\"port\":3005,\"allocated_to\":null,\"system_usage\":{\"pid\":"
        + "4242,\"process\":\"python3\",\"command\":\"python3 -m http.server 3005\","
        + "\"local_address\":\"127.0.0.1:3005\",\"protocol\":\"tcp\"}}]}"});
    replies.put("/health", new Object[] {200, "{\"status\":\"healthy\",\"state\":\"READY\","
        + "\"detail\":\"the registry serves requests\",\"timestamp\":\""
        + Clock.systemUTC().instant() + "\",\"uptime\":1,\"version\":\"v\"}"});
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private DoctorReport run(String baseUrl) {
    DaemonClient client = new DaemonClient(new DaemonEndpoint(baseUrl, TOKEN,
        home.resolve("auth.token")));
    return new Doctor(client, home, EPHEMERAL, Clock.systemUTC()).run();
  }

  private String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private static List<String> checks(DoctorReport report) {
    return report.findings().stream().map(f -> f.status().label() + " " + f.check()).toList();
  }

  @Test
  void aHealthyDaemonWithAnOutsideListenerWarnsAndExitsZero() {
    DoctorReport report = run(url());

    assertEquals(List.of("ok daemon", "ok home", "ok token", "ok config", "ok ranges",
        "ok journal", "ok state", "ok clock", "warn ports", "ok clock"), checks(report),
        report.lines().toString());
    assertEquals("kill 4242  # python3 -m http.server 3005", report.findings().get(8).fix());
    assertEquals(ExitCodes.OK, report.exitCode());
  }

  @Test
  void aRefusedTokenFailsAndTheDaemonOnlyChecksThatNeedNoTokenStillRun() {
    replies.put("/config", new Object[] {401, "{\"success\":false,\"error\":\"no\","
        + "\"code\":\"UNAUTHORIZED\",\"request_id\":\"r\"}"});

    DoctorReport report = run(url());

    Finding refused = report.findings().stream()
        .filter(f -> f.status() == Finding.Severity.FAIL).findFirst().orElseThrow();
    assertEquals("token", refused.check());
    assertTrue(refused.found().contains("refused the token in " + home.resolve("auth.token")),
        refused.found());
    assertTrue(checks(report).contains("ok state"), checks(report).toString());
    assertEquals(ExitCodes.FAILURE, report.exitCode());
  }

  @Test
  void anUnreachableDaemonExitsFiveAfterTheLocalChecks() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }

    DoctorReport report = run("http://127.0.0.1:" + closed);

    assertEquals(List.of("fail daemon", "ok home", "ok token", "ok config", "ok ranges",
        "ok journal", "ok clock"), checks(report));
    assertEquals("styxy daemon start", report.findings().get(0).fix());
    assertEquals(ExitCodes.UNAVAILABLE, report.exitCode());
  }
}
