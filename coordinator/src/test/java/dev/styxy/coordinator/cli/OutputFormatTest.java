package dev.styxy.coordinator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.styxy.http.ApiJson;
import dev.styxy.http.api.AllocationRecord;
import dev.styxy.http.api.AllocationsResponse;
import dev.styxy.http.api.CheckResponse;
import dev.styxy.http.api.CleanupResponse;
import dev.styxy.http.api.HealthView;
import dev.styxy.http.api.StatusResponse;
import dev.styxy.http.api.SystemUsage;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Human output of release, heartbeat, check, list, cleanup and status, fed with DTOs and JSON
 * strings.
 */
class OutputFormatTest {
  private static final AllocationRecord WEB = new AllocationRecord(3000, "lock-1", "lock-1",
      "dev", "web", "cli", "/home/dev/app", 4242L, "2026-01-01T12:00:00.000Z",
      new HealthView("HEALTHY", "2026-01-01T12:00:05.000Z", "port 3000 listening"), null, null,
      null, "dev", "web", "cli", "/home/dev/app", 4242L, "styxy-cli/1", "127.0.0.1");
  private static final AllocationRecord API = new AllocationRecord(11430, "lock-2", "lock-2",
      "api", "unnamed-service", "default", null, null, "2026-01-01T12:01:00.000Z",
      new HealthView("STARTING", "2026-01-01T12:01:00.000Z", "not yet seen listening"),
      "2026-01-01T12:11:00.000Z", 600, "http://127.0.0.1:11430/health", "api",
      "unnamed-service", "default", null, null, "curl/8", "127.0.0.1");

  @Test
  void releasePrintsTheDaemonsMessage() {
    ApiReply reply = new ApiReply(200,
        "{\"success\":true,\"message\":\"Port 3001 released\",\"port\":3001}");

    assertEquals("✅ Port 3001 released\n", ReleaseCommand.format(reply));
  }

  @Test
  void heartbeatPrintsTheNewExpiry() {
    ApiReply reply = new ApiReply(200, "{\"success\":true,\"lock_id\":\"l\",\"lockId\":\"l\","
        + "\"port\":3001,\"lease_expires_at\":\"2026-01-01T12:10:00.000Z\",\"message\":"
        + "\"Lease of port 3001 renewed until 2026-01-01T12:10:00.000Z\"}");

    assertEquals("✅ Lease of port 3001 renewed until 2026-01-01T12:10:00.000Z\n",
        HeartbeatCommand.format(reply));
  }

  @Test
  void cleanupPrintsTheMessageAndTheCountOnce() {
    assertEquals("✅ Cleaned up 2 stale allocations\n",
        CleanupCommand.format(new CleanupResponse(true, 2, "Cleaned up 2 stale allocations")));
    assertEquals("✅ Cleaned up 0 stale allocations\nNo stale allocations found\n",
        CleanupCommand.format(new CleanupResponse(true, 0, "Cleaned up 0 stale allocations")));
    assertEquals("✅ Force cleanup completed\nCleaned up 5 stale allocations\n",
        CleanupCommand.format(new CleanupResponse(true, 5, "Force cleanup completed")));
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
  void listShowsOneLinePerPortWithItsHealthAndTheTotal() {
    assertEquals("""
        Active Port Allocations:
        ==================================================
        Port 3000: dev   HEALTHY
        Port 11430: api  STARTING

        Total: 2 allocations (use -v for details)
        """, ListCommand.format(new AllocationsResponse(List.of(WEB, API)), false));
  }

  @Test
  void listOfAnOlderDaemonWithoutHealthShowsADash() {
    String json = "{\"allocations\":[{\"port\":3000,\"lock_id\":\"l\",\"service_type\":\"dev\","
        + "\"health\":null}]}";
    AllocationsResponse parsed = new ApiReply(200, json).as(AllocationsResponse.class);

    assertTrue(ListCommand.format(parsed, false).contains("Port 3000: dev  -\n"));
  }

  @Test
  void verboseListShowsEveryFieldWithHealthAndLease() {
    assertEquals("""
        Active Port Allocations:
        ==================================================
        Port 3000: dev   HEALTHY
           Service Name: web
           Lock ID: lock-1
           Instance: cli
           Allocated: 2026-01-01T12:00:00.000Z
           Project: /home/dev/app
           PID: 4242
           Health: HEALTHY since 2026-01-01T12:00:05.000Z (port 3000 listening)
           Lease: none

        Port 11430: api  STARTING
           Service Name: unnamed-service
           Lock ID: lock-2
           Instance: default
           Allocated: 2026-01-01T12:01:00.000Z
           Project: -
           Health: STARTING since 2026-01-01T12:01:00.000Z (not yet seen listening)
           Health URL: http://127.0.0.1:11430/health
           Lease: expires 2026-01-01T12:11:00.000Z (600 s)

        Total: 2 allocations
        """, ListCommand.format(new AllocationsResponse(List.of(WEB, API)), true));
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
