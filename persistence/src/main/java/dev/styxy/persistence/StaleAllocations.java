package dev.styxy.persistence;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Pure decisions about allocations and instances that ended without a release: expired leases,
 * instances that exited or went silent, owners that exited (for {@code POST /cleanup}). Each
 * method returns the events to journal, each allocation released at most once, in a stable order
 * (by port, instances by id). The operating system is behind {@link Owners}.
 */
public final class StaleAllocations {
  /** Reason on an {@link InstanceDeregistered} whose process exited. */
  public static final String INSTANCE_EXITED = "instance_exited";
  /** Reason on an {@link InstanceDeregistered} that sent no heartbeat for too long. */
  public static final String HEARTBEAT_TIMEOUT = "heartbeat_timeout";

  /** Answers whether a process is still the one that was recorded. */
  @FunctionalInterface
  public interface Owners {
    /**
     * @param startedAt the recorded start time, {@code null} when unknown (then only "exists" is
     *     checked)
     */
    boolean alive(long pid, Instant startedAt);
  }

  /**
   * How the sweep judges instances.
   *
   * @param lastSeen an instance's last sign of life (heartbeat, registration, or the daemon's own
   *     start when that is later: a restart must not make every instance look silent)
   * @param staleAfter silence after which an instance is removed; zero never
   */
  public record InstancePolicy(Function<Instance, Instant> lastSeen, Duration staleAfter) {}

  private final RegistryState state;
  private final Instant now;
  private final String requestId;
  private final String actor;
  private final List<RegistryEvent> events = new ArrayList<>();
  private final Set<AllocationId> released = new HashSet<>();

  private StaleAllocations(RegistryState state, Instant now, String requestId, String actor) {
    this.state = state;
    this.now = now;
    this.requestId = requestId;
    this.actor = actor;
  }

  /**
   * The events that deregister {@code instanceId}: a release (reason {@code instance_gone}) of
   * each of its live allocations, then the {@link InstanceDeregistered} with {@code reason}; empty
   * when no instance with that id is registered.
   */
  public static List<RegistryEvent> deregister(RegistryState state, String instanceId,
      String reason, String requestId, String actor, Instant now) {
    StaleAllocations pass = new StaleAllocations(state, now, requestId, actor);
    pass.removeInstance(instanceId, reason);
    return pass.events();
  }

  /**
   * The periodic sweep: leases that ran out, then instances whose process exited or that went
   * silent, with their allocations.
   */
  public static List<RegistryEvent> sweep(RegistryState state, Instant now, InstancePolicy policy,
      Owners owners, String requestId, String actor) {
    StaleAllocations pass = new StaleAllocations(state, now, requestId, actor);
    pass.expireLeases();
    pass.removeGoneInstances(policy, owners);
    return pass.events();
  }

  /**
   * A reconciliation pass on demand ({@code POST /cleanup}). With {@code force}, every live
   * allocation is released ({@code forced_cleanup}), single-instance ones included. Otherwise:
   * what {@link #sweep} finds, plus allocations whose owner PID exited or was reused.
   */
  public static List<RegistryEvent> cleanup(RegistryState state, boolean force, Instant now,
      InstancePolicy policy, Owners owners, String requestId, String actor) {
    StaleAllocations pass = new StaleAllocations(state, now, requestId, actor);
    if (force) {
      state.allocations().forEach(a -> pass.release(a, PortReleased.FORCED_CLEANUP));
      return pass.events();
    }
    pass.expireLeases();
    for (Allocation a : state.allocations()) {
      if (a.pid() != null && !owners.alive(a.pid(), a.ownerStartedAt())) {
        pass.release(a, PortReleased.OWNER_EXITED);
      }
    }
    pass.removeGoneInstances(policy, owners);
    return pass.events();
  }

  /** How many allocations the events release. */
  public static long releases(List<RegistryEvent> events) {
    return events.stream().filter(PortReleased.class::isInstance).count();
  }

  private List<RegistryEvent> events() {
    return List.copyOf(events);
  }

  private void expireLeases() {
    for (Allocation a : state.allocations()) {
      if (a.leaseExpired(now)) {
        release(a, PortReleased.LEASE_EXPIRED);
      }
    }
  }

  private void removeGoneInstances(InstancePolicy policy, Owners owners) {
    for (Instance i : state.instances()) {
      if (i.pid() != null && !owners.alive(i.pid(), null)) {
        removeInstance(i.id(), INSTANCE_EXITED);
      } else if (!policy.staleAfter().isZero()
          && !now.isBefore(policy.lastSeen().apply(i).plus(policy.staleAfter()))) {
        removeInstance(i.id(), HEARTBEAT_TIMEOUT);
      }
    }
  }

  private void removeInstance(String instanceId, String reason) {
    if (state.instance(instanceId).isEmpty()) {
      return;
    }
    state.ofInstance(instanceId).forEach(a -> release(a, PortReleased.INSTANCE_GONE));
    events.add(new InstanceDeregistered(instanceId, now, requestId, reason, actor));
  }

  private void release(Allocation a, String reason) {
    if (released.add(a.id())) {
      events.add(new PortReleased(a.id(), a.port(), a.serviceType(), now, requestId, reason,
          actor));
    }
  }
}
