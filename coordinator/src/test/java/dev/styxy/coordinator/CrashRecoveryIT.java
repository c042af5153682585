package dev.styxy.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.styxy.http.ApiJson;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** An acknowledged allocation survives {@code kill -9} of the daemon right after the reply. */
class CrashRecoveryIT extends LiveDaemonTest {
  @Test
  void allocationAcknowledgedBeforeKillNineIsListedAfterRestart() throws Exception {
    Path home = Files.createDirectory(dir.resolve("home"));
    int port = DaemonProcess.freePort();
    daemon = DaemonProcess.startReady(home, port, dir, "first");

    HttpResponse<String> reply = daemon.post("/allocate",
        "{\"service_type\":\"dev\",\"service_name\":\"crash-test\",\"instance_id\":\"it\"}");
    daemon.kill();

    assertEquals(200, reply.statusCode(), reply.body());
    JsonNode allocated = ApiJson.mapper().readTree(reply.body());
    String lockId = allocated.path("lock_id").asText();
    int allocatedPort = allocated.path("port").asInt();

    daemon = DaemonProcess.startReady(home, port, dir, "second");
    HttpResponse<String> list = daemon.get("/allocations");

    assertEquals(200, list.statusCode(), list.body());
    JsonNode records = ApiJson.mapper().readTree(list.body()).path("allocations");
    assertEquals(1, records.size(), list.body());
    assertEquals(lockId, records.get(0).path("lock_id").asText());
    assertEquals(allocatedPort, records.get(0).path("port").asInt());
    assertTrue(daemon.stdout().contains("ready on http://127.0.0.1:" + port), daemon.output());
  }
}
