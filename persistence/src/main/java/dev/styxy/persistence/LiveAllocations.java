package dev.styxy.persistence;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.pcollections.HashTreePMap;
import org.pcollections.HashTreePSet;
import org.pcollections.PMap;
import org.pcollections.PSet;

/**
 * The live allocations of a {@link RegistryState} with their indexes by port, by service type and
 * by named claim. Immutable: persistent maps make each update O(log n). The indexes are derived,
 * so equality is that of the allocations alone.
 */
final class LiveAllocations {
  static final LiveAllocations EMPTY = new LiveAllocations(HashTreePMap.empty(),
      HashTreePMap.empty(), HashTreePMap.empty(), HashTreePMap.empty());

  private final PMap<AllocationId, Allocation> byId;
  private final PMap<Integer, AllocationId> byPort;
  private final PMap<String, PSet<AllocationId>> byType;
  private final PMap<ClaimKey, AllocationId> claims;

  private LiveAllocations(PMap<AllocationId, Allocation> byId, PMap<Integer, AllocationId> byPort,
      PMap<String, PSet<AllocationId>> byType, PMap<ClaimKey, AllocationId> claims) {
    this.byId = byId;
    this.byPort = byPort;
    this.byType = byType;
    this.claims = claims;
  }

  Collection<Allocation> values() {
    return byId.values();
  }

  int size() {
    return byId.size();
  }

  Allocation get(AllocationId id) {
    return byId.get(id);
  }

  Allocation atPort(int port) {
    AllocationId id = byPort.get(port);
    return id == null ? null : byId.get(id);
  }

  Allocation claim(ClaimKey key) {
    AllocationId id = claims.get(key);
    return id == null ? null : byId.get(id);
  }

  /** Allocations of one type, ordered by port. */
  List<Allocation> ofType(String serviceType) {
    List<Allocation> list = new ArrayList<>();
    for (AllocationId id : byType.getOrDefault(serviceType, HashTreePSet.empty())) {
      list.add(byId.get(id));
    }
    list.sort(Comparator.comparingInt(Allocation::port));
    return list;
  }

  LiveAllocations with(Allocation a) {
    PSet<AllocationId> ofType = byType.getOrDefault(a.serviceType(), HashTreePSet.empty())
        .plus(a.id());
    PMap<ClaimKey, AllocationId> newClaims = a.named() ? claims.plus(a.claimKey(), a.id()) : claims;
    return new LiveAllocations(byId.plus(a.id(), a), byPort.plus(a.port(), a.id()),
        byType.plus(a.serviceType(), ofType), newClaims);
  }

  /** {@code a} replacing the allocation of the same id (same port, type and claim). */
  LiveAllocations replaced(Allocation a) {
    return new LiveAllocations(byId.plus(a.id(), a), byPort, byType, claims);
  }

  /** Without {@code a}; its claim is dropped only if {@code a} still holds it. */
  LiveAllocations without(Allocation a) {
    PSet<AllocationId> ofType = byType.getOrDefault(a.serviceType(), HashTreePSet.empty())
        .minus(a.id());
    PMap<String, PSet<AllocationId>> types = ofType.isEmpty()
        ? byType.minus(a.serviceType()) : byType.plus(a.serviceType(), ofType);
    PMap<ClaimKey, AllocationId> newClaims = holdsClaim(a) ? claims.minus(a.claimKey()) : claims;
    return new LiveAllocations(byId.minus(a.id()), byPort.minus(a.port()), types, newClaims);
  }

  /** Whether {@code a} is named and the current holder of its claim. */
  boolean holdsClaim(Allocation a) {
    return a.named() && a.id().equals(claims.get(a.claimKey()));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LiveAllocations other && byId.equals(other.byId);
  }

  @Override
  public int hashCode() {
    return byId.hashCode();
  }
}
