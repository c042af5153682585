package dev.styxy.coordinator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.styxy.http.ApiJson;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The original's {@code daemon.state} in the home folder is imported on the first start. */
class ImportStateIT extends LiveDaemonTest {
  static byte[] sample() throws Exception {
    try (InputStream in = ImportStateIT.class.getResourceAsStream("/original/daemon.state")) {
      return in.readAllBytes();
    }
  }

  static List<Integer> ports(DaemonProcess daemon) throws Exception {
    HttpResponse<String> list = daemon.get("/allocations");
    assertEquals(200, list.statusCode(), list.body());
    List<Integer> ports = new ArrayList<>();
    ApiJson.mapper().readTree(list.body()).path("allocations")
        .forEach(a -> ports.add(a.path("port").asInt()));
    return ports;
  }

  @Test
  void firstStartImportsTheOriginalStateAndKeepsTheFile() throws Exception {
    Path home = Files.createDirectory(dir.resolve("home"));
    byte[] original = sample();
    Files.write(home.resolve("daemon.state"), original);
    int port = DaemonProcess.freePort();

    daemon = DaemonProcess.startReady(home, port, dir, "first");

    assertEquals(List.of(3000, 11430), ports(daemon));
    HttpResponse<String> list = daemon.get("/allocations");
    JsonNode dev = ApiJson.mapper().readTree(list.body()).path("allocations").get(0);
    assertEquals("e206bc6e-5d1a-4c1e-9a8f-3f4e2b1c0d9a", dev.path("lock_id").asText());
    assertEquals("my-app", dev.path("service_name").asText());
    HttpResponse<String> instances = daemon.get("/instance/list");
    assertEquals(200, instances.statusCode(), instances.body());
    JsonNode listed = ApiJson.mapper().readTree(instances.body()).path("instances");
    assertEquals(1, listed.size(), instances.body());
    assertEquals("claude-code-1", listed.get(0).path("instance_id").asText());
    assertEquals("claude-code", listed.get(0).path("metadata").path("agent").asText());
    assertArrayEquals(original, Files.readAllBytes(home.resolve("daemon.state")));
    // The log file holds one JSON object per line; the message is its formattedMessage.
    StringBuilder log = new StringBuilder();
    for (String line : Files.readAllLines(home.resolve("logs").resolve("styxy.log"))) {
      log.append(ApiJson.mapper().readTree(line).path("formattedMessage").asText()).append('\n');
    }
    assertTrue(log.toString().contains("Imported 2 allocation(s) and 1 instance(s); skipped 0 "
        + "record(s) from " + home.resolve("daemon.state") + " (the file is kept as it is)"),
        log.toString());
  }

  @Test
  void laterStartsDoNotImportAgain() throws Exception {
    Path home = Files.createDirectory(dir.resolve("home"));
    Files.write(home.resolve("daemon.state"), sample());
    int port = DaemonProcess.freePort();
    daemon = DaemonProcess.startReady(home, port, dir, "first");
    HttpResponse<String> released = daemon.send(daemon.request(
        "/allocate/e206bc6e-5d1a-4c1e-9a8f-3f4e2b1c0d9a").DELETE());
    assertEquals(200, released.statusCode(), released.body());
    daemon.close();

    daemon = DaemonProcess.startReady(home, port, dir, "second");

    assertEquals(List.of(11430), ports(daemon));
  }
}
