package dev.styxy.persistence;

import static dev.styxy.persistence.Fixtures.NOW;
import static dev.styxy.persistence.Fixtures.allocation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Leases and health status as an allocation reports them. */
class AllocationTest {

  private static Allocation withLease(Instant expiresAt) {
    return allocation("dev", 3000).withLeaseExpiresAt(expiresAt);
  }

  @Test
  void allocationWithoutALeaseHasNoneAndNeverExpires() {
    Allocation a = allocation("dev", 3000);

    assertFalse(a.hasLease());
    assertFalse(a.leaseExpired(NOW.plusSeconds(365L * 24 * 3600)));
  }

  @Test
  void leaseHasNotExpiredBeforeItsDeadline() {
    Allocation a = withLease(NOW);

    assertTrue(a.hasLease());
    assertFalse(a.leaseExpired(NOW.minusMillis(1)));
  }

  @Test
  void leaseHasExpiredExactlyAtItsDeadline() {
    assertTrue(withLease(NOW).leaseExpired(NOW));
  }

  @Test
  void leaseHasExpiredAfterItsDeadline() {
    assertTrue(withLease(NOW).leaseExpired(NOW.plusSeconds(1)));
  }

  @Test
  void missingHealthReadsAsStartingSinceAllocation() {
    Instant allocatedAt = NOW.minusSeconds(90);
    Allocation old = new Allocation(AllocationId.random(), 3000, "dev", "unnamed-service", false,
        "default", null, null, allocatedAt, null, null, null, null, null, null, null);

    assertEquals(new HealthStatus(HealthState.STARTING, allocatedAt, "not yet seen listening"),
        old.healthStatus());
  }

  @Test
  void journaledHealthIsReadAsItIs() {
    HealthStatus unhealthy = new HealthStatus(HealthState.UNHEALTHY, NOW, "owner pid 7 exited");

    assertEquals(unhealthy, allocation("dev", 3000).withHealth(unhealthy).healthStatus());
  }

  @Test
  void healthStatusDetailIsNeverNull() {
    assertEquals("", new HealthStatus(HealthState.HEALTHY, NOW, null).detail());
  }

  @Test
  void withHealthAndWithLeaseChangeOnlyTheirField() {
    Allocation a = allocation("dev", 3000);
    HealthStatus healthy = new HealthStatus(HealthState.HEALTHY, NOW, "port 3000 listening");

    Allocation changed = a.withHealth(healthy).withLeaseExpiresAt(NOW.plusSeconds(60));

    assertEquals(new Allocation(a.id(), a.port(), a.serviceType(), a.serviceName(), a.named(),
        a.instanceId(), a.projectPath(), a.pid(), a.allocatedAt(), a.userAgent(), a.remoteIp(),
        a.ownerStartedAt(), a.healthUrl(), a.leaseTtlSeconds(), NOW.plusSeconds(60), healthy),
        changed);
  }
}
