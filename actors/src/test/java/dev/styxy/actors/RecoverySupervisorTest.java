package dev.styxy.actors;

import static dev.styxy.actors.RegistryFixtures.NOW;
import static dev.styxy.actors.RegistryFixtures.deps;
import static dev.styxy.actors.RegistryFixtures.inMemoryPersistence;
import static dev.styxy.actors.RegistryFixtures.named;
import static dev.styxy.actors.RegistryFixtures.request;
import static dev.styxy.actors.RegistryFixtures.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.styxy.actors.audit.AuditTrail;
import dev.styxy.config.HealthSettings;
import dev.styxy.config.RecoverySettings;
import dev.styxy.persistence.Allocation;
import dev.styxy.persistence.AllocationId;
import dev.styxy.persistence.AllocationRequest;
import dev.styxy.persistence.PortAllocated;
import dev.styxy.persistence.PortReleased;
import dev.styxy.persistence.Reconciliation;
import dev.styxy.persistence.RegistryState;
import dev.styxy.persistence.StaleAllocations;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LoggingTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.apache.pekko.persistence.testkit.javadsl.SnapshotTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Readiness and the reconciliation pass, with the real registry under the supervisor. */
class RecoverySupervisorTest {
  static final ActorTestKit testKit = ActorTestKit.create("RecoverySupervisorTest",
      inMemoryPersistence());
  static final PersistenceTestKit journal = PersistenceTestKit.create(testKit.system());
  static final String PID = PortRegistry.PERSISTENCE_ID.id();
  static final RecoverySettings RECOVERY = new RecoverySettings(100, 3, Duration.ofMinutes(1),
      true);

  private final SettableClock clock = new SettableClock(NOW);
  private ActorRef<RecoverySupervisor.Command> supervisor;

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void emptyJournal() {
    journal.clearAll();
    journal.resetPolicy();
    SnapshotTestKit.create(testKit.system()).clearAll();
  }

  /** The registry's persistence id is fixed, so no two tests may keep one alive. */
  @AfterEach
  void stop() {
    stopSupervisor();
  }

  private void stopSupervisor() {
    if (supervisor != null) {
      testKit.stop(supervisor);
      supervisor = null;
    }
  }

  private RegistryDependencies clocked(RegistryDependencies d) {
    return new RegistryDependencies(d.catalogs(), d.settings(), d.os(), d.daemonPort(), clock,
        d.conflicts(), d.health(), d.ephemeralRange(), d.configMirror(), d.recovery(),
        d.metrics());
  }

  private ActorRef<PortRegistry.Command> start(RegistryDependencies d) {
    supervisor = testKit.spawn(RecoverySupervisor.create(clocked(d), RECOVERY,
        Duration.ofSeconds(3)));
    TestProbe<ActorRef<PortRegistry.Command>> door = testKit.createTestProbe();
    supervisor.tell(new RecoverySupervisor.GetFrontDoor(door.getRef()));
    return door.receiveMessage();
  }

  static RecoverySupervisor.Status status(ActorRef<RecoverySupervisor.Command> supervisor) {
    TestProbe<RecoverySupervisor.Status> probe = testKit.createTestProbe();
    supervisor.tell(new RecoverySupervisor.GetStatus(probe.getRef()));
    return probe.receiveMessage();
  }

  private RecoverySupervisor.Status awaitState(RecoverySupervisor.Readiness state) {
    TestProbe<RecoverySupervisor.Status> probe = testKit.createTestProbe();
    return probe.awaitAssert(Duration.ofSeconds(10), () -> {
      RecoverySupervisor.Status s = status(supervisor);
      assertEquals(state, s.state(), s.detail());
      return s;
    });
  }

  private static Allocation allocate(ActorRef<PortRegistry.Command> door, AllocationRequest r) {
    TestProbe<AllocateReply> client = testKit.createTestProbe(AllocateReply.class);
    door.tell(new PortRegistry.Allocate(r, client.getRef()));
    return client.expectMessageClass(AllocateReply.Allocated.class).allocation();
  }

  private static RegistryDependencies withOwners(RegistryDependencies d,
      StaleAllocations.Owners owners) {
    var off = new HealthSettings(false, Duration.ofSeconds(1), 3, true,
        Duration.ZERO, Duration.ofSeconds(2), 0, Duration.ofHours(1), Duration.ZERO,
        Duration.ofDays(7));
    return d.withHealth(new RegistryDependencies.Health(off, new HealthFixtures.ScriptedProbe(),
        owners));
  }

  @Test
  void becomesReadyAfterReplayAndServesThroughTheFrontDoor() {
    ActorRef<PortRegistry.Command> door = start(deps());

    RecoverySupervisor.Status ready = awaitState(RecoverySupervisor.Readiness.READY);

    assertEquals(0, ready.restarts());
    assertEquals(0, ready.lastRecovery().live());
    assertEquals(3000, allocate(door, request("dev")).port());
  }

  @Test
  void replaySummaryGoesToTheAuditTrailWithItsCountsAndDurations() {
    ActorRef<PortRegistry.Command> door = start(deps());
    awaitState(RecoverySupervisor.Readiness.READY);
    allocate(door, named("dev", "web"));
    allocate(door, request("dev"));
    stopSupervisor();

    LoggingTestKit.info("\"action\":\"REGISTRY_RECOVERED\",\"event\":\"recovered\"")
        .withLoggerName(AuditTrail.LOGGER).withOccurrences(1)
        .withMessageContains("\"actor\":\"recovery\",\"reason\":\"start\"")
        .withMessageContains("\"journal_events\":2,\"live\":1,\"orphaned\":1")
        .expect(testKit.system(), () -> start(withOwners(deps(), (pid, at) -> false)));
  }

  @Test
  void reconciliationReleasesOrphansWithActorRecoveryAndAuditsTheSummary() {
    ActorRef<PortRegistry.Command> door = start(deps());
    awaitState(RecoverySupervisor.Readiness.READY);
    Allocation owned = allocate(door, named("dev", "web"));
    Allocation ownerless = allocate(door, request("dev"));
    stopSupervisor();

    ActorRef<PortRegistry.Command> again = LoggingTestKit.info("released 1 orphaned")
        .withLoggerName("dev.styxy.recovery")
        .expect(testKit.system(), () -> start(withOwners(deps(), (pid, at) -> false)));

    RecoverySupervisor.Status ready = awaitState(RecoverySupervisor.Readiness.READY);
    assertEquals(List.of(1, 2, 1), List.of(ready.lastRecovery().orphaned(),
        ready.lastRecovery().checked(), ready.lastRecovery().live()));
    PortReleased released = (PortReleased) journal.persistedInStorage(PID).get(2);
    assertEquals(List.of(owned.id(), PortReleased.ORPHANED, Reconciliation.ACTOR),
        List.of(released.id(), released.reason(), released.actor()));
    assertEquals(List.of(ownerless), stateOf(again).allocations());
  }

  @Test
  void reconciliationKeepsTheOldestOfDuplicateSingletons() {
    Allocation older = singleton(11431, 60);
    Allocation newer = singleton(11430, 30);
    journal.persistForRecovery(PID, List.of(placed(newer), placed(older)));

    ActorRef<PortRegistry.Command> door = start(deps());

    RecoverySupervisor.Status ready = awaitState(RecoverySupervisor.Readiness.READY);
    assertEquals(1, ready.lastRecovery().duplicates());
    assertEquals(List.of(older), stateOf(door).allocations());
  }

  @Test
  void portsHeldByForeignProcessesAreReportedNotReleased() {
    RegistryDependencies d = deps().withRecovery(new RegistryDependencies.Recovery(null,
        (port, owner) -> port == 3000 ? Optional.of("held by pid 999 (nc -l 3000)")
            : Optional.empty(), true, new LiveWatchers(), StartupImport.none()));
    ActorRef<PortRegistry.Command> door = start(d);
    awaitState(RecoverySupervisor.Readiness.READY);
    Allocation a = allocate(door, named("dev", "web"));
    stopSupervisor();

    ActorRef<PortRegistry.Command> again =
        LoggingTestKit.warn("held by pid 999").expect(testKit.system(), () -> start(d));

    RecoverySupervisor.Status ready = awaitState(RecoverySupervisor.Readiness.READY);
    assertEquals(1, ready.lastRecovery().foreign().size());
    assertEquals(3000, ready.lastRecovery().foreign().get(0).port());
    assertEquals(List.of(a), stateOf(again).allocations());
  }

  @Test
  void replayThatKeepsFailingIsDegradedUntilItSucceedsAndAWriteGoesThrough() {
    journal.failNextNReads(PID, 1_000);
    ActorRef<PortRegistry.Command> door = start(deps());
    TestProbe<RecoverySupervisor.Status> probe = testKit.createTestProbe();
    RecoverySupervisor.Status degraded = probe.awaitAssert(Duration.ofSeconds(10), () -> {
      RecoverySupervisor.Status s = status(supervisor);
      assertTrue(s.restarts() >= RECOVERY.maxRestarts(), s.toString());
      return s;
    });
    assertEquals(RecoverySupervisor.Readiness.DEGRADED, degraded.state());
    assertTrue(degraded.journalError() != null, degraded.toString());
    TestProbe<AllocateReply> client = testKit.createTestProbe(AllocateReply.class);
    door.tell(new PortRegistry.Allocate(request("dev"), client.getRef()));
    client.expectMessageClass(AllocateReply.AllocateRejected.class);

    journal.resetPolicy();
    RecoverySupervisor.Status stillDegraded = awaitRegistryUp();
    assertEquals(RecoverySupervisor.Readiness.DEGRADED, stillDegraded.state());
    assertNull(stillDegraded.journalError());
    allocate(door, request("dev"));
    awaitState(RecoverySupervisor.Readiness.READY);
  }

  @Test
  void restartStormDegradesUntilTheWindowPasses() {
    journal.failNextNReads(PID, RECOVERY.maxRestarts());
    start(deps());
    awaitRegistryUp();
    assertEquals(RecoverySupervisor.Readiness.DEGRADED, status(supervisor).state());

    clock.advance(RECOVERY.restartWindow());

    RecoverySupervisor.Status ready = status(supervisor);
    assertEquals(RecoverySupervisor.Readiness.READY, ready.state());
    assertEquals(RECOVERY.maxRestarts(), ready.restarts());
  }

  @Test
  void aJournalResetNoticeKeepsTheDaemonDegradedButServingUntilAcknowledged() {
    supervisor = testKit.spawn(RecoverySupervisor.create(clocked(deps()), RECOVERY,
        Duration.ofSeconds(3), "the journal could not be read; it was moved to /b/j.mv.db"));
    TestProbe<ActorRef<PortRegistry.Command>> door = testKit.createTestProbe();
    supervisor.tell(new RecoverySupervisor.GetFrontDoor(door.getRef()));

    RecoverySupervisor.Status degraded = awaitRegistryUp();
    assertEquals(RecoverySupervisor.Readiness.DEGRADED, degraded.state());
    assertEquals("the journal could not be read; it was moved to /b/j.mv.db; acknowledge with "
        + "POST /health/ack", degraded.detail());
    assertEquals("the journal could not be read; it was moved to /b/j.mv.db", degraded.notice());
    assertEquals(3000, allocate(door.receiveMessage(), request("dev")).port());

    TestProbe<RecoverySupervisor.Status> acked = testKit.createTestProbe();
    supervisor.tell(new RecoverySupervisor.Acknowledge(acked.getRef()));

    RecoverySupervisor.Status after = acked.receiveMessage();
    assertEquals(RecoverySupervisor.Readiness.READY, after.state());
    assertEquals(null, after.notice());
    assertEquals(RecoverySupervisor.Readiness.READY, status(supervisor).state());
  }

  private RecoverySupervisor.Status awaitRegistryUp() {
    TestProbe<RecoverySupervisor.Status> probe = testKit.createTestProbe();
    return probe.awaitAssert(Duration.ofSeconds(10), () -> {
      RecoverySupervisor.Status s = status(supervisor);
      assertTrue(s.registryUp(), s.toString());
      return s;
    });
  }

  static RegistryState stateOf(ActorRef<PortRegistry.Command> door) {
    TestProbe<StateView> reader = testKit.createTestProbe(StateView.class);
    door.tell(new PortRegistry.GetState(reader.getRef()));
    return reader.receiveMessage().state();
  }

  private static Allocation singleton(int port, long secondsAgo) {
    return new Allocation(AllocationId.random(), port, "ai", "default", false, "i", null, null,
        NOW.minusSeconds(secondsAgo), null, null, null, null, null, null, null);
  }

  private static PortAllocated placed(Allocation a) {
    return new PortAllocated(a, List.of("chose " + a.port()), a.allocatedAt(), "req", "range",
        "http");
  }
}
