package dev.styxy.persistence;

import dev.styxy.config.AutoAllocationConfig;
import dev.styxy.config.InstanceBehavior;
import dev.styxy.config.PortRange;
import dev.styxy.config.ServiceCatalog;
import dev.styxy.config.ServiceType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Small catalogs, requests and events shared by the persistence tests. */
final class Fixtures {
  static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
  static final int DAEMON_PORT = 9876;
  static final PortAvailability ALL_FREE = port -> Optional.empty();

  /** Multi-instance, preferred 3000-3003, range 3000-3099 (as the core {@code dev} type). */
  static final ServiceType DEV = type("dev", List.of(3000, 3001, 3002, 3003), 3000, 3099,
      InstanceBehavior.MULTI);
  /** Single-instance, range 11400-11499 (as the core {@code ai} type). */
  static final ServiceType AI = type("ai", List.of(11430), 11400, 11499, InstanceBehavior.SINGLE);
  /** Three ports, no preferred ports: easy to exhaust. */
  static final ServiceType TINY = type("tiny", List.of(), 5000, 5002, InstanceBehavior.MULTI);
  /** Prefers the daemon's own port. */
  static final ServiceType ADMIN = type("admin", List.of(DAEMON_PORT), 9870, 9879,
      InstanceBehavior.MULTI);

  static final ServiceCatalog CATALOG = new ServiceCatalog(
      Map.of("dev", DEV, "ai", AI, "tiny", TINY, "admin", ADMIN),
      new AutoAllocationConfig(true, 10, "after", 10000, 65000, true, 10));

  private Fixtures() {}

  static ServiceType type(String name, List<Integer> preferred, int start, int end,
      InstanceBehavior behavior) {
    return new ServiceType(name, name + " services", preferred, new PortRange(start, end), behavior,
        List.of(), ServiceType.Source.CORE);
  }

  /** An unnamed request from the default instance. */
  static AllocationRequest request(String type) {
    return new AllocationRequest(type, null, null, null, null, null, false, "test-agent",
        "127.0.0.1", "req-1", "http", null, null, null);
  }

  static AllocationRequest named(String type, String name) {
    return new AllocationRequest(type, name, "claude-a", "/home/dev/shop", null, 4711L, false,
        "test-agent", "127.0.0.1", "req-2", "http", null, null, null);
  }

  static AllocationRequest withPreferred(AllocationRequest r, int port) {
    return new AllocationRequest(r.serviceType(), r.serviceName(), r.instanceId(), r.projectPath(),
        port, r.pid(), r.dryRun(), r.userAgent(), r.remoteIp(), r.requestId(), r.actor(),
        r.ownerStartedAt(), r.healthUrl(), r.leaseTtlSeconds());
  }

  static AllocationRequest dryRun(AllocationRequest r) {
    return new AllocationRequest(r.serviceType(), r.serviceName(), r.instanceId(), r.projectPath(),
        r.preferredPort(), r.pid(), true, r.userAgent(), r.remoteIp(), r.requestId(), r.actor(),
        r.ownerStartedAt(), r.healthUrl(), r.leaseTtlSeconds());
  }

  static Allocation allocation(String type, int port) {
    return new Allocation(AllocationId.random(), port, type, AllocationRequest.DEFAULT_SERVICE_NAME,
        false, AllocationRequest.DEFAULT_INSTANCE_ID, null, null, NOW, null, null, null, null, null,
        null, HealthStatus.starting(NOW));
  }

  static PortAllocated allocated(Allocation a) {
    return new PortAllocated(a, List.of("chose " + a.port()), NOW, "req-1", "range", "http");
  }

  static PortReleased released(Allocation a) {
    return new PortReleased(a.id(), a.port(), a.serviceType(), NOW, "req-9", "released", "http");
  }
}
