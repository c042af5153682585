package dev.styxy.coordinator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.styxy.http.ApiJson;
import dev.styxy.http.api.AllocationRecord;
import dev.styxy.http.api.AllocationsResponse;
import dev.styxy.http.api.CheckResponse;
import dev.styxy.http.api.StatusResponse;
import dev.styxy.http.api.SystemUsage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Human output of release, check, list and status, fed with DTOs and JSON strings. */
class OutputFormatTest {
  private static final AllocationRecord WEB = new AllocationRecord(3000, "lock-1", "lock-1",
      "dev", "web", "cli", "/home/dev/app", 4242L, "2026-01-01T12:00:00.000Z", null, null, null,
      null, "dev", "web", "cli", "/home/dev/app", 4242L, "styxy-cli/1", "127.0.0.1");

  @Test
  void releasePrintsTheDaemonsMessage() {
    ApiReply reply = new ApiReply(200,
        "{\"success\":true,\"message\":\"Port 3001 released\",\"port\":3001}");

    assertEquals("✅ Port 3001 released\n", ReleaseCommand.format(reply));
  }

  @Test
  void checkOfAFreePortIsOneLine() {
    assertEquals("✅ Port 3050 is available\n",
        CheckCommand.format(new CheckResponse(3050, true, null, null)));
  }

  @Test
  void checkOfAHeldPortNamesTheAllocationAndTheProcess() {
    SystemUsage usage = new SystemUsage(4242L, "python3", "python3 -m http.server 3000",
        "127.0.0.1:3000", "tcp", null);

    assertEquals("""
        ❌ Port 3000 is in use

        📋 Styxy Allocation:
           Service: dev
           Name: web
           Lock ID: lock-1
           Allocated: 2026-01-01T12:00:00.000Z
           Instance: cli
           PID: 4242

        🖥️  System Usage:
           PID: 4242
           Process: python3
           Command: python3 -m http.server 3000
           Address: 127.0.0.1:3000 (tcp)
        """, CheckCommand.format(new CheckResponse(3000, false, WEB, usage)));
  }

  @Test
  void checkReadFromJsonShowsAnInvisibleHoldersNote() {
    ApiReply reply = new ApiReply(200, "{\"port\":22,\"available\":false,\"allocated_to\":null,"
        + "\"system_usage\":{\"pid\":null,\"process\":null,\"command\":null,"
        + "\"local_address\":\"0.0.0.0:22\",\"protocol\":\"tcp\","
        + "\"note\":\"held by a process this user cannot see\"}}");

    assertEquals("""
        ❌ Port 22 is in use

        🖥️  System Usage:
           Address: 0.0.0.0:22 (tcp)
           Note: held by a process this user cannot see
        """, CheckCommand.format(reply.as(CheckResponse.class)));
  }

  @Test
  void emptyListSaysSo() {
    assertEquals("No active port allocations\n",
        ListCommand.format(new AllocationsResponse(List.of()), false));
  }

  @Test
  void listShowsOneLinePerPortAndTheTotal() {
    assertEquals("""
        Active Port Allocations:
        ==================================================
        Port 3000: dev

        Total: 1 allocations (use -v for details)
        """, ListCommand.format(new AllocationsResponse(List.of(WEB)), false));
  }

  @Test
  void verboseListShowsEveryField() {
    assertEquals("""
        Active Port Allocations:
        ==================================================
        Port 3000: dev
           Service Name: web
           Lock ID: lock-1
           Instance: cli
           Allocated: 2026-01-01T12:00:00.000Z
           Project: /home/dev/app
           PID: 4242

        Total: 1 allocations
        """, ListCommand.format(new AllocationsResponse(List.of(WEB)), true));
  }

  @Test
  void listReadsTheDaemonsJson() {
    String json = ApiJson.write(new AllocationsResponse(List.of(WEB)));

    AllocationsResponse parsed = new ApiReply(200, json).as(AllocationsResponse.class);

    assertEquals(WEB, parsed.allocations().get(0));
  }

  @Test
  void statusShowsStateVersionUptimeAndCounts() {
    StatusResponse status = new StatusResponse("running", 12.6, 3, 0, "READY", "0.2.0",
        new StatusResponse.Memory(1L, 2L, 3L), java.util.Map.of("dev", 2L));

    assertEquals("""
        Status: Running
        State: READY
        Version: 0.2.0
        Uptime: 13s
        Allocations: 3
        Instances: 0
        Ports found held by outside processes: dev=2
        """, StatusCommand.format(status));
  }

  @Test
  void statusWhileRecoveringHasNoAllocationCountYet() {
    StatusResponse status = new StatusResponse("running", 0.4, null, 0, "RECOVERING", "0.2.0",
        null, null);

    assertEquals("Allocations: (recovering)",
        StatusCommand.format(status).lines().filter(l -> l.startsWith("Allocations"))
            .findFirst().orElseThrow());
  }
}
