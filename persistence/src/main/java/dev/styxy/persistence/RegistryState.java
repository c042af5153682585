package dev.styxy.persistence;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.styxy.config.ServiceCatalog;
import dev.styxy.config.ServiceType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.PrimitiveIterator;
import java.util.function.Function;
import org.pcollections.HashTreePMap;
import org.pcollections.PMap;

/**
 * The registry's whole state, immutable: live allocations with their indexes, the last port each
 * named claim held (sticky ports), the registered agent instances, the auto-allocated service
 * types ({@link ServiceTypeAutoAllocated}) and the latest releases. {@link #apply} returns a new
 * state; the {@code decide*} methods are the pure allocation logic, with the operating system
 * behind {@link PortAvailability}. Instances carry their registration time as last heartbeat
 * (heartbeats are not journaled; the registry actor keeps the live times).
 *
 * <p>Persistent maps keep each update O(log n), so 10,000 live allocations cost no copying. The
 * snapshot form (JSON properties) is plain lists; auto-detection is off because Pekko's Jackson
 * would otherwise write the derived indexes (maps keyed by records) into each snapshot.
 */
@JsonAutoDetect(fieldVisibility = Visibility.NONE, getterVisibility = Visibility.NONE,
    isGetterVisibility = Visibility.NONE)
public final class RegistryState implements CborSerializable {
  /** How many skipped candidates the reason trail names one by one before summarizing. */
  static final int MAX_REASONS = ReasonTrail.MAX_REASONS;

  private static final RegistryState EMPTY =
      new RegistryState(LiveAllocations.EMPTY, StickyPorts.EMPTY, HashTreePMap.empty(),
          HashTreePMap.empty(), ReleaseHistory.EMPTY);

  private final LiveAllocations live;
  private final StickyPorts lastPorts;
  private final PMap<String, Instance> instances;
  /** Auto-allocated service types by name. */
  private final PMap<String, ServiceTypeAutoAllocated> autoTypes;
  private final ReleaseHistory history;

  private RegistryState(LiveAllocations live, StickyPorts lastPorts,
      PMap<String, Instance> instances, PMap<String, ServiceTypeAutoAllocated> autoTypes,
      ReleaseHistory history) {
    this.live = live;
    this.lastPorts = lastPorts;
    this.instances = instances;
    this.autoTypes = autoTypes;
    this.history = history;
  }

  public static RegistryState empty() {
    return EMPTY;
  }

  /** The last port a named claim held after it was released. */
  public record StickyPort(ClaimKey key, int port) {}

  /** Rebuilds a state from its snapshot form; properties older snapshots lack load as empty. */
  @JsonCreator
  public static RegistryState fromSnapshot(
      @JsonProperty("allocations") List<Allocation> allocations,
      @JsonProperty("sticky") List<StickyPort> sticky,
      @JsonProperty("instances") List<Instance> instances,
      @JsonProperty("autoTypes") List<ServiceTypeAutoAllocated> autoTypes,
      @JsonProperty("released") List<ReleasedAllocation> released) {
    LiveAllocations all = LiveAllocations.EMPTY;
    for (Allocation a : allocations == null ? List.<Allocation>of() : allocations) {
      all = all.with(a);
    }
    StickyPorts last = StickyPorts.EMPTY;
    for (StickyPort p : sticky == null ? List.<StickyPort>of() : sticky) {
      last = last.remember(p.key(), p.port());
    }
    return new RegistryState(all, last, byKey(instances, Instance::id),
        byKey(autoTypes, ServiceTypeAutoAllocated::serviceType), ReleaseHistory.of(released));
  }

  private static <T> PMap<String, T> byKey(List<T> values, Function<T, String> key) {
    PMap<String, T> map = HashTreePMap.empty();
    for (T value : values == null ? List.<T>of() : values) {
      map = map.plus(key.apply(value), value);
    }
    return map;
  }

  /** Auto-allocated service types, ordered by range start. */
  @JsonProperty("autoTypes")
  public List<ServiceTypeAutoAllocated> autoTypes() {
    return autoTypes.values().stream()
        .sorted(Comparator.comparingInt(ServiceTypeAutoAllocated::rangeStart)).toList();
  }

  /** The auto-allocated type named {@code name}, as a catalog entry. */
  public Optional<ServiceType> autoType(String name) {
    return Optional.ofNullable(autoTypes.get(name))
        .map(ServiceTypeAutoAllocated::serviceTypeDefinition);
  }

  /** The latest releases, newest first (at most 100). */
  @JsonProperty("released")
  public List<ReleasedAllocation> recentlyReleased() {
    return history.list();
  }

  /** Live allocations, ordered by port. */
  @JsonProperty("allocations")
  public List<Allocation> allocations() {
    return live.values().stream().sorted(Comparator.comparingInt(Allocation::port)).toList();
  }

  @JsonProperty("sticky")
  public List<StickyPort> sticky() {
    List<StickyPort> list = new ArrayList<>();
    lastPorts.asMap().forEach((k, p) -> list.add(new StickyPort(k, p)));
    list.sort(Comparator.comparingInt(StickyPort::port));
    return List.copyOf(list);
  }

  /** Registered agent instances, ordered by id. */
  @JsonProperty("instances")
  public List<Instance> instances() {
    return instances.values().stream().sorted(Comparator.comparing(Instance::id)).toList();
  }

  /** The registered instance with this id. */
  public Optional<Instance> instance(String instanceId) {
    return Optional.ofNullable(instances.get(instanceId));
  }

  @JsonIgnore
  public int instanceCount() {
    return instances.size();
  }

  /** Live allocations made for this instance id, ordered by port. */
  public List<Allocation> ofInstance(String instanceId) {
    return live.values().stream().filter(a -> instanceId.equals(a.instanceId()))
        .sorted(Comparator.comparingInt(Allocation::port)).toList();
  }

  @JsonIgnore
  public int size() {
    return live.size();
  }

  public Optional<Allocation> byId(AllocationId id) {
    return Optional.ofNullable(live.get(id));
  }

  public Optional<Allocation> atPort(int port) {
    return Optional.ofNullable(live.atPort(port));
  }

  public boolean isAllocated(int port) {
    return live.atPort(port) != null;
  }

  /** Live allocations of one service type, ordered by port. */
  public List<Allocation> ofType(String serviceType) {
    return live.ofType(serviceType);
  }

  /** The live allocation of a single-instance type, the oldest if several exist. */
  public Optional<Allocation> liveSingleton(String serviceType) {
    return ofType(serviceType).stream().min(Comparator.comparing(Allocation::allocatedAt));
  }

  /** The live allocation of a named claim with this key. */
  public Optional<Allocation> liveClaim(ClaimKey key) {
    return Optional.ofNullable(live.claim(key));
  }

  /** The port this claim held when it was last released, if any. */
  public Optional<Integer> stickyPort(ClaimKey key) {
    return lastPorts.portOf(key);
  }

  /** Applies a journaled event. Pure: no clock, no randomness, no I/O. */
  public RegistryState apply(RegistryEvent event) {
    if (event instanceof PortAllocated e) {
      StickyPorts last = e.allocation().named()
          ? lastPorts.forget(e.allocation().claimKey()) : lastPorts;
      return new RegistryState(live.with(e.allocation()), last, instances, autoTypes, history);
    }
    if (event instanceof InstanceRegistered e) {
      Instance i = new Instance(e.instanceId(), e.workingDirectory(), e.metadataJson(), e.pid(),
          e.at(), e.at());
      return new RegistryState(live, lastPorts, instances.plus(i.id(), i), autoTypes, history);
    }
    if (event instanceof InstanceDeregistered e) {
      return new RegistryState(live, lastPorts, instances.minus(e.instanceId()), autoTypes,
          history);
    }
    if (event instanceof ServiceTypeAutoAllocated e) {
      return new RegistryState(live, lastPorts, instances, autoTypes.plus(e.serviceType(), e),
          history);
    }
    if (event instanceof HealthChanged e) {
      Allocation a = live.get(e.id());
      return a == null ? this : replaced(a.withHealth(e.status()));
    }
    if (event instanceof LeaseRenewed e) {
      Allocation a = live.get(e.id());
      return a == null ? this : replaced(a.withLeaseExpiresAt(e.expiresAt()));
    }
    PortReleased e = (PortReleased) event;
    Allocation a = live.get(e.id());
    if (a == null) {
      return this;
    }
    StickyPorts last = live.holdsClaim(a) ? lastPorts.remember(a.claimKey(), a.port()) : lastPorts;
    return new RegistryState(live.without(a), last, instances, autoTypes,
        history.with(new ReleasedAllocation(a, e.at(), e.reason(), e.actor())));
  }

  /** The same state with {@code a} replacing the allocation of the same id (same port and type). */
  private RegistryState replaced(Allocation a) {
    return new RegistryState(live.replaced(a), lastPorts, instances, autoTypes, history);
  }

  /**
   * Candidate ports in the order they are tried: the request's preferred port, the claim's sticky
   * port, the type's preferred ports, then the type's range ascending; no duplicates.
   */
  public List<Integer> candidates(ServiceType type, AllocationRequest request) {
    List<Integer> order = new ArrayList<>();
    for (PrimitiveIterator.OfInt it = candidateIterator(type, request); it.hasNext(); ) {
      order.add(it.nextInt());
    }
    return List.copyOf(order);
  }

  /** The candidates of {@link #candidates}, produced lazily (see {@link CandidatePorts}). */
  PrimitiveIterator.OfInt candidateIterator(ServiceType type, AllocationRequest request) {
    Integer sticky = request.named() ? stickyPort(request.claimKey()).orElse(null) : null;
    return CandidatePorts.of(type, request.preferredPort(), sticky);
  }

  /**
   * Decides a request against this state (see {@link AllocationDecider}); {@code daemonPort} is
   * never handed out, {@code newId} and {@code now} go into a new allocation's event.
   */
  public AllocationDecision decideAllocation(AllocationRequest request, ServiceCatalog catalog,
      PortAvailability os, int daemonPort, AllocationId newId, Instant now) {
    return new AllocationDecider(this, os, daemonPort).decide(request, catalog, newId, now);
  }

  /** Ports of a type's range a request would get now, in candidate order; allocates nothing. */
  public List<Integer> suggest(ServiceType type, int count, PortAvailability os, int daemonPort) {
    return new AllocationDecider(this, os, daemonPort).suggest(type, count);
  }

  /** The event that releases {@code id}, or empty when no live allocation has that lock id. */
  public Optional<PortReleased> decideRelease(AllocationId id, String reason, String requestId,
      String actor, Instant now) {
    Allocation a = live.get(id);
    if (a == null) {
      return Optional.empty();
    }
    return Optional.of(
        new PortReleased(a.id(), a.port(), a.serviceType(), now, requestId, reason, actor));
  }

  /**
   * The events that deregister {@code instanceId} because its agent asked: see
   * {@link StaleAllocations#deregister}.
   */
  public List<RegistryEvent> decideDeregister(String instanceId, String requestId, String actor,
      Instant now) {
    return StaleAllocations.deregister(this, instanceId, "deregistered", requestId, actor, now);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RegistryState other && live.equals(other.live)
        && lastPorts.equals(other.lastPorts) && instances.equals(other.instances)
        && autoTypes.equals(other.autoTypes) && history.equals(other.history);
  }

  @Override
  public int hashCode() {
    return Objects.hash(live, lastPorts, instances, autoTypes, history);
  }

  @Override
  public String toString() {
    return "RegistryState[allocations=" + live.size() + ", sticky=" + lastPorts.size()
        + ", instances=" + instances.size() + ", autoTypes=" + autoTypes.size() + "]";
  }
}
