package dev.styxy.actors.metrics;

import dev.styxy.persistence.Allocation;
import dev.styxy.persistence.RegistryState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/**
 * The invariant the reconciliation pass checks besides its own decisions: no two live allocations
 * share a port. The registry's decisions make that impossible, so a hit means a bug (or a journal
 * written by something else): it is counted in {@code styxy_double_allocation_detected_total} and
 * logged at ERROR naming both owners. The other half of the check, allocations whose port another
 * process holds, comes from the pass itself ({@code Reconciliation.Result#foreign}).
 */
public final class InvariantCheck {
  private InvariantCheck() {}

  /** Two live allocations on one port; {@code first} is the older. */
  public record DoubleAllocation(int port, Allocation first, Allocation second) {
    /** One line naming the port and both owners. */
    public String describe() {
      return "port " + port + " is allocated twice: to " + owner(first) + " and to "
          + owner(second);
    }

    private static String owner(Allocation a) {
      return "lock " + a.id() + " (" + a.serviceType() + "/" + a.serviceName() + ", pid "
          + (a.pid() == null ? "none" : a.pid()) + ", instance "
          + (a.instanceId() == null ? "none" : a.instanceId()) + ", allocated "
          + a.allocatedAt() + ")";
    }
  }

  /**
   * Every live allocation sharing its port with an older one, paired with the oldest on that
   * port; ordered by port. Pure.
   */
  public static List<DoubleAllocation> doubleAllocations(RegistryState state) {
    Map<Integer, List<Allocation>> byPort = new HashMap<>();
    for (Allocation a : state.allocations()) {
      byPort.computeIfAbsent(a.port(), p -> new ArrayList<>()).add(a);
    }
    List<DoubleAllocation> found = new ArrayList<>();
    byPort.forEach((port, holders) -> {
      if (holders.size() > 1) {
        holders.sort(Comparator.comparing(Allocation::allocatedAt)
            .thenComparing(a -> a.id().toString()));
        for (Allocation later : holders.subList(1, holders.size())) {
          found.add(new DoubleAllocation(port, holders.get(0), later));
        }
      }
    });
    found.sort(Comparator.comparingInt(DoubleAllocation::port));
    return found;
  }

  /** Checks {@code state}; counts and logs each double allocation. Returns how many it found. */
  public static int check(RegistryState state, StyxyMetrics metrics, Logger log) {
    List<DoubleAllocation> found = doubleAllocations(state);
    for (DoubleAllocation d : found) {
      metrics.doubleAllocationDetected();
      log.atError().addKeyValue("port", d.port()).addKeyValue("lockId", d.first().id())
          .addKeyValue("otherLockId", d.second().id())
          .log("Invariant violated, double allocation: {}", d.describe());
    }
    return found.size();
  }
}
