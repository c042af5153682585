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
import java.util.Optional;
import java.util.PrimitiveIterator;
import org.pcollections.HashTreePMap;
import org.pcollections.HashTreePSet;
import org.pcollections.PMap;
import org.pcollections.PSet;

/**
 * The registry's whole state, immutable: live allocations with their indexes, the last port each
 * named claim held (sticky ports), and the registered agent instances. {@link #apply} returns a
 * new state; the {@code decide*} methods are the pure allocation logic, with the operating system
 * behind {@link PortAvailability}. Instances carry their registration time as last heartbeat:
 * heartbeats are not journaled, so the live heartbeat times are kept by the registry actor.
 *
 * <p>Persistent maps keep each update O(log n), so 10,000 live allocations cost no copying. The
 * snapshot form (JSON properties) is three plain lists. Auto-detection is off because Pekko's
 * Jackson serializes every field by default, which would write the derived indexes (maps keyed by records,
 * which Jackson cannot read back) into each snapshot.
 */
@JsonAutoDetect(fieldVisibility = Visibility.NONE, getterVisibility = Visibility.NONE,
    isGetterVisibility = Visibility.NONE)
public final class RegistryState implements CborSerializable {
  /** How many skipped candidates the reason trail names one by one before summarizing. */
  static final int MAX_REASONS = ReasonTrail.MAX_REASONS;

  private static final RegistryState EMPTY =
      new RegistryState(HashTreePMap.empty(), HashTreePMap.empty(), HashTreePMap.empty(),
          HashTreePMap.empty(), StickyPorts.EMPTY, HashTreePMap.empty());

  private final PMap<AllocationId, Allocation> allocations;
  private final PMap<Integer, AllocationId> byPort;
  private final PMap<String, PSet<AllocationId>> byType;
  private final PMap<ClaimKey, AllocationId> claims;
  private final StickyPorts lastPorts;
  private final PMap<String, Instance> instances;

  private RegistryState(PMap<AllocationId, Allocation> allocations,
      PMap<Integer, AllocationId> byPort, PMap<String, PSet<AllocationId>> byType,
      PMap<ClaimKey, AllocationId> claims, StickyPorts lastPorts,
      PMap<String, Instance> instances) {
    this.allocations = allocations;
    this.byPort = byPort;
    this.byType = byType;
    this.claims = claims;
    this.lastPorts = lastPorts;
    this.instances = instances;
  }

  public static RegistryState empty() {
    return EMPTY;
  }

  /** The last port a named claim held after it was released. */
  public record StickyPort(ClaimKey key, int port) {}

  /**
   * Rebuilds a state from its snapshot form. Snapshots written before instances existed have no
   * {@code instances} property and load with none.
   */
  @JsonCreator
  public static RegistryState fromSnapshot(
      @JsonProperty("allocations") List<Allocation> allocations,
      @JsonProperty("sticky") List<StickyPort> sticky,
      @JsonProperty("instances") List<Instance> instances) {
    RegistryState s = EMPTY;
    for (Allocation a : allocations == null ? List.<Allocation>of() : allocations) {
      s = s.withAllocation(a);
    }
    StickyPorts last = StickyPorts.EMPTY;
    for (StickyPort p : sticky == null ? List.<StickyPort>of() : sticky) {
      last = last.remember(p.key(), p.port());
    }
    PMap<String, Instance> registered = HashTreePMap.empty();
    for (Instance i : instances == null ? List.<Instance>of() : instances) {
      registered = registered.plus(i.id(), i);
    }
    return new RegistryState(s.allocations, s.byPort, s.byType, s.claims, last, registered);
  }

  /** Live allocations, ordered by port. */
  @JsonProperty("allocations")
  public List<Allocation> allocations() {
    List<Allocation> list = new ArrayList<>(allocations.values());
    list.sort(Comparator.comparingInt(Allocation::port));
    return List.copyOf(list);
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
    List<Instance> list = new ArrayList<>(instances.values());
    list.sort(Comparator.comparing(Instance::id));
    return List.copyOf(list);
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
    List<Allocation> list = new ArrayList<>();
    for (Allocation a : allocations.values()) {
      if (instanceId.equals(a.instanceId())) {
        list.add(a);
      }
    }
    list.sort(Comparator.comparingInt(Allocation::port));
    return list;
  }

  @JsonIgnore
  public int size() {
    return allocations.size();
  }

  public Optional<Allocation> byId(AllocationId id) {
    return Optional.ofNullable(allocations.get(id));
  }

  public Optional<Allocation> atPort(int port) {
    AllocationId id = byPort.get(port);
    return id == null ? Optional.empty() : Optional.of(allocations.get(id));
  }

  public boolean isAllocated(int port) {
    return byPort.containsKey(port);
  }

  /** Live allocations of one service type, ordered by port. */
  public List<Allocation> ofType(String serviceType) {
    List<Allocation> list = new ArrayList<>();
    for (AllocationId id : byType.getOrDefault(serviceType, HashTreePSet.empty())) {
      list.add(allocations.get(id));
    }
    list.sort(Comparator.comparingInt(Allocation::port));
    return list;
  }

  /** The live allocation of a single-instance type, the oldest if several exist. */
  public Optional<Allocation> liveSingleton(String serviceType) {
    return ofType(serviceType).stream().min(Comparator.comparing(Allocation::allocatedAt));
  }

  /** The live allocation of a named claim with this key. */
  public Optional<Allocation> liveClaim(ClaimKey key) {
    AllocationId id = claims.get(key);
    return id == null ? Optional.empty() : Optional.of(allocations.get(id));
  }

  /** The port this claim held when it was last released, if any. */
  public Optional<Integer> stickyPort(ClaimKey key) {
    return lastPorts.portOf(key);
  }

  /** Applies a journaled event. Pure: no clock, no randomness, no I/O. */
  public RegistryState apply(RegistryEvent event) {
    if (event instanceof PortAllocated e) {
      RegistryState s = withAllocation(e.allocation());
      StickyPorts last = e.allocation().named()
          ? lastPorts.forget(e.allocation().claimKey()) : lastPorts;
      return new RegistryState(s.allocations, s.byPort, s.byType, s.claims, last, instances);
    }
    if (event instanceof InstanceRegistered e) {
      Instance i = new Instance(e.instanceId(), e.workingDirectory(), e.metadataJson(), e.pid(),
          e.at(), e.at());
      return new RegistryState(allocations, byPort, byType, claims, lastPorts,
          instances.plus(i.id(), i));
    }
    if (event instanceof InstanceDeregistered e) {
      return new RegistryState(allocations, byPort, byType, claims, lastPorts,
          instances.minus(e.instanceId()));
    }
    if (event instanceof HealthChanged e) {
      Allocation a = allocations.get(e.id());
      return a == null ? this : replaced(a.withHealth(e.status()));
    }
    if (event instanceof LeaseRenewed e) {
      Allocation a = allocations.get(e.id());
      return a == null ? this : replaced(a.withLeaseExpiresAt(e.expiresAt()));
    }
    PortReleased e = (PortReleased) event;
    Allocation a = allocations.get(e.id());
    if (a == null) {
      return this;
    }
    PSet<AllocationId> ofType = byType.getOrDefault(a.serviceType(), HashTreePSet.empty())
        .minus(a.id());
    PMap<String, PSet<AllocationId>> types = ofType.isEmpty()
        ? byType.minus(a.serviceType()) : byType.plus(a.serviceType(), ofType);
    PMap<ClaimKey, AllocationId> newClaims = claims;
    StickyPorts last = lastPorts;
    if (a.named() && a.id().equals(claims.get(a.claimKey()))) {
      newClaims = claims.minus(a.claimKey());
      last = lastPorts.remember(a.claimKey(), a.port());
    }
    return new RegistryState(allocations.minus(a.id()), byPort.minus(a.port()), types, newClaims,
        last, instances);
  }

  /** The same state with {@code a} replacing the allocation of the same id (same port and type). */
  private RegistryState replaced(Allocation a) {
    return new RegistryState(allocations.plus(a.id(), a), byPort, byType, claims, lastPorts,
        instances);
  }

  private RegistryState withAllocation(Allocation a) {
    PSet<AllocationId> ofType = byType.getOrDefault(a.serviceType(), HashTreePSet.empty())
        .plus(a.id());
    PMap<ClaimKey, AllocationId> newClaims = a.named() ? claims.plus(a.claimKey(), a.id()) : claims;
    return new RegistryState(allocations.plus(a.id(), a), byPort.plus(a.port(), a.id()),
        byType.plus(a.serviceType(), ofType), newClaims, lastPorts, instances);
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
   * Decides a request against this state: reuse a singleton or a named claim, or walk the candidates
   * skipping allocated ports, the daemon's own port and ports the OS reports taken
   * (see {@link AllocationDecider}).
   *
   * @param daemonPort the port the daemon itself listens on; never handed out
   * @param newId the lock id to use if a new allocation is made
   * @param now the time to record in the event
   */
  public AllocationDecision decideAllocation(AllocationRequest request, ServiceCatalog catalog,
      PortAvailability os, int daemonPort, AllocationId newId, Instant now) {
    return new AllocationDecider(this, os, daemonPort).decide(request, catalog, newId, now);
  }

  /** Ports of a type's range that a request would get now, in candidate order; allocates nothing. */
  public List<Integer> suggest(ServiceType type, int count, PortAvailability os, int daemonPort) {
    return new AllocationDecider(this, os, daemonPort).suggest(type, count);
  }

  /** The event that releases {@code id}, or empty when no live allocation has that lock id. */
  public Optional<PortReleased> decideRelease(AllocationId id, String reason, String requestId,
      String actor, Instant now) {
    Allocation a = allocations.get(id);
    if (a == null) {
      return Optional.empty();
    }
    return Optional.of(
        new PortReleased(a.id(), a.port(), a.serviceType(), now, requestId, reason, actor));
  }

  /** The reason recorded on allocations released because their instance went away. */
  public static final String INSTANCE_GONE = PortReleased.INSTANCE_GONE;

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
    return o instanceof RegistryState other && allocations.equals(other.allocations)
        && lastPorts.equals(other.lastPorts) && instances.equals(other.instances);
  }

  @Override
  public int hashCode() {
    return (allocations.hashCode() * 31 + lastPorts.hashCode()) * 31 + instances.hashCode();
  }

  @Override
  public String toString() {
    return "RegistryState[allocations=" + allocations.size() + ", sticky=" + lastPorts.size()
        + ", instances=" + instances.size() + "]";
  }
}
