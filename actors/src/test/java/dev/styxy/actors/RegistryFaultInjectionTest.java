package dev.styxy.actors;

import static dev.styxy.actors.RegistryFixtures.deps;
import static dev.styxy.actors.RegistryFixtures.inMemoryPersistence;
import static dev.styxy.actors.RegistryFixtures.named;
import static dev.styxy.actors.RegistryFixtures.request;
import static dev.styxy.actors.RegistryFixtures.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.styxy.config.RecoverySettings;
import dev.styxy.persistence.Allocation;
import dev.styxy.persistence.ErrorCode;
import dev.styxy.persistence.PortAllocated;
import dev.styxy.persistence.PortAvailability;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.persistence.testkit.ProcessingSuccess;
import org.apache.pekko.persistence.testkit.WriteEvents;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.apache.pekko.persistence.testkit.javadsl.SnapshotTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Faults injected under the real registry, batcher and supervisor: a crash while deciding, a
 * failed journal write, a journal that stalls. Every test ends with the registry's state checked
 * against what clients were told.
 */
class RegistryFaultInjectionTest {
  private static final ActorTestKit testKit = ActorTestKit.create("RegistryFaultInjectionTest",
      inMemoryPersistence());
  private static final PersistenceTestKit journal = PersistenceTestKit.create(testKit.system());
  private static final String PID = PortRegistry.PERSISTENCE_ID.id();
  private static final RecoverySettings RECOVERY =
      new RecoverySettings(1000, 3, Duration.ofMinutes(1), true);

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

  @AfterEach
  void stop() {
    journal.resetPolicy();
    if (supervisor != null) {
      testKit.stop(supervisor);
    }
  }

  private ActorRef<PortRegistry.Command> start(RegistryDependencies d) {
    supervisor = testKit.spawn(RecoverySupervisor.create(d, RECOVERY, Duration.ofSeconds(3)));
    TestProbe<ActorRef<PortRegistry.Command>> door = testKit.createTestProbe();
    supervisor.tell(new RecoverySupervisor.GetFrontDoor(door.getRef()));
    ActorRef<PortRegistry.Command> front = door.receiveMessage();
    awaitReady();
    return front;
  }

  private RecoverySupervisor.Status awaitReady() {
    TestProbe<RecoverySupervisor.Status> probe = testKit.createTestProbe();
    return probe.awaitAssert(Duration.ofSeconds(10), () -> {
      RecoverySupervisor.Status s = RecoverySupervisorTest.status(supervisor);
      assertEquals(RecoverySupervisor.Readiness.READY, s.state(), s.detail());
      return s;
    });
  }

  /** Every candidate free, except that asking about {@code port} throws, once. */
  private static PortAvailability poisonedOnce(int port) {
    AtomicBoolean armed = new AtomicBoolean(true);
    return p -> {
      if (p == port && armed.getAndSet(false)) {
        throw new IllegalStateException("injected failure while bind-testing " + p);
      }
      return Optional.empty();
    };
  }

  @Test
  void crashMidStreamLosesNoAcknowledgedAllocationAndGivesNoPortTwice() {
    RegistryDependencies d = deps(settings(1000, 8, 1000)).withOs(poisonedOnce(20005));
    ActorRef<PortRegistry.Command> door = start(d);
    List<TestProbe<AllocateReply>> clients = IntStream.range(0, 40)
        .mapToObj(i -> testKit.createTestProbe(AllocateReply.class)).toList();

    clients.forEach(c -> door.tell(new PortRegistry.Allocate(request("bulk"), c.getRef())));

    List<Integer> acknowledged = new ArrayList<>();
    int refused = 0;
    for (TestProbe<AllocateReply> c : clients) {
      AllocateReply reply = c.expectMessageClass(AllocateReply.class);
      if (reply instanceof AllocateReply.Allocated a) {
        acknowledged.add(a.allocation().port());
      } else {
        assertEquals(ErrorCode.REGISTRY_UNAVAILABLE,
            ((AllocateReply.AllocateRejected) reply).code());
        refused++;
      }
    }
    assertTrue(refused >= 1, "the poisoned batch's clients are refused");
    assertEquals(acknowledged.size(), new HashSet<>(acknowledged).size(), "no port twice");
    RecoverySupervisor.Status ready = awaitReady();
    assertEquals(1, ready.restarts());
    Set<Integer> live = new HashSet<>(ports(RecoverySupervisorTest.stateOf(door).allocations()));
    assertEquals(new HashSet<>(acknowledged), live, "replay has exactly what was acknowledged");

    TestProbe<AllocateReply> after = testKit.createTestProbe(AllocateReply.class);
    for (int i = 0; i < 10; i++) {
      door.tell(new PortRegistry.Allocate(request("bulk"), after.getRef()));
      int port = after.expectMessageClass(AllocateReply.Allocated.class).allocation().port();
      assertTrue(live.add(port), "port " + port + " given twice");
    }
  }

  @Test
  void failedJournalWriteIsRefusedAtOnceAndLaterRequestsSucceed() {
    ActorRef<PortRegistry.Command> door = start(deps());
    TestProbe<AllocateReply> client = testKit.createTestProbe(AllocateReply.class);
    journal.failNextPersisted(PID);

    door.tell(new PortRegistry.Allocate(named("dev", "web"), client.getRef()));

    assertEquals(ErrorCode.REGISTRY_UNAVAILABLE,
        client.expectMessageClass(AllocateReply.AllocateRejected.class).code());
    RecoverySupervisor.Status ready = awaitReady();
    assertEquals(1, ready.restarts());
    door.tell(new PortRegistry.Allocate(named("dev", "web"), client.getRef()));
    Allocation a = client.expectMessageClass(AllocateReply.Allocated.class).allocation();
    assertEquals(3000, a.port());
    assertEquals(List.of(a), RecoverySupervisorTest.stateOf(door).allocations());
    assertEquals(1, journal.persistedInStorage(PID).stream()
        .filter(PortAllocated.class::isInstance).count());
  }

  @Test
  void startupImportWhoseWriteFailedIsImportedAfterTheRestart() {
    String state = "{\"allocations\":[{\"service_type\":\"dev\",\"port\":3000}],"
        + "\"instances\":[]}";
    RegistryDependencies d = deps().withRecovery(new RegistryDependencies.Recovery(null,
        (port, owner) -> Optional.empty(), true, new LiveWatchers(),
        StartupImport.of(state.getBytes(StandardCharsets.UTF_8), "/h/daemon.state")));
    journal.failNextPersisted(PID);

    ActorRef<PortRegistry.Command> door = start(d);

    TestProbe<RecoverySupervisor.Status> probe = testKit.createTestProbe();
    probe.awaitAssert(Duration.ofSeconds(10), () -> {
      assertEquals(List.of(3000), ports(RecoverySupervisorTest.stateOf(door).allocations()));
      return null;
    });
    assertEquals(1, journal.persistedInStorage(PID).stream()
        .filter(PortAllocated.class::isInstance).count(), "imported once, after the restart");
  }

  @Test
  void slowJournalTimesOutInto503AndTheRetryGetsTheSameAllocation() throws Exception {
    ActorRef<PortRegistry.Command> door = start(deps());
    CountDownLatch stalled = new CountDownLatch(1);
    journal.withPolicy((persistenceId, op) -> {
      if (op instanceof WriteEvents) {
        awaitQuietly(stalled);
      }
      return ProcessingSuccess.getInstance();
    });

    ExecutionException timedOut = assertThrows(ExecutionException.class, () ->
        AskPattern.<PortRegistry.Command, AllocateReply>ask(door,
                replyTo -> new PortRegistry.Allocate(named("dev", "web"), replyTo),
                Duration.ofMillis(300), testKit.system().scheduler())
            .toCompletableFuture().get(10, TimeUnit.SECONDS));
    assertInstanceOf(TimeoutException.class, timedOut.getCause());
    stalled.countDown();
    journal.resetPolicy();

    TestProbe<AllocateReply> retry = testKit.createTestProbe(AllocateReply.class);
    door.tell(new PortRegistry.Allocate(named("dev", "web"), retry.getRef()));
    AllocateReply.Existing same = retry.expectMessageClass(AllocateReply.Existing.class);
    door.tell(new PortRegistry.Allocate(request("dev"), retry.getRef()));
    int other = retry.expectMessageClass(AllocateReply.Allocated.class).allocation().port();

    assertEquals(3000, same.allocation().port());
    assertEquals(3001, other);
    assertEquals(2, RecoverySupervisorTest.stateOf(door).size());
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static List<Integer> ports(List<Allocation> allocations) {
    return allocations.stream().map(Allocation::port).toList();
  }
}
