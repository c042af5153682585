package dev.styxy.persistence;

import static dev.styxy.persistence.Fixtures.NOW;
import static dev.styxy.persistence.Fixtures.allocated;
import static dev.styxy.persistence.Fixtures.allocation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The latest releases kept in {@link RegistryState}: newest first, bounded, in snapshots. */
class ReleaseHistoryTest {

  private static PortReleased release(Allocation a, int second, String reason) {
    return new PortReleased(a.id(), a.port(), a.serviceType(), NOW.plusSeconds(second), "req",
        reason, "health");
  }

  @Test
  void aReleaseIsRememberedWithItsReasonActorAndTimeNewestFirst() {
    Allocation first = allocation("dev", 3000);
    Allocation second = allocation("dev", 3001);
    RegistryState state = RegistryState.empty().apply(allocated(first)).apply(allocated(second))
        .apply(release(first, 5, PortReleased.OWNER_EXITED))
        .apply(release(second, 9, PortReleased.LEASE_EXPIRED));

    List<ReleasedAllocation> history = state.recentlyReleased();
    assertEquals(2, history.size());
    assertEquals(second.id(), history.get(0).allocation().id());
    assertEquals(PortReleased.LEASE_EXPIRED, history.get(0).reason());
    assertEquals(NOW.plusSeconds(9), history.get(0).releasedAt());
    assertEquals("health", history.get(0).actor());
    assertEquals(PortReleased.OWNER_EXITED, history.get(1).reason());
  }

  @Test
  void releasingAnUnknownLockIdLeavesTheHistoryAlone() {
    RegistryState state = RegistryState.empty()
        .apply(release(allocation("dev", 3000), 1, PortReleased.RELEASED));
    assertTrue(state.recentlyReleased().isEmpty());
  }

  @Test
  void onlyTheNewestHundredAreKeptAndTheySurviveASnapshot() {
    RegistryState state = RegistryState.empty();
    List<Allocation> all = new ArrayList<>();
    for (int i = 0; i < 130; i++) {
      Allocation a = allocation("dev", 20000 + i);
      all.add(a);
      state = state.apply(allocated(a)).apply(release(a, i, PortReleased.RELEASED));
    }
    List<ReleasedAllocation> history = state.recentlyReleased();
    assertEquals(ReleaseHistory.LIMIT, history.size());
    assertEquals(all.get(129).id(), history.get(0).allocation().id());
    assertEquals(all.get(30).id(), history.get(99).allocation().id());

    RegistryState rebuilt = RegistryState.fromSnapshot(state.allocations(), state.sticky(),
        state.instances(), state.autoTypes(), state.recentlyReleased());
    assertEquals(state, rebuilt);
    RegistryState older = RegistryState.fromSnapshot(state.allocations(), state.sticky(),
        state.instances(), state.autoTypes(), null);
    assertTrue(older.recentlyReleased().isEmpty(), "snapshots from before the history load");
  }
}
