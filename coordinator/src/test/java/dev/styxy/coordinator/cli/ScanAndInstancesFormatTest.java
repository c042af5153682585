package dev.styxy.coordinator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.styxy.http.ApiJson;
import dev.styxy.http.api.InstancesResponse;
import dev.styxy.http.api.ScanResponse;
import org.junit.jupiter.api.Test;

/** Human output of {@code scan} and {@code instances}, fed with the daemon's JSON. */
class ScanAndInstancesFormatTest {
  @Test
  void scanPrintsOneBlockPerUsedPortAndASummary() {
    ScanResponse scan = new ApiReply(200, "{\"scan_range\":\"3000-3099\",\"ports_in_use\":["
        + "{\"port\":3000,\"allocated_to\":{\"port\":3000,\"lock_id\":\"l-1\",\"service_type\":"
        + "\"dev\",\"service_name\":\"web\",\"pid\":42},\"system_usage\":null},"
        + "{\"port\":3005,\"allocated_to\":null,\"system_usage\":{\"pid\":7,\"process\":\"python3\","
        + "\"command\":\"python3 -m http.server\",\"local_address\":\"0.0.0.0:3005\"}}]}")
        .as(ScanResponse.class);

    assertEquals("""
        🔍 Scanning ports 3000-3099 for usage...

        🔌 Port 3000:
           Styxy: dev (web), lock l-1, pid 42
        🔌 Port 3005:
           System: python3 pid 7 on 0.0.0.0:3005 (python3 -m http.server)

        📈 Summary: 2 ports in use (1 allocated by Styxy, 1 with a listening process)
        """, ScanCommand.format(scan));
  }

  @Test
  void scanOfAnIdleRangeSaysSo() {
    ScanResponse scan = new ScanResponse("4000-4009", java.util.List.of());

    assertEquals("🔍 Scanning ports 4000-4009 for usage...\n\n"
        + "✅ No ports in use in range 4000-4009\n", ScanCommand.format(scan));
  }

  @Test
  void instancesPrintsEachWithItsAllocationCountAndATotal() throws Exception {
    InstancesResponse instances = ApiJson.mapper().readValue("{\"instances\":[{\"instance_id\":"
        + "\"claude-1\",\"working_directory\":\"/p\",\"registered_at\":\"t0\",\"last_heartbeat\":"
        + "\"t1\",\"active_allocations\":[\"a\",\"b\"],\"metadata\":{},\"pid\":9}]}",
        InstancesResponse.class);

    assertEquals("""
        Instance: claude-1
           Directory: /p
           Allocations: 2
           Last seen: t1
           PID: 9

        Total: 1 active instances
        """, InstancesCommand.format(instances));
  }

  @Test
  void noInstancesIsOneLine() {
    assertEquals("No active instances registered\n",
        InstancesCommand.format(new InstancesResponse(java.util.List.of())));
  }
}
