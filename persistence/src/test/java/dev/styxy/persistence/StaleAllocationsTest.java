package dev.styxy.persistence;

import static dev.styxy.persistence.Fixtures.NOW;
import static dev.styxy.persistence.Fixtures.allocated;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.styxy.persistence.StaleAllocations.InstancePolicy;
import dev.styxy.persistence.StaleAllocations.Owners;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Expired leases, gone instances and cleanups, decided without an operating system. */
class StaleAllocationsTest {
  private static final Duration STALE_AFTER = Duration.ofMinutes(10);
  private static final InstancePolicy POLICY =
      new InstancePolicy(Instance::lastHeartbeat, STALE_AFTER);
  /** Every pid is alive and is the process that was recorded. */
  private static final Owners ALL_ALIVE = (pid, startedAt) -> true;
  /** For states that hold no pids: any question to the OS is a mistake. */
  private static final Owners NOT_ASKED = (pid, startedAt) -> {
    throw new AssertionError("asked about pid " + pid);
  };
  private static final String REQ = "req-s";
  private static final String ACTOR = "health";

  /** Owners alive with these pids only; a recorded start time must match the one given here. */
  private static Owners alive(Map<Long, Instant> startTimes) {
    return (pid, startedAt) -> startTimes.containsKey(pid)
        && (startedAt == null || startedAt.equals(startTimes.get(pid)));
  }

  private static Owners aliveOnly(Long... pids) {
    Set<Long> alive = Set.of(pids);
    return (pid, startedAt) -> alive.contains(pid);
  }

  private static Allocation allocation(String type, int port, String instanceId, Long pid,
      Instant ownerStartedAt, Instant leaseExpiresAt) {
    return new Allocation(AllocationId.random(), port, type, "svc-" + port, true, instanceId,
        "/home/dev/shop", pid, NOW.minusSeconds(3600), null, null, ownerStartedAt, null,
        leaseExpiresAt == null ? null : 60, leaseExpiresAt, null);
  }

  private static Allocation plain(int port) {
    return allocation("dev", port, AllocationRequest.DEFAULT_INSTANCE_ID, null, null, null);
  }

  private static Allocation leased(int port, Instant expiresAt) {
    return allocation("dev", port, AllocationRequest.DEFAULT_INSTANCE_ID, null, null, expiresAt);
  }

  private static Allocation ofInstance(String instanceId, int port) {
    return allocation("dev", port, instanceId, null, null, null);
  }

  private static Allocation owned(int port, long pid, Instant startedAt) {
    return allocation("dev", port, AllocationRequest.DEFAULT_INSTANCE_ID, pid, startedAt, null);
  }

  private static InstanceRegistered registered(String id, Long pid, Instant at) {
    return new InstanceRegistered(id, "/w", "{}", pid, at, "req-i", "registered", "http");
  }

  private static RegistryState state(Allocation... allocations) {
    RegistryState s = RegistryState.empty();
    for (Allocation a : allocations) {
      s = s.apply(allocated(a));
    }
    return s;
  }

  private static List<RegistryEvent> sweep(RegistryState state, Owners owners) {
    return StaleAllocations.sweep(state, NOW, POLICY, owners, REQ, ACTOR);
  }

  private static List<RegistryEvent> cleanup(RegistryState state, boolean force, Owners owners) {
    return StaleAllocations.cleanup(state, force, NOW, POLICY, owners, REQ, ACTOR);
  }

  private static PortReleased release(Allocation a, String reason) {
    return new PortReleased(a.id(), a.port(), a.serviceType(), NOW, REQ, reason, ACTOR);
  }

  private static InstanceDeregistered deregistered(String instanceId, String reason) {
    return new InstanceDeregistered(instanceId, NOW, REQ, reason, ACTOR);
  }

  private static RegistryState applyAll(RegistryState state, List<RegistryEvent> events) {
    RegistryState s = state;
    for (RegistryEvent e : events) {
      s = s.apply(e);
    }
    return s;
  }

  @Test
  void sweepReleasesALeaseExactlyAtItsDeadline() {
    Allocation a = leased(3000, NOW);

    assertEquals(List.of(release(a, PortReleased.LEASE_EXPIRED)), sweep(state(a), NOT_ASKED));
  }

  @Test
  void sweepReleasesALeaseThatEndedEarlier() {
    Allocation a = leased(3000, NOW.minusSeconds(3600));

    assertEquals(List.of(release(a, PortReleased.LEASE_EXPIRED)), sweep(state(a), NOT_ASKED));
  }

  @Test
  void sweepKeepsALeaseOneSecondBeforeItsDeadline() {
    assertEquals(List.of(), sweep(state(leased(3000, NOW.plusSeconds(1))), NOT_ASKED));
  }

  @Test
  void sweepKeepsAllocationsWithoutALease() {
    assertEquals(List.of(), sweep(state(plain(3000), plain(3001)), NOT_ASKED));
  }

  @Test
  void sweepDoesNotJudgeAllocationOwnersOnlyInstances() {
    // An allocation's owner PID is the health watcher's business (and cleanup's), not the sweep's.
    assertEquals(List.of(), sweep(state(owned(3000, 4242L, NOW)), aliveOnly()));
  }

  @Test
  void sweepReleasesTheAllocationsOfAnInstanceWhosePidIsGoneThenDeregistersIt() {
    Allocation high = ofInstance("agent-1", 3005);
    Allocation low = ofInstance("agent-1", 3001);
    Allocation other = plain(3000);
    RegistryState s = state(high, low, other).apply(registered("agent-1", 4242L, NOW));

    List<RegistryEvent> events = sweep(s, aliveOnly());

    assertEquals(List.of(release(low, PortReleased.INSTANCE_GONE),
        release(high, PortReleased.INSTANCE_GONE),
        deregistered("agent-1", StaleAllocations.INSTANCE_EXITED)), events);
    RegistryState after = applyAll(s, events);
    assertEquals(List.of(other), after.allocations());
    assertEquals(0, after.instanceCount());
  }

  @Test
  void sweepKeepsAnInstanceWhosePidIsAliveAndThatSentAHeartbeatRecently() {
    RegistryState s = state(ofInstance("agent-1", 3001))
        .apply(registered("agent-1", 4242L, NOW.minusSeconds(60)));

    assertEquals(List.of(), sweep(s, aliveOnly(4242L)));
  }

  @Test
  void sweepAsksOnlyWhetherTheInstancePidExists() {
    List<Instant> asked = new ArrayList<>();
    Owners recording = (pid, startedAt) -> {
      asked.add(startedAt);
      return true;
    };
    RegistryState s = RegistryState.empty().apply(registered("agent-1", 4242L, NOW));

    sweep(s, recording);

    assertEquals(1, asked.size());
    assertEquals(null, asked.get(0));
  }

  @Test
  void sweepRemovesAnInstanceSilentForExactlyStaleAfter() {
    Allocation a = ofInstance("agent-1", 3001);
    RegistryState s = state(a).apply(registered("agent-1", null, NOW.minus(STALE_AFTER)));

    assertEquals(List.of(release(a, PortReleased.INSTANCE_GONE),
        deregistered("agent-1", StaleAllocations.HEARTBEAT_TIMEOUT)), sweep(s, NOT_ASKED));
  }

  @Test
  void sweepKeepsAnInstanceSilentForOneSecondLessThanStaleAfter() {
    RegistryState s = state(ofInstance("agent-1", 3001))
        .apply(registered("agent-1", null, NOW.minus(STALE_AFTER).plusSeconds(1)));

    assertEquals(List.of(), sweep(s, NOT_ASKED));
  }

  @Test
  void instanceWithALivePidStillTimesOutWhenSilent() {
    RegistryState s = RegistryState.empty()
        .apply(registered("agent-1", 4242L, NOW.minus(STALE_AFTER)));

    assertEquals(List.of(deregistered("agent-1", StaleAllocations.HEARTBEAT_TIMEOUT)),
        sweep(s, aliveOnly(4242L)));
  }

  @Test
  void staleAfterZeroNeverTimesAnInstanceOut() {
    RegistryState s = state(ofInstance("agent-1", 3001))
        .apply(registered("agent-1", null, NOW.minus(Duration.ofDays(365))));
    InstancePolicy never = new InstancePolicy(Instance::lastHeartbeat, Duration.ZERO);

    assertEquals(List.of(), StaleAllocations.sweep(s, NOW, never, NOT_ASKED, REQ, ACTOR));
  }

  @Test
  void staleAfterZeroStillRemovesAnInstanceWhosePidIsGone() {
    RegistryState s = RegistryState.empty().apply(registered("agent-1", 4242L, NOW));
    InstancePolicy never = new InstancePolicy(Instance::lastHeartbeat, Duration.ZERO);

    assertEquals(List.of(deregistered("agent-1", StaleAllocations.INSTANCE_EXITED)),
        StaleAllocations.sweep(s, NOW, never, aliveOnly(), REQ, ACTOR));
  }

  @Test
  void lastSeenPolicyDecidesWhenAnInstanceWasLastHeardFrom() {
    // Registered long ago, but the policy says it was seen a minute ago (a live heartbeat, or the
    // daemon's own start after a restart): it is kept.
    RegistryState s = RegistryState.empty()
        .apply(registered("agent-1", null, NOW.minus(Duration.ofDays(1))));
    InstancePolicy recent = new InstancePolicy(i -> NOW.minusSeconds(60), STALE_AFTER);

    assertEquals(List.of(), StaleAllocations.sweep(s, NOW, recent, NOT_ASKED, REQ, ACTOR));
  }

  @Test
  void lastSeenPolicyCanMakeARecentRegistrationStale() {
    RegistryState s = RegistryState.empty().apply(registered("agent-1", null, NOW));
    InstancePolicy old = new InstancePolicy(i -> NOW.minus(STALE_AFTER), STALE_AFTER);

    assertEquals(List.of(deregistered("agent-1", StaleAllocations.HEARTBEAT_TIMEOUT)),
        StaleAllocations.sweep(s, NOW, old, NOT_ASKED, REQ, ACTOR));
  }

  @Test
  void allocationWithAnExpiredLeaseOfAGoneInstanceIsReleasedOnce() {
    Allocation a = allocation("dev", 3001, "agent-1", null, null, NOW.minusSeconds(1));
    RegistryState s = state(a).apply(registered("agent-1", 4242L, NOW));

    List<RegistryEvent> events = sweep(s, aliveOnly());

    assertEquals(List.of(release(a, PortReleased.LEASE_EXPIRED),
        deregistered("agent-1", StaleAllocations.INSTANCE_EXITED)), events);
    assertEquals(1, StaleAllocations.releases(events));
  }

  @Test
  void sweepOrdersLeasesByPortThenInstancesByIdEachAfterItsReleases() {
    Allocation lease9 = leased(3009, NOW);
    Allocation lease2 = leased(3002, NOW);
    Allocation b1 = ofInstance("b", 3001);
    Allocation a8 = ofInstance("a", 3008);
    Allocation a3 = ofInstance("a", 3003);
    RegistryState s = state(lease9, b1, a8, lease2, a3)
        .apply(registered("b", 2L, NOW))
        .apply(registered("a", 1L, NOW));

    assertEquals(List.of(
        release(lease2, PortReleased.LEASE_EXPIRED),
        release(lease9, PortReleased.LEASE_EXPIRED),
        release(a3, PortReleased.INSTANCE_GONE),
        release(a8, PortReleased.INSTANCE_GONE),
        deregistered("a", StaleAllocations.INSTANCE_EXITED),
        release(b1, PortReleased.INSTANCE_GONE),
        deregistered("b", StaleAllocations.INSTANCE_EXITED)), sweep(s, aliveOnly()));
  }

  @Test
  void sweepOfAnEmptyStateDecidesNothing() {
    assertEquals(List.of(), sweep(RegistryState.empty(), NOT_ASKED));
  }

  @Test
  void forcedCleanupReleasesEveryAllocationIncludingSingleInstanceTypes() {
    Allocation ai = allocation("ai", 11430, AllocationRequest.DEFAULT_INSTANCE_ID, null, null,
        null);
    Allocation live = owned(3001, 4242L, NOW);
    Allocation leaseLeft = leased(3000, NOW.plusSeconds(600));
    RegistryState s = state(ai, live, leaseLeft);

    List<RegistryEvent> events = cleanup(s, true, ALL_ALIVE);

    assertEquals(List.of(release(leaseLeft, PortReleased.FORCED_CLEANUP),
        release(live, PortReleased.FORCED_CLEANUP), release(ai, PortReleased.FORCED_CLEANUP)),
        events);
    assertEquals(0, applyAll(s, events).size());
  }

  @Test
  void cleanupReleasesAllocationsWhoseOwnerExitedAndKeepsLiveOnes() {
    Allocation gone = owned(3000, 100L, NOW.minusSeconds(50));
    Allocation live = owned(3001, 200L, NOW.minusSeconds(40));
    Allocation noPid = plain(3002);
    RegistryState s = state(gone, live, noPid);

    List<RegistryEvent> events =
        cleanup(s, false, alive(Map.of(200L, NOW.minusSeconds(40))));

    assertEquals(List.of(release(gone, PortReleased.OWNER_EXITED)), events);
  }

  @Test
  void cleanupTreatsAPidReusedByAnotherProcessAsAnExitedOwner() {
    Allocation reused = owned(3000, 100L, NOW.minusSeconds(50));
    RegistryState s = state(reused);

    List<RegistryEvent> events =
        cleanup(s, false, alive(Map.of(100L, NOW.minusSeconds(5))));

    assertEquals(List.of(release(reused, PortReleased.OWNER_EXITED)), events);
  }

  @Test
  void cleanupPassesTheRecordedStartTimeToOwners() {
    Map<Long, Instant> asked = new HashMap<>();
    Owners recording = (pid, startedAt) -> {
      asked.put(pid, startedAt);
      return true;
    };
    RegistryState s = state(owned(3000, 100L, NOW.minusSeconds(50)), owned(3001, 200L, null));

    assertEquals(List.of(), cleanup(s, false, recording));
    assertEquals(NOW.minusSeconds(50), asked.get(100L));
    assertTrue(asked.containsKey(200L));
    assertEquals(null, asked.get(200L));
  }

  @Test
  void cleanupAlsoDoesWhatTheSweepDoes() {
    Allocation lease = leased(3000, NOW);
    Allocation ofGone = ofInstance("agent-1", 3001);
    RegistryState s = state(lease, ofGone).apply(registered("agent-1", 4242L, NOW));

    assertEquals(List.of(release(lease, PortReleased.LEASE_EXPIRED),
        release(ofGone, PortReleased.INSTANCE_GONE),
        deregistered("agent-1", StaleAllocations.INSTANCE_EXITED)),
        cleanup(s, false, aliveOnly()));
  }

  @Test
  void cleanupReleasesAnExitedOwnerOfAnExpiredLeaseOnceAsLeaseExpired() {
    Allocation a = allocation("dev", 3000, AllocationRequest.DEFAULT_INSTANCE_ID, 100L, null,
        NOW);

    assertEquals(List.of(release(a, PortReleased.LEASE_EXPIRED)),
        cleanup(state(a), false, aliveOnly()));
  }

  @Test
  void cleanupReleasesAnExitedOwnerOfAGoneInstanceOnceAsOwnerExited() {
    Allocation a = allocation("dev", 3000, "agent-1", 100L, null, null);
    RegistryState s = state(a).apply(registered("agent-1", 4242L, NOW));

    List<RegistryEvent> events = cleanup(s, false, aliveOnly());

    assertEquals(List.of(release(a, PortReleased.OWNER_EXITED),
        deregistered("agent-1", StaleAllocations.INSTANCE_EXITED)), events);
    assertEquals(1, StaleAllocations.releases(events));
  }

  @Test
  void cleanupWithEveryOwnerAliveDecidesNothing() {
    RegistryState s = state(owned(3000, 100L, NOW), plain(3001))
        .apply(registered("agent-1", 4242L, NOW));

    assertEquals(List.of(), cleanup(s, false, ALL_ALIVE));
  }

  @Test
  void deregisterRecordsTheGivenReason() {
    Allocation a = ofInstance("agent-1", 3001);
    RegistryState s = state(a).apply(registered("agent-1", null, NOW));

    assertEquals(List.of(release(a, PortReleased.INSTANCE_GONE),
        deregistered("agent-1", "deregistered")),
        StaleAllocations.deregister(s, "agent-1", "deregistered", REQ, ACTOR, NOW));
  }

  @Test
  void deregisterOfAnUnknownInstanceDecidesNothingEvenWithAllocationsUnderItsId() {
    // Allocations may name an instance id that never registered; only registered ones go.
    RegistryState s = state(ofInstance("ghost", 3001));

    assertEquals(List.of(),
        StaleAllocations.deregister(s, "ghost", "deregistered", REQ, ACTOR, NOW));
  }

  @Test
  void releasesCountsOnlyPortReleasedEvents() {
    Allocation a = plain(3000);
    Allocation b = plain(3001);
    List<RegistryEvent> events = List.of(release(a, PortReleased.INSTANCE_GONE),
        deregistered("agent-1", StaleAllocations.INSTANCE_EXITED),
        release(b, PortReleased.INSTANCE_GONE), registered("agent-2", null, NOW));

    assertEquals(2, StaleAllocations.releases(events));
    assertEquals(0, StaleAllocations.releases(List.of()));
  }

  @Test
  void decidedEventsApplyToAConsistentState() {
    Allocation lease = leased(3000, NOW);
    Allocation ofGone = allocation("dev", 3001, "agent-1", null, null, NOW);
    Allocation kept = plain(3002);
    RegistryState s = state(lease, ofGone, kept).apply(registered("agent-1", 4242L, NOW));

    RegistryState after = applyAll(s, sweep(s, aliveOnly()));

    assertEquals(List.of(kept), after.allocations());
    assertFalse(after.isAllocated(3000));
    assertFalse(after.isAllocated(3001));
    assertTrue(after.instance("agent-1").isEmpty());
  }
}
