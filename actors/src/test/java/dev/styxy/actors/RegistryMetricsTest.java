package dev.styxy.actors;

import static dev.styxy.actors.RegistryFixtures.NOW;
import static dev.styxy.actors.RegistryFixtures.deps;
import static dev.styxy.actors.RegistryFixtures.inMemoryPersistence;
import static dev.styxy.actors.RegistryFixtures.request;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.styxy.actors.metrics.Samples;
import dev.styxy.actors.metrics.StyxyMetrics;
import dev.styxy.config.RecoverySettings;
import dev.styxy.persistence.Allocation;
import dev.styxy.persistence.AllocationId;
import dev.styxy.persistence.PortAllocated;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LoggingTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each registry and supervisor metric moves when its event happens, and survives restarts. */
class RegistryMetricsTest {
  static final ActorTestKit testKit = ActorTestKit.create("RegistryMetricsTest",
      inMemoryPersistence());
  static final PersistenceTestKit journal = PersistenceTestKit.create(testKit.system());
  static final String PID = PortRegistry.PERSISTENCE_ID.id();
  static final RecoverySettings RECOVERY = new RecoverySettings(100, 3, Duration.ofMinutes(1),
      true);

  private final StyxyMetrics metrics = new StyxyMetrics();
  private ActorRef<RecoverySupervisor.Command> supervisor;

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void emptyJournal() {
    RegistryFixtures.emptyJournal(testKit);
    journal.resetPolicy();
  }

  @AfterEach
  void stop() {
    if (supervisor != null) {
      testKit.stop(supervisor);
      supervisor = null;
    }
  }

  private ActorRef<PortRegistry.Command> start(RegistryDependencies d) {
    supervisor = testKit.spawn(RecoverySupervisor.create(d.withMetrics(metrics), RECOVERY,
        Duration.ofSeconds(3)));
    TestProbe<ActorRef<PortRegistry.Command>> door = testKit.createTestProbe();
    supervisor.tell(new RecoverySupervisor.GetFrontDoor(door.getRef()));
    ActorRef<PortRegistry.Command> front = door.receiveMessage();
    awaitMetricsState();
    return front;
  }

  /** The registry has replayed once it answers a state query. */
  private void awaitMetricsState() {
    TestProbe<RecoverySupervisor.Status> probe = testKit.createTestProbe();
    probe.awaitAssert(Duration.ofSeconds(10), () -> {
      supervisor.tell(new RecoverySupervisor.GetStatus(probe.getRef()));
      assertEquals(RecoverySupervisor.Readiness.READY, probe.receiveMessage().state());
      return null;
    });
  }

  private double value(String name, String... labels) {
    return Samples.value(metrics.scrape(), name, labels).orElse(-1);
  }

  private Allocation allocate(ActorRef<PortRegistry.Command> door, String type) {
    TestProbe<AllocateReply> client = testKit.createTestProbe(AllocateReply.class);
    door.tell(new PortRegistry.Allocate(request(type), client.getRef()));
    return client.expectMessageClass(AllocateReply.Allocated.class).allocation();
  }

  private void release(ActorRef<PortRegistry.Command> door, Allocation a) {
    TestProbe<ReleaseReply> client = testKit.createTestProbe(ReleaseReply.class);
    door.tell(new PortRegistry.Release(a.id(), "released", "req", "http", client.getRef()));
    client.expectMessageClass(ReleaseReply.Released.class);
  }

  @Test
  void allocationsReleasesTheActiveGaugeAndJournalWritesMoveAndSurviveARestart() {
    ActorRef<PortRegistry.Command> door = start(deps());
    assertEquals(-1, value("styxy_allocations_total", "service_type", "dev"));
    assertEquals(0, value("styxy_releases_total", "reason", "released"));

    Allocation first = allocate(door, "dev");
    allocate(door, "dev");
    allocate(door, "tiny");
    release(door, first);
    Allocation third = allocate(door, "bulk");
    release(door, third);

    assertEquals(2, value("styxy_allocations_total", "service_type", "dev"));
    assertEquals(1, value("styxy_allocations_total", "service_type", "tiny"));
    assertEquals(2, value("styxy_releases_total", "reason", "released"));
    assertEquals(1, value("styxy_allocations_active", "service_type", "dev"));
    assertEquals(1, value("styxy_allocations_active", "service_type", "tiny"));
    assertEquals(0, value("styxy_allocations_active", "service_type", "bulk"),
        "a type allocated and released between two scrapes reads 0");
    assertEquals(6, value("styxy_journal_write_duration_seconds"), "one write per request");

    stop();
    door = start(deps());
    assertEquals(2, value("styxy_allocations_total", "service_type", "dev"), "replay counts none");
    assertEquals(1, value("styxy_allocations_active", "service_type", "dev"));

    TestProbe<StateView> reader = testKit.createTestProbe(StateView.class);
    door.tell(new PortRegistry.GetState(reader.getRef()));
    release(door, reader.receiveMessage().state().ofType("tiny").get(0));
    assertEquals(0, value("styxy_allocations_active", "service_type", "tiny"),
        "a type with no live allocation left reads 0");
    assertEquals(3, value("styxy_releases_total", "reason", "released"));
  }

  @Test
  void aJournalFailureCountsARegistryRestart() {
    ActorRef<PortRegistry.Command> door = start(deps());
    assertEquals(0, value("styxy_supervisor_restarts_total", "component", "registry"));

    journal.failNextPersisted(PID);
    TestProbe<AllocateReply> client = testKit.createTestProbe(AllocateReply.class);
    door.tell(new PortRegistry.Allocate(request("dev"), client.getRef()));
    client.expectMessageClass(AllocateReply.AllocateRejected.class);

    client.awaitAssert(() -> {
      assertEquals(1, value("styxy_supervisor_restarts_total", "component", "registry"));
      return null;
    });
    awaitMetricsState();
    allocate(door, "dev");
    assertEquals(1, value("styxy_supervisor_restarts_total", "component", "registry"));
  }

  @Test
  void reconciliationCountsADoubleAllocationWithBothOwnersAndForeignHeldPorts() {
    Allocation older = onPort(3005, 60, 111L);
    Allocation newer = onPort(3005, 30, 222L);
    Allocation elsewhere = onPort(3007, 10, 333L);
    journal.persistForRecovery(PID, List.of(placed(older), placed(newer), placed(elsewhere)));
    RegistryDependencies d = deps().withRecovery(new RegistryDependencies.Recovery(null,
        (port, owner) -> port == 3007 ? Optional.of("held by pid 999 (nc -l 3007)")
            : Optional.empty(), true, new LiveWatchers(), StartupImport.none()));

    LoggingTestKit.error("double allocation").withMessageContains(older.id().toString())
        .withMessageContains(newer.id().toString()).withMessageContains("pid 222")
        .expect(testKit.system(), () -> start(d));

    assertEquals(1, value("styxy_double_allocation_detected_total"));
    assertEquals(1, value("styxy_foreign_held_allocations"));
  }

  @Test
  void aCleanJournalKeepsTheInvariantCountersAtZero() {
    journal.persistForRecovery(PID, List.of(placed(onPort(3005, 60, 111L))));

    start(deps());

    assertEquals(0, value("styxy_double_allocation_detected_total"));
    assertEquals(0, value("styxy_foreign_held_allocations"));
    assertEquals(1, value("styxy_allocations_active", "service_type", "dev"));
  }

  private static Allocation onPort(int port, long secondsAgo, Long pid) {
    return new Allocation(AllocationId.random(), port, "dev", "web-" + pid, true, "i", null, pid,
        NOW.minusSeconds(secondsAgo), null, null, null, null, null, null, null);
  }

  private static PortAllocated placed(Allocation a) {
    return new PortAllocated(a, List.of("chose " + a.port()), a.allocatedAt(), "req", "range",
        "http");
  }
}
