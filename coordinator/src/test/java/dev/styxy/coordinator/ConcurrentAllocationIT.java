package dev.styxy.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.styxy.http.ApiJson;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * 32 clients allocate 100 distinct names each at the same time: every one of the 3,200 replies is
 * a success with its own port, and all of them survive {@code kill -9}.
 */
class ConcurrentAllocationIT extends LiveDaemonTest {
  private static final int CLIENTS = 32;
  private static final int PER_CLIENT = 100;


  @Test
  void concurrentAllocationsGetDistinctPortsThatSurviveKillNine() throws Exception {
    Path home = Files.createDirectory(dir.resolve("home"));
    Files.writeString(home.resolve("config.json"), "{\"service_types\":{\"bulk\":{"
        + "\"description\":\"load test\","
        + "\"port_range\":[20000,29999]}}}");
    int port = DaemonProcess.freePort();
    daemon = DaemonProcess.startReady(home, port, dir, "first");

    Map<String, Integer> allocated = allocateConcurrently();

    assertEquals(CLIENTS * PER_CLIENT, allocated.size());
    assertEquals(CLIENTS * PER_CLIENT, new HashSet<>(allocated.values()).size(),
        "two allocations share a port");

    daemon.kill();
    daemon = DaemonProcess.startReady(home, port, dir, "second");
    HttpResponse<String> list = daemon.get("/allocations");

    assertEquals(200, list.statusCode(), list.body());
    Map<String, Integer> recovered = new HashMap<>();
    for (JsonNode record : ApiJson.mapper().readTree(list.body()).path("allocations")) {
      recovered.put(record.path("lock_id").asText(), record.path("port").asInt());
    }
    assertEquals(allocated, recovered);
  }

  /** Lock id → port for every reply; fails on the first non-success. */
  private Map<String, Integer> allocateConcurrently() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    try {
      List<Future<Map<String, Integer>>> clients = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        int client = c;
        clients.add(pool.submit(() -> allocateMany(client)));
      }
      Map<String, Integer> all = new HashMap<>();
      for (Future<Map<String, Integer>> f : clients) {
        all.putAll(f.get(120, TimeUnit.SECONDS));
      }
      return all;
    } finally {
      pool.shutdownNow();
    }
  }

  private Map<String, Integer> allocateMany(int client) throws Exception {
    Map<String, Integer> mine = new HashMap<>();
    Set<String> failures = new HashSet<>();
    for (int i = 0; i < PER_CLIENT; i++) {
      HttpResponse<String> reply = daemon.post("/allocate", "{\"service_type\":\"bulk\","
          + "\"service_name\":\"c" + client + "-" + i + "\",\"instance_id\":\"load-" + client
          + "\"}");
      JsonNode body = ApiJson.mapper().readTree(reply.body());
      if (reply.statusCode() != 200 || !body.path("success").asBoolean(false)) {
        failures.add(reply.statusCode() + " " + reply.body());
        continue;
      }
      mine.put(body.path("lock_id").asText(), body.path("port").asInt());
    }
    assertEquals(Set.of(), failures, "client " + client);
    return mine;
  }
}
