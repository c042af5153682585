package dev.styxy.persistence;

import static dev.styxy.persistence.Fixtures.ALL_FREE;
import static dev.styxy.persistence.Fixtures.CATALOG;
import static dev.styxy.persistence.Fixtures.DAEMON_PORT;
import static dev.styxy.persistence.Fixtures.NOW;
import static dev.styxy.persistence.Fixtures.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.styxy.config.PortRange;
import dev.styxy.config.ServiceType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Auto-allocated types become part of the state and are allocated from like configured ones. */
class RegistryStateAutoTypesTest {
  private static final ServiceTypeAutoAllocated GRAFANA = new ServiceTypeAutoAllocated("grafana",
      11510, 11519, List.of(11510, 11511, 11512, 11513), 10, "after", NOW, "req-1", "after",
      ServiceTypeAutoAllocated.ACTOR);

  @Test
  void appliedAutoTypeIsFoundAsAnAutoSourcedType() {
    ServiceType t = RegistryState.empty().apply(GRAFANA).autoType("grafana").orElseThrow();
    assertEquals(new PortRange(11510, 11519), t.range());
    assertEquals(ServiceType.Source.AUTO, t.source());
    assertEquals("Auto-allocated service type for grafana", t.description());
    assertEquals(List.of(GRAFANA), RegistryState.empty().apply(GRAFANA).autoTypes());
  }

  @Test
  void unknownTypeIsStillRejectedByTheAllocationDecision() {
    AllocationDecision d = RegistryState.empty().decideAllocation(request("grafana"), CATALOG,
        ALL_FREE, DAEMON_PORT, AllocationId.random(), NOW);
    assertEquals(ErrorCode.UNKNOWN_SERVICE_TYPE,
        assertInstanceOf(AllocationDecision.Rejected.class, d).code());
  }

  @Test
  void allocationForAnAutoTypeTakesItsFirstPreferredPort() {
    AllocationDecision d = RegistryState.empty().apply(GRAFANA).decideAllocation(
        request("grafana"), CATALOG, ALL_FREE, DAEMON_PORT, AllocationId.random(), NOW);
    PortAllocated event = assertInstanceOf(AllocationDecision.Allocate.class, d).event();
    assertEquals(11510, event.allocation().port());
  }

  @Test
  void snapshotFormKeepsAutoTypes() {
    RegistryState s = RegistryState.empty().apply(GRAFANA);
    RegistryState rebuilt = RegistryState.fromSnapshot(s.allocations(), s.sticky(),
        s.instances(), s.autoTypes(), s.recentlyReleased());
    assertEquals(s, rebuilt);
    assertTrue(rebuilt.autoType("grafana").isPresent());
  }
}
