package dev.styxy.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.styxy.config.PortRange;
import dev.styxy.http.ApiJson;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * New service types against the real jar, with a user config.json in the original's format:
 * concurrent auto-allocations are mirrored into config.json (other keys kept) and audited, and a
 * lost config.json is rebuilt from the journal at the next start.
 */
class AutoAllocationIT extends LiveDaemonTest {
  private static final int TYPES = 50;
  private static final String USER_CONFIG = """
      {
        "_meta": {"generated_by": "styxy config generate"},
        "service_types": {
          "web": {"description": "mine", "preferred_ports": [13000], "port_range": [13000, 13019],
                  "multi_instance_pattern": "sequential", "instance_behavior": "multi"}
        },
        "compliance": {"version": "2.1"},
        "recovery": {"port_conflict": {"enabled": true, "max_retries": 3}}
      }
      """;

  @Test
  void concurrentNewTypesAreMirroredAuditedAndRebuiltAfterALostConfig() throws Exception {
    Path home = Files.createDirectory(dir.resolve("home"));
    Files.writeString(home.resolve("config.json"), USER_CONFIG);
    int port = DaemonProcess.freePort();
    daemon = DaemonProcess.startReady(home, port, dir, "first");

    List<JsonNode> replies = allocateConcurrently();
    daemon.close();

    assertTrue(replies.stream().allMatch(r -> r.path("auto_allocated").asBoolean()));
    JsonNode config = ApiJson.mapper().readTree(home.resolve("config.json").toFile());
    assertEquals("styxy config generate", config.path("_meta").path("generated_by").asText());
    assertEquals("2.1", config.path("compliance").path("version").asText());
    assertEquals(3, config.path("recovery").path("port_conflict").path("max_retries").asInt());
    assertEquals("mine", config.path("service_types").path("web").path("description").asText());
    assertAutoTypes(config.path("service_types"), replies);
    try (var backups = Files.list(home.resolve("config-backups"))) {
      assertTrue(backups.findAny().isPresent(), "the user's file was backed up");
    }
    List<JsonNode> audit = autoAllocationLines(home);
    assertEquals(TYPES, audit.size(), audit.toString());
    for (JsonNode entry : audit) {
      assertEquals(10, entry.path("chunkSize").asInt());
    }

    Files.delete(home.resolve("config.json"));
    daemon = DaemonProcess.startReady(home, port, dir, "second");
    assertEquals(200, daemon.get("/allocations").statusCode());
    daemon.close();

    JsonNode rebuilt = ApiJson.mapper().readTree(home.resolve("config.json").toFile());
    assertAutoTypes(rebuilt.path("service_types"), replies);
    assertEquals(TYPES, autoAllocationLines(home).size(), "a replay audits nothing");
  }

  /** The AUTO_ALLOCATION lines of audit.log (which has a line for every other event too). */
  private static List<JsonNode> autoAllocationLines(Path home) throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(home.resolve("audit.log"))) {
      JsonNode entry = ApiJson.mapper().readTree(line);
      if (entry.path("action").asText().equals("AUTO_ALLOCATION")) {
        lines.add(entry);
      }
    }
    return lines;
  }

  /** One entry per new type, disjoint, holding the port each reply got. */
  private static void assertAutoTypes(JsonNode types, List<JsonNode> replies) {
    List<PortRange> ranges = new ArrayList<>();
    for (JsonNode reply : replies) {
      String name = reply.path("service_type_requested").asText();
      JsonNode entry = types.path(name);
      assertTrue(entry.path("auto_allocated").asBoolean(), name + " in " + types);
      PortRange range = new PortRange(entry.path("port_range").get(0).asInt(),
          entry.path("port_range").get(1).asInt());
      assertTrue(range.contains(reply.path("port").asInt()), name);
      ranges.add(range);
    }
    assertEquals(TYPES, ranges.size());
    for (int i = 0; i < ranges.size(); i++) {
      for (int j = i + 1; j < ranges.size(); j++) {
        assertFalse(ranges.get(i).overlaps(ranges.get(j)), ranges.get(i) + " " + ranges.get(j));
      }
    }
  }

  /** Replies to one request per new type, all sent at once; each carries the type it asked for. */
  private List<JsonNode> allocateConcurrently() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(TYPES);
    try {
      List<Future<JsonNode>> calls = IntStream.range(0, TYPES)
          .mapToObj(i -> pool.<JsonNode>submit(() -> {
        String type = "svc-" + i;
        HttpResponse<String> reply =
            daemon.post("/allocate", "{\"service_type\":\"" + type + "\"}");
        assertEquals(200, reply.statusCode(), reply.body());
        return ((ObjectNode) ApiJson.mapper().readTree(reply.body()))
            .put("service_type_requested", type);
      })).toList();
      List<JsonNode> replies = new ArrayList<>();
      for (Future<JsonNode> call : calls) {
        replies.add(call.get(60, TimeUnit.SECONDS));
      }
      return replies;
    } finally {
      pool.shutdownNow();
    }
  }
}
