package dev.styxy.coordinator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.styxy.http.ApiJson;
import dev.styxy.http.api.AllocateResponse;
import dev.styxy.http.api.DryRunResponse;
import dev.styxy.http.api.ExistingAllocationResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class AllocateCommandTest {

  private static ApiReply ok(Object dto) {
    return new ApiReply(200, ApiJson.write(dto));
  }

  @Test
  void newAllocationPrintsThePortTheLockIdAndTheHint() {
    ApiReply reply = ok(new AllocateResponse(true, 3000, "lock-1",
        "Port 3000 allocated for dev service", List.of(), null, null));

    assertEquals("""
        ✅ Port 3000 allocated for dev service
        Lock ID: lock-1

        Use this port for your dev service: 3000
        """, AllocateCommand.format("dev", reply));
  }

  @Test
  void existingAllocationIsASuccessThatSaysSo() {
    ApiReply reply = ok(new ExistingAllocationResponse(true, 11430, "lock-2",
        "Service 'ai' only allows single instance", true, "lock-2", "claude-a", null, 0L, null,
        null));

    assertEquals("""
        ✅ Service 'ai' only allows single instance
        ℹ️  This is the existing allocation (instance claude-a); no new port was reserved.
        Lock ID: lock-2

        Use this port for your ai service: 11430
        """, AllocateCommand.format("ai", reply));
  }

  @Test
  void leasedAllocationPrintsTheExpiryAndHowToRenew() {
    ApiReply reply = ok(new AllocateResponse(true, 3000, "lock-1",
        "Port 3000 allocated for dev service", List.of(), "2026-01-01T12:10:00.000Z", 600));

    assertEquals("""
        ✅ Port 3000 allocated for dev service
        Lock ID: lock-1
        Lease: 600 s, expires 2026-01-01T12:10:00.000Z; renew with: styxy heartbeat lock-1

        Use this port for your dev service: 3000
        """, AllocateCommand.format("dev", reply));
  }

  @Test
  void existingLeasedAllocationShowsItsLeaseToo() {
    ApiReply reply = ok(new ExistingAllocationResponse(true, 3001, "lock-3",
        "Port 3001 is already allocated to this claim", true, "lock-3", "cli", null, 0L,
        "2026-01-01T12:01:00.000Z", 60));

    assertTrue(AllocateCommand.format("dev", reply).contains(
        "Lease: 60 s, expires 2026-01-01T12:01:00.000Z; renew with: styxy heartbeat lock-3\n"));
  }

  @Test
  void dryRunSaysNothingWasAllocated() {
    ApiReply reply = ok(new DryRunResponse(true, 3002, true,
        "Port 3002 would be allocated (dry run mode)", "dev", "unnamed-service"));

    assertEquals("""
        ✅ Port 3002 would be allocated (dry run mode)
        Nothing was allocated (dry run).
        """, AllocateCommand.format("dev", reply));
  }

  @Test
  void autoAllocatedTypeIsAnnouncedFirstAndUnknownKeysAreTolerated() {
    ApiReply reply = new ApiReply(200, "{\"success\":true,\"port\":11510,\"lock_id\":\"l3\","
        + "\"message\":\"Port 11510 allocated for grafana service\",\"reasons\":[],"
        + "\"auto_allocated\":true,\"allocated_range\":[11510,11519],\"chunk_size\":10,"
        + "\"placement\":\"after\"}");

    assertEquals("""
        🔧 Service type 'grafana' was automatically allocated
           New port range: 11510-11519
           Chunk size: 10 ports
           Placement: after

        ✅ Port 11510 allocated for grafana service
        Lock ID: l3

        Use this port for your grafana service: 11510
        """, AllocateCommand.format("grafana", reply));
  }
}
