package dev.styxy.actors.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.styxy.persistence.Allocation;
import dev.styxy.persistence.AllocationId;
import dev.styxy.persistence.PortAllocated;
import dev.styxy.persistence.RegistryState;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class InvariantCheckTest {
  private static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");

  private static Allocation at(int port, long second, Long pid) {
    return new Allocation(AllocationId.random(), port, "dev", "svc-" + second, true, "inst",
        null, pid, T0.plusSeconds(second), null, null, null, null, null, null, null);
  }

  private static RegistryState stateOf(Allocation... allocations) {
    RegistryState state = RegistryState.empty();
    for (Allocation a : allocations) {
      state = state.apply(new PortAllocated(a, List.of(), a.allocatedAt(), "req", "range",
          "http"));
    }
    return state;
  }

  @Test
  void distinctPortsAreFine() {
    RegistryState state = stateOf(at(3000, 1, 10L), at(3001, 2, 11L));

    assertEquals(List.of(), InvariantCheck.doubleAllocations(state));
  }

  @Test
  void twoLiveAllocationsOnOnePortArePairedOldestFirst() {
    Allocation older = at(3000, 1, 10L);
    Allocation newer = at(3000, 5, null);
    Allocation third = at(3000, 9, 12L);
    RegistryState state = stateOf(newer, at(3001, 2, 11L), third, older);

    List<InvariantCheck.DoubleAllocation> found = InvariantCheck.doubleAllocations(state);

    assertEquals(List.of(new InvariantCheck.DoubleAllocation(3000, older, newer),
        new InvariantCheck.DoubleAllocation(3000, older, third)), found);
    String line = found.get(0).describe();
    assertTrue(line.contains(older.id().toString()) && line.contains(newer.id().toString())
        && line.contains("pid 10") && line.contains("pid none"), line);
  }

  @Test
  void checkCountsEachPairAndTheCounterOnlyGrows() {
    StyxyMetrics metrics = new StyxyMetrics();
    RegistryState doubled = stateOf(at(3000, 1, 10L), at(3000, 2, 11L));
    var log = LoggerFactory.getLogger(InvariantCheckTest.class);

    assertEquals(1, InvariantCheck.check(doubled, metrics, log));
    assertEquals(0, InvariantCheck.check(RegistryState.empty(), metrics, log));
    assertEquals(1, InvariantCheck.check(doubled, metrics, log));

    assertEquals(OptionalDouble.of(2),
        Samples.value(metrics.scrape(), "styxy_double_allocation_detected_total"));
  }
}
