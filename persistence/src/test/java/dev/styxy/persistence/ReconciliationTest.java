package dev.styxy.persistence;

import static dev.styxy.persistence.Fixtures.CATALOG;
import static dev.styxy.persistence.Fixtures.NOW;
import static dev.styxy.persistence.Fixtures.allocated;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.styxy.persistence.Reconciliation.Holders;
import dev.styxy.persistence.StaleAllocations.Owners;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The pass after replay: orphans, duplicate singletons and foreign holders, without an OS. */
class ReconciliationTest {
  private static final Owners ALL_ALIVE = (pid, startedAt) -> true;
  private static final Holders NOBODY_LISTENS = (port, owner) -> Optional.empty();

  private static Allocation owned(String type, int port, Long pid, Instant at) {
    return new Allocation(AllocationId.random(), port, type, "svc-" + port, false,
        AllocationRequest.DEFAULT_INSTANCE_ID, null, pid, at, null, null, null, null, null,
        null, null);
  }

  private static RegistryState state(Allocation... allocations) {
    RegistryState s = RegistryState.empty();
    for (Allocation a : allocations) {
      s = s.apply(allocated(a));
    }
    return s;
  }

  private static Owners aliveOnly(Long... pids) {
    Set<Long> alive = Set.of(pids);
    return (pid, startedAt) -> alive.contains(pid);
  }

  private static List<String> reasons(Reconciliation.Result r) {
    return r.events().stream().map(e -> ((PortReleased) e).reason()).toList();
  }

  @Test
  void allocationWhoseOwnerIsGoneIsReleasedAsOrphaned() {
    Allocation gone = owned("dev", 3000, 11L, NOW);
    Allocation alive = owned("dev", 3001, 12L, NOW);
    Allocation noPid = owned("dev", 3002, null, NOW);

    var result = Reconciliation.decide(state(gone, alive, noPid), CATALOG, aliveOnly(12L),
        NOBODY_LISTENS, NOW);

    assertEquals(1, result.orphaned());
    assertEquals(3, result.checked());
    PortReleased released = (PortReleased) result.events().get(0);
    assertEquals(List.of(gone.id(), PortReleased.ORPHANED, "recovery", NOW),
        List.of(released.id(), released.reason(), released.actor(), released.at()));
    assertEquals(1, result.events().size());
  }

  @Test
  void ownerPidReusedByAnotherProcessCountsAsGone() {
    Instant started = Instant.parse("2025-12-31T08:00:00Z");
    Allocation a = new Allocation(AllocationId.random(), 3000, "dev", "svc", false, "i", null,
        42L, NOW, null, null, started, null, null, null, null);
    Owners reused = (pid, startedAt) -> startedAt == null;

    var result = Reconciliation.decide(state(a), CATALOG, reused, NOBODY_LISTENS, NOW);

    assertEquals(List.of(PortReleased.ORPHANED), reasons(result));
  }

  @Test
  void duplicateSingletonsKeepTheOldestAndReleaseTheOthers() {
    Allocation oldest = owned("ai", 11431, null, NOW.minusSeconds(60));
    Allocation newer = owned("ai", 11430, null, NOW.minusSeconds(30));
    Allocation newest = owned("ai", 11432, null, NOW);

    var result = Reconciliation.decide(state(newest, oldest, newer), CATALOG, ALL_ALIVE,
        NOBODY_LISTENS, NOW);

    assertEquals(2, result.duplicates());
    assertEquals(List.of(11430, 11432),
        result.events().stream().map(e -> ((PortReleased) e).port()).toList());
    assertEquals(List.of(PortReleased.DUPLICATE_SINGLETON, PortReleased.DUPLICATE_SINGLETON),
        reasons(result));
  }

  @Test
  void anOrphanedSingletonDoesNotCountAsTheOneToKeep() {
    Allocation orphan = owned("ai", 11430, 7L, NOW.minusSeconds(60));
    Allocation second = owned("ai", 11431, 8L, NOW.minusSeconds(30));
    Allocation third = owned("ai", 11432, 8L, NOW);

    var result = Reconciliation.decide(state(orphan, second, third), CATALOG, aliveOnly(8L),
        NOBODY_LISTENS, NOW);

    assertEquals(List.of(PortReleased.ORPHANED, PortReleased.DUPLICATE_SINGLETON),
        reasons(result));
    assertEquals(List.of(orphan.id(), third.id()),
        result.events().stream().map(e -> ((PortReleased) e).id()).toList());
  }

  @Test
  void multiInstanceTypesMayHoldManyAllocations() {
    var result = Reconciliation.decide(
        state(owned("dev", 3000, null, NOW), owned("dev", 3001, null, NOW)), CATALOG,
        ALL_ALIVE, NOBODY_LISTENS, NOW);

    assertTrue(result.events().isEmpty());
  }

  @Test
  void portHeldByAForeignProcessIsFlaggedNotReleased() {
    Allocation a = owned("dev", 3000, 100L, NOW);
    Allocation b = owned("dev", 3001, 101L, NOW);
    Map<Integer, String> foreign = Map.of(3000, "held by pid 999 (python3 -m http.server)");
    Holders holders = (port, owner) -> Optional.ofNullable(foreign.get(port));

    var result = Reconciliation.decide(state(a, b), CATALOG, ALL_ALIVE, holders, NOW);

    assertTrue(result.events().isEmpty());
    assertEquals(List.of(new Reconciliation.Flagged(a.id(), 3000, "dev", 100L,
        "held by pid 999 (python3 -m http.server)")), result.foreign());
  }

  @Test
  void releasedAndOwnerlessAllocationsAreNotAskedAboutHolders() {
    Allocation orphan = owned("dev", 3000, 5L, NOW);
    Allocation ownerless = owned("dev", 3001, null, NOW);
    Holders notAsked = (port, owner) -> {
      throw new AssertionError("asked about port " + port);
    };

    var result = Reconciliation.decide(state(orphan, ownerless), CATALOG, aliveOnly(),
        notAsked, NOW);

    assertEquals(1, result.orphaned());
    assertTrue(result.foreign().isEmpty());
  }

  @Test
  void withinDropsDecisionsAboutAllocationsReleasedSinceReplay() {
    Allocation gone = owned("dev", 3000, 5L, NOW);
    Allocation alsoGone = owned("dev", 3001, 6L, NOW);
    RegistryState replayed = state(gone, alsoGone);
    RegistryState now = replayed.apply(new PortReleased(gone.id(), 3000, "dev", NOW, "r",
        PortReleased.RELEASED, "http"));

    var result = Reconciliation.decide(replayed, CATALOG, aliveOnly(), NOBODY_LISTENS, NOW)
        .within(now);

    assertEquals(1, result.orphaned());
    assertEquals(alsoGone.id(), ((PortReleased) result.events().get(0)).id());
  }
}
