package dev.styxy.actors;

import static dev.styxy.actors.HealthFixtures.LISTENING;
import static dev.styxy.actors.HealthFixtures.OWNER_GONE;
import static dev.styxy.actors.RegistryFixtures.ALL_FREE;
import static dev.styxy.actors.RegistryFixtures.CATALOG;
import static dev.styxy.actors.RegistryFixtures.DAEMON_PORT;
import static dev.styxy.actors.RegistryFixtures.NOW;
import static dev.styxy.actors.RegistryFixtures.inMemoryPersistence;
import static dev.styxy.actors.RegistryFixtures.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.styxy.persistence.Allocation;
import dev.styxy.persistence.AllocationRequest;
import dev.styxy.persistence.HealthChanged;
import dev.styxy.persistence.HealthState;
import dev.styxy.persistence.InstanceDeregistered;
import dev.styxy.persistence.PortReleased;
import dev.styxy.persistence.RegistryState;
import dev.styxy.persistence.StaleAllocations;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LoggingTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.apache.pekko.persistence.testkit.javadsl.SnapshotTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The registry with its health layer: watchers spawned per allocation, their reports journaled,
 * sweeps expiring leases and removing gone instances, all on manual time with a scripted probe.
 */
class PortRegistryHealthTest {
  private static final ActorTestKit testKit = ActorTestKit.create("PortRegistryHealthTest",
      ManualTime.config().withFallback(inMemoryPersistence()));
  private static final ManualTime time = ManualTime.get(testKit.system());
  private static final PersistenceTestKit journal = PersistenceTestKit.create(testKit.system());
  private static final String PID = "PortRegistry|default";
  /** The only pid the fake owner check calls dead. */
  private static final long DEAD_PID = 999_999L;

  private HealthFixtures.ScriptedProbe probe;
  private SettableClock clock;
  private ActorRef<PortRegistry.Command> registry;

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void start() {
    journal.clearAll();
    SnapshotTestKit.create(testKit.system()).clearAll();
    probe = new HealthFixtures.ScriptedProbe();
    clock = new SettableClock(NOW);
    registry = spawnRegistry();
  }

  private ActorRef<PortRegistry.Command> spawnRegistry() {
    StaleAllocations.Owners owners = (pid, startedAt) -> pid != DEAD_PID;
    RegistryDependencies deps = new RegistryDependencies(CATALOG, settings(100, 50, 100),
        ALL_FREE, DAEMON_PORT, clock)
        .withHealth(new RegistryDependencies.Health(HealthFixtures.settings(), probe, owners));
    return testKit.spawn(PortRegistry.create(deps));
  }

  private static AllocationRequest request(String type, Long pid, String instance, Integer lease) {
    return new AllocationRequest(type, null, instance, null, null, pid, false, "test", null,
        "req", "http", null, null, lease);
  }

  private Allocation allocate(AllocationRequest request) {
    TestProbe<AllocateReply> reply = testKit.createTestProbe();
    registry.tell(new PortRegistry.Allocate(request, reply.getRef()));
    return assertInstanceOf(AllocateReply.Allocated.class, reply.receiveMessage()).allocation();
  }

  private RegistryState state() {
    TestProbe<StateView> view = testKit.createTestProbe();
    registry.tell(new PortRegistry.GetState(view.getRef()));
    return view.receiveMessage().state();
  }

  private void seconds(int n) {
    for (int i = 0; i < n; i++) {
      clock.advance(Duration.ofSeconds(1));
      time.timePasses(Duration.ofSeconds(1));
    }
  }

  private void awaitGone(Allocation a) {
    TestProbe<Object> waiter = testKit.createTestProbe();
    waiter.awaitAssert(() -> {
      assertTrue(state().byId(a.id()).isEmpty(), "allocation on " + a.port() + " still live");
      return null;
    });
  }

  private Optional<PortReleased> releaseOf(Allocation a) {
    return journal.persistedInStorage(PID).stream().filter(PortReleased.class::isInstance)
        .map(PortReleased.class::cast).filter(r -> r.id().equals(a.id())).findFirst();
  }

  @Test
  void anAllocationWhoseOwnerExitedIsReleasedAfterThreeFailedProbes() {
    Allocation a = allocate(request("dev", 4242L, null, null));
    probe.answers.put(a.port(), OWNER_GONE);

    seconds(4);
    awaitGone(a);
    PortReleased released = releaseOf(a).orElseThrow();
    assertEquals(PortReleased.OWNER_EXITED, released.reason());
    assertEquals("health", released.actor());
    List<HealthChanged> changes = journal.persistedInStorage(PID).stream()
        .filter(HealthChanged.class::isInstance).map(HealthChanged.class::cast).toList();
    assertEquals(1, changes.size(), "UNHEALTHY is journaled once, not per probe");
    assertEquals(HealthState.UNHEALTHY, changes.get(0).status().state());
  }

  @Test
  void aListeningServiceStaysAndIsJournaledHealthyOnce() {
    Allocation a = allocate(request("dev", 4242L, null, null));
    probe.answers.put(a.port(), LISTENING);

    seconds(20);
    TestProbe<Object> waiter = testKit.createTestProbe();
    waiter.awaitAssert(() -> {
      assertEquals(HealthState.HEALTHY, state().byId(a.id()).orElseThrow().healthStatus().state());
      return null;
    });
    assertEquals(1, journal.persistedInStorage(PID).stream()
        .filter(HealthChanged.class::isInstance).count());
    assertTrue(releaseOf(a).isEmpty());
  }

  @Test
  void aLeaseExpiresUnlessRenewed() {
    Allocation a = allocate(request("dev", null, null, 10));
    assertEquals(NOW.plusSeconds(10), a.leaseExpiresAt());

    seconds(8);
    TestProbe<LeaseReply> renew = testKit.createTestProbe();
    registry.tell(new PortRegistry.RenewLease(a.id(), "req-r", "http", renew.getRef()));
    Allocation renewed = assertInstanceOf(LeaseReply.Renewed.class, renew.receiveMessage())
        .allocation();
    assertEquals(NOW.plusSeconds(18), renewed.leaseExpiresAt());

    seconds(8);
    assertTrue(state().byId(a.id()).isPresent(), "renewed lease still running");
    seconds(3);
    awaitGone(a);
    assertEquals(PortReleased.LEASE_EXPIRED, releaseOf(a).orElseThrow().reason());
  }

  @Test
  void renewingAnAllocationWithoutALeaseIsRefused() {
    Allocation a = allocate(request("dev", null, null, null));
    TestProbe<LeaseReply> renew = testKit.createTestProbe();
    registry.tell(new PortRegistry.RenewLease(a.id(), "req-r", "http", renew.getRef()));
    LeaseReply.LeaseRejected no = assertInstanceOf(LeaseReply.LeaseRejected.class,
        renew.receiveMessage());
    assertEquals(dev.styxy.persistence.ErrorCode.NO_LEASE, no.code());
  }

  @Test
  void leaseDeadlinesSurviveARestartAndExpiredOnesGoAtTheFirstSweep() {
    Allocation shortLease = allocate(request("dev", null, null, 30));
    Allocation longLease = allocate(request("dev", null, null, 300));
    testKit.stop(registry);

    clock.advance(Duration.ofSeconds(60));
    registry = spawnRegistry();
    assertEquals(NOW.plusSeconds(300),
        state().byId(longLease.id()).orElseThrow().leaseExpiresAt(), "deadline kept as is");
    seconds(1);
    awaitGone(shortLease);
    assertEquals(PortReleased.LEASE_EXPIRED, releaseOf(shortLease).orElseThrow().reason());
    assertTrue(state().byId(longLease.id()).isPresent());
  }

  @Test
  void anInstanceWhoseProcessExitedIsRemovedWithItsAllocations() {
    TestProbe<InstanceReply> reply = testKit.createTestProbe();
    registry.tell(new PortRegistry.RegisterInstance("agent-1", "/w", "{}", DEAD_PID, "req",
        "http", reply.getRef()));
    reply.expectMessageClass(InstanceReply.Registered.class);
    Allocation a = allocate(request("dev", null, "agent-1", null));

    seconds(1);
    awaitGone(a);
    assertEquals(PortReleased.INSTANCE_GONE, releaseOf(a).orElseThrow().reason());
    InstanceDeregistered gone = journal.persistedInStorage(PID).stream()
        .filter(InstanceDeregistered.class::isInstance).map(InstanceDeregistered.class::cast)
        .findFirst().orElseThrow();
    assertEquals(StaleAllocations.INSTANCE_EXITED, gone.reason());
    assertTrue(state().instance("agent-1").isEmpty());
  }

  @Test
  void aSilentInstanceIsRemovedAfterTheStalenessPeriodButHeartbeatsKeepItAlive() {
    TestProbe<InstanceReply> reply = testKit.createTestProbe();
    registry.tell(new PortRegistry.RegisterInstance("quiet", null, "{}", null, "req", "http",
        reply.getRef()));
    registry.tell(new PortRegistry.RegisterInstance("chatty", null, "{}", null, "req", "http",
        reply.getRef()));
    reply.expectMessageClass(InstanceReply.Registered.class);
    reply.expectMessageClass(InstanceReply.Registered.class);

    clock.advance(Duration.ofMinutes(9));
    registry.tell(new PortRegistry.InstanceHeartbeat("chatty", reply.getRef()));
    reply.expectMessageClass(InstanceReply.HeartbeatRecorded.class);
    clock.advance(Duration.ofMinutes(1));
    time.timePasses(Duration.ofSeconds(1));

    TestProbe<Object> waiter = testKit.createTestProbe();
    waiter.awaitAssert(() -> {
      assertTrue(state().instance("quiet").isEmpty(), "silent for 10 minutes");
      return null;
    });
    assertTrue(state().instance("chatty").isPresent(), "last heartbeat a minute ago");
  }

  @Test
  void cleanupReleasesAllocationsOfExitedOwnersAndForceReleasesEverything() {
    Allocation dead = allocate(request("dev", DEAD_PID, null, null));
    Allocation alive = allocate(request("dev", 4242L, null, null));
    Allocation single = allocate(request("ai", null, null, null));
    TestProbe<Cleaned> cleaned = testKit.createTestProbe();

    registry.tell(new PortRegistry.Cleanup(false, "req-c", "http", cleaned.getRef()));
    assertEquals(1, cleaned.receiveMessage().count());
    assertEquals(PortReleased.OWNER_EXITED, releaseOf(dead).orElseThrow().reason());

    registry.tell(new PortRegistry.Cleanup(true, "req-f", "http", cleaned.getRef()));
    Cleaned forced = cleaned.receiveMessage();
    assertEquals(2, forced.count());
    assertEquals("Force cleanup completed", forced.message());
    assertEquals(PortReleased.FORCED_CLEANUP, releaseOf(single).orElseThrow().reason());
    assertEquals(0, state().size());
    assertTrue(releaseOf(alive).isPresent());
  }

  @Test
  void aBrokenWatcherRestartsAloneWhileTheRegistryAndOtherWatchersCarryOn() {
    Allocation broken = allocate(request("dev", null, null, null));
    probe.broken.put(broken.port(), true);
    Allocation fine = allocate(request("dev", null, null, null));
    probe.answers.put(fine.port(), LISTENING);

    LoggingTestKit.warn("health probe of port " + broken.port() + " failed")
        .expect(testKit.system(), () -> {
          seconds(1);
          return null;
        });
    seconds(3);
    Allocation third = allocate(request("dev", null, null, null));
    TestProbe<Object> waiter = testKit.createTestProbe();
    waiter.awaitAssert(() -> {
      assertEquals(HealthState.HEALTHY,
          state().byId(fine.id()).orElseThrow().healthStatus().state());
      return null;
    });
    assertTrue(state().byId(broken.id()).isPresent(), "a broken probe releases nothing");
    assertTrue(state().byId(third.id()).isPresent());
  }
}
