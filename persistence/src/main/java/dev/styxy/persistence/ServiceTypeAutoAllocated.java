package dev.styxy.persistence;

import dev.styxy.config.InstanceBehavior;
import dev.styxy.config.PortRange;
import dev.styxy.config.ServiceType;
import java.time.Instant;
import java.util.List;

/**
 * A request named a service type nobody had configured, and auto-allocation gave it its own range
 * (see {@link AutoRangePlanner}). From then on the type is part of the registry's state, so it
 * survives restarts even without {@code config.json}.
 *
 * @param placement the placement strategy in effect ({@code after}, {@code before}, {@code smart})
 * @param reason how the spot was found (the plan's basis, e.g. {@code after})
 * @param actor always {@link #ACTOR}
 */
public record ServiceTypeAutoAllocated(
    String serviceType,
    int rangeStart,
    int rangeEnd,
    List<Integer> preferredPorts,
    int chunkSize,
    String placement,
    Instant at,
    String requestId,
    String reason,
    String actor) implements RegistryEvent {

  /** The actor recorded on every auto-allocation. */
  public static final String ACTOR = "auto-allocation";

  public ServiceTypeAutoAllocated {
    preferredPorts = List.copyOf(preferredPorts);
  }

  /** The event recording {@code plan} for {@code serviceType}. */
  public static ServiceTypeAutoAllocated of(String serviceType, AutoRangePlan.Planned plan,
      Instant at, String requestId) {
    return new ServiceTypeAutoAllocated(serviceType, plan.range().start(), plan.range().end(),
        plan.preferredPorts(), plan.chunkSize(), plan.placement(), at, requestId, plan.basis(),
        ACTOR);
  }

  /** The new type's range. */
  public PortRange portRange() {
    return new PortRange(rangeStart, rangeEnd);
  }

  /** The type as the catalog would hold it, in the original's auto-allocated form. */
  public ServiceType serviceTypeDefinition() {
    return new ServiceType(serviceType, "Auto-allocated service type for " + serviceType,
        preferredPorts, portRange(), InstanceBehavior.MULTI,
        List.of(serviceType + " service instance"), ServiceType.Source.AUTO);
  }
}
