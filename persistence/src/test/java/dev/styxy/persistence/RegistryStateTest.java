package dev.styxy.persistence;

import static dev.styxy.persistence.Fixtures.ALL_FREE;
import static dev.styxy.persistence.Fixtures.CATALOG;
import static dev.styxy.persistence.Fixtures.DAEMON_PORT;
import static dev.styxy.persistence.Fixtures.DEV;
import static dev.styxy.persistence.Fixtures.NOW;
import static dev.styxy.persistence.Fixtures.allocated;
import static dev.styxy.persistence.Fixtures.allocation;
import static dev.styxy.persistence.Fixtures.named;
import static dev.styxy.persistence.Fixtures.released;
import static dev.styxy.persistence.Fixtures.request;
import static dev.styxy.persistence.Fixtures.withPreferred;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.styxy.config.InstanceBehavior;
import dev.styxy.config.ServiceCatalog;
import dev.styxy.config.ServiceType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RegistryStateTest {

  private static AllocationDecision decide(RegistryState state, AllocationRequest request,
      PortAvailability os) {
    return state.decideAllocation(request, CATALOG, os, DAEMON_PORT, AllocationId.random(), NOW);
  }

  private static AllocationDecision decide(RegistryState state, AllocationRequest request) {
    return decide(state, request, ALL_FREE);
  }

  private static PortAllocated expectAllocate(AllocationDecision decision) {
    return assertInstanceOf(AllocationDecision.Allocate.class, decision).event();
  }

  /** Decides {@code request} (every port free to the OS) and applies the resulting event. */
  private static RegistryState allocate(RegistryState state, AllocationRequest request) {
    return state.apply(expectAllocate(decide(state, request)));
  }

  private static RegistryState withPorts(String type, int... ports) {
    RegistryState s = RegistryState.empty();
    for (int port : ports) {
      s = s.apply(allocated(allocation(type, port)));
    }
    return s;
  }

  private static RegistryState release(RegistryState state, int port) {
    Allocation a = state.atPort(port).orElseThrow();
    return state.apply(state.decideRelease(a.id(), "released", "req-9", "http", NOW).orElseThrow());
  }

  @Test
  void candidatesAreRequestPortThenStickyPortThenTypePreferredThenRangeAscending() {
    RegistryState state = release(allocate(RegistryState.empty(),
        withPreferred(named("dev", "web"), 3050)), 3050);

    List<Integer> candidates = state.candidates(DEV, withPreferred(named("dev", "web"), 3070));

    List<Integer> expected = new ArrayList<>(List.of(3070, 3050, 3000, 3001, 3002, 3003));
    IntStream.rangeClosed(3004, 3099).filter(p -> p != 3050 && p != 3070).forEach(expected::add);
    assertEquals(expected, candidates);
  }

  @Test
  void candidatesContainEachPortOnce() {
    List<Integer> candidates = RegistryState.empty().candidates(DEV,
        withPreferred(request("dev"), 3001));

    assertEquals(DEV.range().size(), candidates.size());
    assertEquals(candidates.size(), new HashSet<>(candidates).size());
  }

  @Test
  void candidatesOfUnnamedRequestIgnoreStickyPorts() {
    RegistryState state = release(allocate(RegistryState.empty(),
        withPreferred(named("dev", "web"), 3050)), 3050);

    assertEquals(3000, state.candidates(DEV, request("dev")).get(0));
  }

  @Test
  void allocateSkipsPreferredPortHeldByOutsideProcess() {
    PortAvailability os = p -> p == 3000 ? Optional.of("held by pid 4242 (python3)")
        : Optional.empty();

    PortAllocated event = expectAllocate(decide(RegistryState.empty(), request("dev"), os));

    assertEquals(3001, event.allocation().port());
    assertEquals(List.of("3000 held by pid 4242 (python3)", "chose 3001"), event.reasons());
  }

  @Test
  void allocateSkipsAllocatedPortsAndNamesTheLock() {
    RegistryState state = withPorts("dev", 3000);
    AllocationId holder = state.atPort(3000).orElseThrow().id();

    PortAllocated event = expectAllocate(decide(state, request("dev")));

    assertEquals(3001, event.allocation().port());
    assertEquals(List.of("3000 allocated to lock " + holder + " (dev/unnamed-service)",
        "chose 3001"), event.reasons());
  }

  @Test
  void allocateGivesRequestedPortWhenFree() {
    PortAllocated event = expectAllocate(decide(RegistryState.empty(),
        withPreferred(request("dev"), 3042)));

    assertEquals(3042, event.allocation().port());
    assertEquals("preferred", event.reason());
  }

  @Test
  void allocateGivesRequestedPortOutsideTheTypeRange() {
    PortAllocated event = expectAllocate(decide(RegistryState.empty(),
        withPreferred(request("dev"), 10042)));

    assertEquals(10042, event.allocation().port());
    assertEquals("dev", event.allocation().serviceType());
  }

  @Test
  void allocateTagsTypePreferredAndRangeChoices() {
    RegistryState state = withPorts("dev", 3000, 3001, 3002);
    PortAllocated preferred = expectAllocate(decide(state, request("dev")));
    PortAllocated range = expectAllocate(decide(state.apply(preferred), request("dev")));

    assertEquals(List.of(3003, "type-preferred", 3004, "range"), List.of(
        preferred.allocation().port(), preferred.reason(), range.allocation().port(),
        range.reason()));
  }

  @Test
  void allocateNeverChoosesTheDaemonPortEvenWhenPreferred() {
    PortAllocated event = expectAllocate(decide(RegistryState.empty(),
        withPreferred(request("admin"), DAEMON_PORT)));

    assertEquals(9870, event.allocation().port());
    assertEquals(List.of(DAEMON_PORT + " is the daemon's own port", "chose 9870"),
        event.reasons());
  }

  @Test
  void allocateRecordsTheRequestInTheEvent() {
    PortAllocated event = expectAllocate(decide(RegistryState.empty(), named("dev", "web")));

    Allocation a = event.allocation();
    assertEquals(List.of("web", true, "claude-a", "/home/dev/shop", 4711L, NOW),
        List.of(a.serviceName(), a.named(), a.instanceId(), a.projectPath(), a.pid(),
            a.allocatedAt()));
    assertEquals(List.of(NOW, "req-2", "http"),
        List.of(event.at(), event.requestId(), event.actor()));
  }

  @Test
  void allocateRecordsDefaultsForUnnamedRequest() {
    Allocation a = expectAllocate(decide(RegistryState.empty(), request("dev"))).allocation();

    assertEquals(List.of("unnamed-service", false, "default"),
        List.of(a.serviceName(), a.named(), a.instanceId()));
  }

  @Test
  void allocateRejectsWithRangeExhaustedWhenEveryPortIsTaken() {
    RegistryState state = withPorts("tiny", 5000, 5001, 5002);

    var rejected = assertInstanceOf(AllocationDecision.Rejected.class,
        decide(state, request("tiny")));

    assertEquals(ErrorCode.RANGE_EXHAUSTED, rejected.code());
    assertEquals("No available ports in range 5000-5002 for service type tiny",
        rejected.message());
    assertEquals(3, rejected.reasons().size());
  }

  @Test
  void allocateRejectsUnknownServiceType() {
    var rejected = assertInstanceOf(AllocationDecision.Rejected.class,
        decide(RegistryState.empty(), request("grafana")));

    assertEquals(ErrorCode.UNKNOWN_SERVICE_TYPE, rejected.code());
    assertTrue(rejected.message().contains("'grafana'"), rejected.message());
  }

  @Test
  void singletonTypeReturnsTheLiveAllocationForAnyLaterRequest() {
    RegistryState state = allocate(RegistryState.empty(), request("ai"));
    Allocation first = state.ofType("ai").get(0);

    var existing = assertInstanceOf(AllocationDecision.Existing.class,
        decide(state, withPreferred(named("ai", "other"), 11499)));

    assertEquals(first, existing.allocation());
    assertTrue(existing.singleton());
    assertEquals("Service 'ai' only allows single instance", existing.message());
  }

  @Test
  void singletonTypeAllocatesAgainAfterRelease() {
    RegistryState state = release(allocate(RegistryState.empty(), request("ai")), 11430);

    assertEquals(11430, expectAllocate(decide(state, request("ai"))).allocation().port());
  }

  @Test
  void repeatedNamedClaimReturnsTheExistingAllocation() {
    RegistryState state = allocate(RegistryState.empty(), named("dev", "web"));
    Allocation first = state.atPort(3000).orElseThrow();

    var existing = assertInstanceOf(AllocationDecision.Existing.class,
        decide(state, named("dev", "web")));

    assertEquals(first, existing.allocation());
    assertFalse(existing.singleton());
  }

  @Test
  void namedClaimWithAnotherNameGetsANewPort() {
    RegistryState state = allocate(RegistryState.empty(), named("dev", "web"));

    assertEquals(3001, expectAllocate(decide(state, named("dev", "docs"))).allocation().port());
  }

  @Test
  void unnamedRequestsAlwaysGetNewPorts() {
    RegistryState state = allocate(allocate(RegistryState.empty(), request("dev")), request("dev"));

    assertEquals(List.of(3000, 3001), state.ofType("dev").stream().map(Allocation::port).toList());
  }

  @Test
  void releasedNamedClaimIsOfferedItsPreviousPortFirst() {
    RegistryState state = release(allocate(RegistryState.empty(),
        withPreferred(named("dev", "web"), 3050)), 3050);

    PortAllocated event = expectAllocate(decide(state, named("dev", "web")));

    assertEquals(3050, event.allocation().port());
    assertEquals("sticky", event.reason());
  }

  @Test
  void stickyPortIsSkippedWhenAnotherAllocationHoldsIt() {
    RegistryState state = release(allocate(RegistryState.empty(),
        withPreferred(named("dev", "web"), 3050)), 3050);
    state = allocate(state, withPreferred(request("dev"), 3050));

    PortAllocated event = expectAllocate(decide(state, named("dev", "web")));

    assertEquals(3000, event.allocation().port());
    assertTrue(event.reasons().get(0).startsWith("3050 allocated to lock "), event.reasons()
        .toString());
  }

  @Test
  void stickyPortIsForgottenOnceTheClaimHoldsAPortAgain() {
    RegistryState state = release(allocate(RegistryState.empty(),
        withPreferred(named("dev", "web"), 3050)), 3050);

    state = allocate(state, withPreferred(named("dev", "web"), 3060));

    assertEquals(Optional.empty(), state.stickyPort(named("dev", "web").claimKey()));
  }

  @Test
  void dryRunNamesThePortAndAllocatesNothing() {
    var dryRun = assertInstanceOf(AllocationDecision.DryRun.class,
        decide(withPorts("dev", 3000), Fixtures.dryRun(request("dev"))));

    assertEquals(3001, dryRun.port());
    assertEquals("Port 3001 would be allocated (dry run mode)", dryRun.message());
  }

  @Test
  void dryRunOfSingletonWithLiveAllocationReturnsTheExistingOne() {
    RegistryState state = allocate(RegistryState.empty(), request("ai"));

    assertInstanceOf(AllocationDecision.Existing.class,
        decide(state, Fixtures.dryRun(request("ai"))));
  }

  @Test
  void applyPortAllocatedIndexesTheAllocation() {
    Allocation a = expectAllocate(decide(RegistryState.empty(), named("dev", "web")))
        .allocation();

    RegistryState state = RegistryState.empty().apply(allocated(a));

    assertEquals(Optional.of(a), state.atPort(a.port()));
    assertEquals(Optional.of(a), state.byId(a.id()));
    assertEquals(List.of(a), state.ofType("dev"));
    assertEquals(Optional.of(a), state.liveClaim(a.claimKey()));
    assertTrue(state.isAllocated(a.port()));
    assertEquals(1, state.size());
  }

  @Test
  void applyPortReleasedRemovesTheAllocationFromEveryIndex() {
    Allocation a = expectAllocate(decide(RegistryState.empty(), named("dev", "web")))
        .allocation();
    RegistryState state = RegistryState.empty().apply(allocated(a));

    state = state.apply(released(a));

    assertEquals(Optional.empty(), state.atPort(a.port()));
    assertEquals(Optional.empty(), state.byId(a.id()));
    assertEquals(List.of(), state.ofType("dev"));
    assertEquals(Optional.empty(), state.liveClaim(a.claimKey()));
    assertFalse(state.isAllocated(a.port()));
    assertEquals(0, state.size());
  }

  @Test
  void applyPortReleasedKeepsOtherAllocationsOfTheType() {
    RegistryState state = withPorts("dev", 3000, 3001);
    Allocation first = state.atPort(3000).orElseThrow();

    state = state.apply(released(first));

    assertEquals(List.of(3001), state.ofType("dev").stream().map(Allocation::port).toList());
  }

  @Test
  void releaseOfUnknownIdDecidesNothing() {
    assertEquals(Optional.empty(), withPorts("dev", 3000).decideRelease(AllocationId.random(),
        "released", "req-9", "http", NOW));
  }

  @Test
  void applyingReleaseOfUnknownIdLeavesStateUnchanged() {
    RegistryState state = withPorts("dev", 3000);

    assertSame(state, state.apply(released(allocation("dev", 3001))));
  }

  @Test
  void decideReleaseNamesPortTypeAndReason() {
    RegistryState state = withPorts("dev", 3000);
    Allocation a = state.atPort(3000).orElseThrow();

    PortReleased event = state.decideRelease(a.id(), "released", "req-9", "cli", NOW)
        .orElseThrow();

    assertEquals(new PortReleased(a.id(), 3000, "dev", NOW, "req-9", "released", "cli"), event);
  }

  @Test
  void reasonTrailNamesAtMostMaxReasonsSkippedPortsThenSummarizes() {
    int taken = RegistryState.MAX_REASONS + 10;
    RegistryState state = withPorts("dev", IntStream.range(3000, 3000 + taken).toArray());

    PortAllocated event = expectAllocate(decide(state, request("dev")));

    List<String> reasons = event.reasons();
    assertEquals(RegistryState.MAX_REASONS + 2, reasons.size());
    assertEquals("… 10 more ports skipped", reasons.get(RegistryState.MAX_REASONS));
    assertEquals("chose " + (3000 + taken), reasons.get(reasons.size() - 1));
  }

  @Test
  void reasonTrailOfExhaustedRangeEndsWithTheSummary() {
    ServiceType wide = Fixtures.type("wide", List.of(), 6000, 6024, InstanceBehavior.MULTI);
    PortAvailability nothingFree = p -> Optional.of("in use by a process this user cannot see");

    ServiceCatalog catalog = new ServiceCatalog(Map.of("wide", wide), CATALOG.autoAllocation());

    var rejected = assertInstanceOf(AllocationDecision.Rejected.class,
        RegistryState.empty().decideAllocation(request("wide"), catalog, nothingFree,
            DAEMON_PORT, AllocationId.random(), NOW));

    assertEquals(RegistryState.MAX_REASONS + 1, rejected.reasons().size());
    assertEquals("… 5 more ports skipped", rejected.reasons().get(RegistryState.MAX_REASONS));
  }

  @Test
  void suggestListsFreePortsInCandidateOrder() {
    RegistryState state = withPorts("dev", 3001);

    assertEquals(List.of(3000, 3002, 3003, 3004), state.suggest(DEV, 4, ALL_FREE, DAEMON_PORT));
  }

  @Test
  void snapshotFormRebuildsAnEqualState() {
    RegistryState state = release(allocate(allocate(allocate(RegistryState.empty(),
        named("dev", "web")), request("dev")), named("ai", "llm")), 3000);

    RegistryState rebuilt = RegistryState.fromSnapshot(state.allocations(), state.sticky(),
        state.instances(), state.autoTypes(), state.recentlyReleased());

    assertEquals(state, rebuilt);
    assertEquals(1, rebuilt.sticky().size());
    assertEquals(2, rebuilt.size());
  }

  @Test
  void snapshotFormRebuildsTheIndexes() {
    RegistryState state = allocate(RegistryState.empty(), named("dev", "web"));
    Allocation a = state.atPort(3000).orElseThrow();

    RegistryState rebuilt = RegistryState.fromSnapshot(state.allocations(), state.sticky(),
        state.instances(), state.autoTypes(), state.recentlyReleased());

    assertEquals(Optional.of(a), rebuilt.liveClaim(a.claimKey()));
    assertEquals(List.of(a), rebuilt.ofType("dev"));
    assertEquals(Optional.of(a), rebuilt.byId(a.id()));
  }

  @Test
  void statesWithDifferentStickyPortsDiffer() {
    RegistryState live = allocate(RegistryState.empty(), named("dev", "web"));
    RegistryState releasedNamed = release(live, 3000);
    RegistryState releasedUnnamed = release(allocate(RegistryState.empty(), request("dev")), 3000);

    assertNotEquals(releasedNamed, releasedUnnamed);
  }

  private static InstanceRegistered registered(String id, Instant at) {
    return new InstanceRegistered(id, "/home/u/proj", "{\"agent\":\"claude-code\"}", 4242L, at,
        "req-i", "registered", "http");
  }

  @Test
  void registeringAnInstanceRecordsItWithRegistrationTimeAsLastHeartbeat() {
    RegistryState state = RegistryState.empty().apply(registered("agent-1", NOW));

    Instance i = state.instance("agent-1").orElseThrow();
    assertEquals(new Instance("agent-1", "/home/u/proj", "{\"agent\":\"claude-code\"}", 4242L,
        NOW, NOW), i);
    assertEquals(1, state.instanceCount());
  }

  @Test
  void registeringAgainOverwritesAndResetsRegistrationTime() {
    Instant later = NOW.plusSeconds(60);
    RegistryState state = RegistryState.empty().apply(registered("agent-1", NOW))
        .apply(new InstanceRegistered("agent-1", null, "{}", null, later, "r", "registered",
            "http"));

    assertEquals(new Instance("agent-1", null, "{}", null, later, later),
        state.instance("agent-1").orElseThrow());
    assertEquals(1, state.instanceCount());
  }

  @Test
  void deregisterReleasesTheInstancesAllocationsThenRemovesIt() {
    RegistryState state = allocate(allocate(RegistryState.empty().apply(registered("claude-a",
        NOW)), named("dev", "web")), request("dev"));

    List<RegistryEvent> events = state.decideDeregister("claude-a", "req-d", "http", NOW);

    assertEquals(2, events.size());
    PortReleased release = assertInstanceOf(PortReleased.class, events.get(0));
    assertEquals(3000, release.port());
    assertEquals(PortReleased.INSTANCE_GONE, release.reason());
    assertInstanceOf(InstanceDeregistered.class, events.get(1));
    RegistryState after = state;
    for (RegistryEvent e : events) {
      after = after.apply(e);
    }
    assertTrue(after.instance("claude-a").isEmpty());
    assertEquals(List.of(3001), after.allocations().stream().map(Allocation::port).toList());
  }

  @Test
  void deregisterOfAnUnknownInstanceDecidesNothing() {
    assertEquals(List.of(), RegistryState.empty().decideDeregister("ghost", "r", "http", NOW));
  }

  @Test
  void snapshotFormKeepsInstancesOrderedById() {
    RegistryState state = RegistryState.empty().apply(registered("b", NOW))
        .apply(registered("a", NOW));

    RegistryState rebuilt = RegistryState.fromSnapshot(state.allocations(), state.sticky(),
        state.instances(), state.autoTypes(), state.recentlyReleased());

    assertEquals(state, rebuilt);
    assertEquals(List.of("a", "b"), rebuilt.instances().stream().map(Instance::id).toList());
  }

  @Test
  void snapshotWithoutInstancesLoadsWithNone() {
    RegistryState state = allocate(RegistryState.empty(), request("dev"));

    RegistryState rebuilt = RegistryState.fromSnapshot(state.allocations(), state.sticky(), null,
        null, null);

    assertEquals(state, rebuilt);
    assertEquals(0, rebuilt.instanceCount());
  }

  private static HealthChanged healthChanged(Allocation a, HealthStatus status) {
    return new HealthChanged(a.id(), a.port(), a.healthStatus().state(), status, NOW, "req-h",
        "listening", "health");
  }

  private static LeaseRenewed leaseRenewed(Allocation a, Instant expiresAt) {
    return new LeaseRenewed(a.id(), a.port(), expiresAt, NOW, "req-l", "heartbeat", "http");
  }

  private static AllocationRequest withLeaseAndUrl(AllocationRequest r, Integer ttl) {
    return new AllocationRequest(r.serviceType(), r.serviceName(), r.instanceId(), r.projectPath(),
        r.preferredPort(), r.pid(), r.dryRun(), r.userAgent(), r.remoteIp(), r.requestId(),
        r.actor(), NOW.minusSeconds(30), "http://127.0.0.1:3000/health", ttl);
  }

  @Test
  void allocateStartsTheLeaseAtNowPlusTheTtl() {
    Allocation a = expectAllocate(decide(RegistryState.empty(),
        withLeaseAndUrl(named("dev", "web"), 90))).allocation();

    assertEquals(90, a.leaseTtlSeconds());
    assertEquals(NOW.plusSeconds(90), a.leaseExpiresAt());
    assertTrue(a.hasLease());
  }

  @Test
  void allocateWithoutTtlGivesNoLease() {
    Allocation a = expectAllocate(decide(RegistryState.empty(), named("dev", "web")))
        .allocation();

    assertEquals(null, a.leaseTtlSeconds());
    assertEquals(null, a.leaseExpiresAt());
    assertFalse(a.hasLease());
  }

  @Test
  void allocateRecordsStartingHealthOwnerStartTimeAndHealthUrl() {
    Allocation a = expectAllocate(decide(RegistryState.empty(),
        withLeaseAndUrl(named("dev", "web"), null))).allocation();

    assertEquals(HealthStatus.starting(NOW), a.health());
    assertEquals(NOW.minusSeconds(30), a.ownerStartedAt());
    assertEquals("http://127.0.0.1:3000/health", a.healthUrl());
  }

  @Test
  void applyHealthChangedReplacesTheStatusAndKeepsEveryIndex() {
    RegistryState state = allocate(allocate(RegistryState.empty(), named("dev", "web")),
        request("dev"));
    Allocation a = state.atPort(3000).orElseThrow();
    HealthStatus healthy = new HealthStatus(HealthState.HEALTHY, NOW, "port 3000 listening");

    RegistryState after = state.apply(healthChanged(a, healthy));

    Allocation changed = a.withHealth(healthy);
    assertEquals(Optional.of(changed), after.byId(a.id()));
    assertEquals(Optional.of(changed), after.atPort(3000));
    assertEquals(Optional.of(changed), after.liveClaim(a.claimKey()));
    assertEquals(List.of(changed, state.atPort(3001).orElseThrow()), after.ofType("dev"));
    assertEquals(state.size(), after.size());
    assertEquals(state.sticky(), after.sticky());
  }

  @Test
  void applyHealthChangedOfAnUnknownIdLeavesTheStateUnchanged() {
    RegistryState state = withPorts("dev", 3000);

    assertSame(state, state.apply(healthChanged(allocation("dev", 3001),
        new HealthStatus(HealthState.UNHEALTHY, NOW, "owner pid 7 exited"))));
  }

  @Test
  void applyLeaseRenewedMovesOnlyTheDeadline() {
    RegistryState state = allocate(RegistryState.empty(),
        withLeaseAndUrl(named("dev", "web"), 60));
    Allocation a = state.atPort(3000).orElseThrow();

    RegistryState after = state.apply(leaseRenewed(a, NOW.plusSeconds(600)));

    Allocation renewed = a.withLeaseExpiresAt(NOW.plusSeconds(600));
    assertEquals(Optional.of(renewed), after.byId(a.id()));
    assertEquals(Optional.of(renewed), after.atPort(3000));
    assertEquals(Optional.of(renewed), after.liveClaim(a.claimKey()));
    assertEquals(List.of(renewed), after.ofType("dev"));
    assertEquals(60, after.byId(a.id()).orElseThrow().leaseTtlSeconds());
  }

  @Test
  void applyLeaseRenewedOfAnUnknownIdLeavesTheStateUnchanged() {
    RegistryState state = withPorts("dev", 3000);

    assertSame(state, state.apply(leaseRenewed(allocation("dev", 3001), NOW)));
  }

  @Test
  void allocationWhoseHealthChangedIsStillReleasedFromEveryIndex() {
    RegistryState state = allocate(RegistryState.empty(), named("dev", "web"));
    Allocation a = state.atPort(3000).orElseThrow();
    state = state.apply(healthChanged(a, new HealthStatus(HealthState.HEALTHY, NOW, "")))
        .apply(leaseRenewed(a, NOW.plusSeconds(60)));

    RegistryState after = release(state, 3000);

    assertEquals(0, after.size());
    assertEquals(List.of(), after.ofType("dev"));
    assertEquals(Optional.empty(), after.liveClaim(a.claimKey()));
    assertEquals(Optional.of(3000), after.stickyPort(a.claimKey()));
  }

  @Test
  void snapshotFormKeepsHealthAndLease() {
    RegistryState state = allocate(RegistryState.empty(),
        withLeaseAndUrl(named("dev", "web"), 60));
    Allocation a = state.atPort(3000).orElseThrow();
    state = state.apply(healthChanged(a, new HealthStatus(HealthState.HEALTHY, NOW, "ok")))
        .apply(leaseRenewed(a, NOW.plusSeconds(120)));

    RegistryState rebuilt = RegistryState.fromSnapshot(state.allocations(), state.sticky(),
        state.instances(), state.autoTypes(), state.recentlyReleased());

    assertEquals(state, rebuilt);
    assertEquals(state.atPort(3000), rebuilt.atPort(3000));
  }
}
