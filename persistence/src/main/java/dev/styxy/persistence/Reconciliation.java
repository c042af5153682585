package dev.styxy.persistence;

import dev.styxy.config.ServiceCatalog;
import dev.styxy.config.ServiceType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The pure decision of the reconciliation pass the registry runs after every replay: the journal
 * says what was allocated, the operating system says what is still true.
 *
 * <ol>
 *   <li>Allocations whose owner PID exited or was reused (start time differs) are released with
 *       reason {@link PortReleased#ORPHANED}.
 *   <li>Singleton integrity: of the surviving allocations of a single-instance type, the oldest
 *       is kept and the others are released with {@link PortReleased#DUPLICATE_SINGLETON}.
 *   <li>Surviving allocations with an owner PID whose port is now held by another process (not
 *       the owner, not one of its descendants) are flagged, not released: the owner may get its
 *       port back, and a person should look.
 * </ol>
 *
 * <p>All releases carry the actor {@link #ACTOR} and are meant to be journaled in one write. The
 * operating system is behind {@link StaleAllocations.Owners} and {@link Holders}.
 */
public final class Reconciliation {
  /** The actor named in the events of the pass. */
  public static final String ACTOR = "recovery";

  /** Who holds an allocated port now, as far as the operating system shows. */
  @FunctionalInterface
  public interface Holders {
    /**
     * A phrase naming the process holding {@code port} when it is neither {@code ownerPid} nor
     * one of its descendants; empty when nobody listens or the holder is the owner's.
     */
    Optional<String> foreignHolder(int port, long ownerPid);
  }

  /** An allocation whose port is held by a foreign process. */
  public record Flagged(AllocationId id, int port, String serviceType, long ownerPid,
      String holder) {}

  /**
   * What the pass decided.
   *
   * @param events the releases to journal, orphans first, by port
   * @param checked live allocations looked at
   */
  public record Result(List<RegistryEvent> events, int checked, int orphaned, int duplicates,
      List<Flagged> foreign) {
    public Result {
      events = List.copyOf(events);
      foreign = List.copyOf(foreign);
    }

    /**
     * The same pass limited to allocations still live in {@code current}: decided on the state
     * replay produced, journaled after requests may already have released some.
     */
    public Result within(RegistryState current) {
      List<RegistryEvent> live = events.stream()
          .filter(e -> current.byId(((PortReleased) e).id()).isPresent()).toList();
      int orphans = (int) live.stream()
          .filter(e -> PortReleased.ORPHANED.equals(((PortReleased) e).reason())).count();
      List<Flagged> stillHeld = foreign.stream()
          .filter(f -> current.byId(f.id()).isPresent()).toList();
      return new Result(live, checked, orphans, live.size() - orphans, stillHeld);
    }
  }

  private Reconciliation() {}

  /**
   * Decides the pass over {@code state}; {@code catalog} (plus the state's auto types) tells which
   * types are single-instance.
   */
  public static Result decide(RegistryState state, ServiceCatalog catalog,
      StaleAllocations.Owners owners, Holders holders, Instant now) {
    List<RegistryEvent> events = new ArrayList<>();
    Set<AllocationId> released = new HashSet<>();
    List<Allocation> all = state.allocations();
    int orphaned = 0;
    for (Allocation a : all) {
      if (a.pid() != null && !owners.alive(a.pid(), a.ownerStartedAt())) {
        events.add(release(a, PortReleased.ORPHANED, now));
        released.add(a.id());
        orphaned++;
      }
    }
    int duplicates = 0;
    for (Allocation a : duplicateSingletons(all, released, state, catalog)) {
      events.add(release(a, PortReleased.DUPLICATE_SINGLETON, now));
      released.add(a.id());
      duplicates++;
    }
    List<Flagged> foreign = new ArrayList<>();
    for (Allocation a : all) {
      if (a.pid() != null && !released.contains(a.id())) {
        holders.foreignHolder(a.port(), a.pid()).ifPresent(holder -> foreign.add(
            new Flagged(a.id(), a.port(), a.serviceType(), a.pid(), holder)));
      }
    }
    return new Result(events, all.size(), orphaned, duplicates, foreign);
  }

  /** Every surviving allocation of a single-instance type except the oldest, by port. */
  private static List<Allocation> duplicateSingletons(List<Allocation> all,
      Set<AllocationId> released, RegistryState state, ServiceCatalog catalog) {
    Set<String> types = new HashSet<>();
    List<Allocation> extra = new ArrayList<>();
    for (Allocation a : all) {
      if (released.contains(a.id()) || !types.add(a.serviceType())
          || !isSingleton(a.serviceType(), state, catalog)) {
        continue;
      }
      List<Allocation> live = state.ofType(a.serviceType()).stream()
          .filter(x -> !released.contains(x.id()))
          .sorted(Comparator.comparing(Allocation::allocatedAt)
              .thenComparing(x -> x.id().toString()))
          .toList();
      extra.addAll(live.subList(1, live.size()));
    }
    extra.sort(Comparator.comparingInt(Allocation::port));
    return extra;
  }

  private static boolean isSingleton(String type, RegistryState state, ServiceCatalog catalog) {
    return catalog.find(type).or(() -> state.autoType(type)).map(ServiceType::isSingleton)
        .orElse(false);
  }

  private static PortReleased release(Allocation a, String reason, Instant now) {
    return new PortReleased(a.id(), a.port(), a.serviceType(), now, null, reason, ACTOR);
  }
}
