package dev.styxy.actors;

import static dev.styxy.actors.RegistryFixtures.deps;
import static dev.styxy.actors.RegistryFixtures.inMemoryPersistence;
import static dev.styxy.actors.RegistryFixtures.request;
import static dev.styxy.actors.RegistryFixtures.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.styxy.config.RegistrySettings;
import dev.styxy.persistence.Allocation;
import dev.styxy.persistence.AllocationId;
import dev.styxy.persistence.AllocationRequest;
import dev.styxy.persistence.ErrorCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The batcher in front of the real registry, on the in-memory journal. */
class RegistryBatcherTest {
  private static final ActorTestKit testKit = ActorTestKit.create("RegistryBatcherTest",
      inMemoryPersistence());
  private static final PersistenceTestKit journal = PersistenceTestKit.create(testKit.system());
  private static final Duration BATCH_TIMEOUT = Duration.ofMillis(500);

  private final List<ActorRef<?>> spawned = new ArrayList<>();

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void emptyJournal() {
    journal.clearAll();
    journal.resetPolicy();
  }

  /** The registry's persistence id is fixed, so no two tests may keep one alive. */
  @AfterEach
  void stopActors() {
    spawned.forEach(testKit::stop);
  }

  private ActorRef<PortRegistry.Command> batcher(RegistrySettings settings) {
    ActorRef<PortRegistry.Command> registry = testKit.spawn(PortRegistry.create(deps(settings)));
    ActorRef<PortRegistry.Command> batcher = testKit.spawn(
        RegistryBatcher.create(registry, settings, BATCH_TIMEOUT));
    spawned.add(batcher);
    spawned.add(registry);
    return batcher;
  }

  private ActorRef<PortRegistry.Command> batcherBefore(TestProbe<PortRegistry.Command> registry,
      int maxPending) {
    ActorRef<PortRegistry.Command> batcher = testKit.spawn(RegistryBatcher.create(
        registry.getRef(), settings(100, 50, maxPending), Duration.ofMinutes(1)));
    spawned.add(batcher);
    return batcher;
  }

  private static int port(AllocateReply reply) {
    return reply instanceof AllocateReply.Allocated a ? a.allocation().port()
        : ((AllocateReply.Existing) reply).allocation().port();
  }

  @Test
  void concurrentAllocationsGetDistinctPorts() {
    ActorRef<PortRegistry.Command> batcher = batcher(settings(1000, 25, 1000));
    List<TestProbe<AllocateReply>> clients = IntStream.range(0, 200)
        .mapToObj(i -> testKit.createTestProbe(AllocateReply.class)).toList();

    clients.parallelStream().forEach(
        c -> batcher.tell(new PortRegistry.Allocate(request("bulk"), c.getRef())));

    Set<Integer> ports = new HashSet<>();
    for (TestProbe<AllocateReply> c : clients) {
      ports.add(c.expectMessageClass(AllocateReply.Allocated.class).allocation().port());
    }
    assertEquals(200, ports.size());
    assertTrue(ports.stream().allMatch(p -> p >= 20000 && p <= 20999), ports.toString());
    assertEquals(200, journal.persistedInStorage(PortRegistry.PERSISTENCE_ID.id()).size());
  }

  @Test
  void concurrentRequestsForASingletonTypeShareOneAllocation() {
    ActorRef<PortRegistry.Command> batcher = batcher(settings(100, 2, 100));
    List<TestProbe<AllocateReply>> clients = IntStream.range(0, 6)
        .mapToObj(i -> testKit.createTestProbe(AllocateReply.class)).toList();

    clients.parallelStream().forEach(
        c -> batcher.tell(new PortRegistry.Allocate(request("ai"), c.getRef())));

    List<AllocateReply> replies = clients.stream()
        .map(c -> c.expectMessageClass(AllocateReply.class)).toList();
    assertEquals(1, replies.stream().filter(AllocateReply.Allocated.class::isInstance).count());
    assertEquals(Set.of(11430), replies.stream().map(RegistryBatcherTest::port)
        .collect(Collectors.toSet()));
  }

  @Test
  void releaseThroughTheBatcherFreesThePort() {
    ActorRef<PortRegistry.Command> batcher = batcher(settings(100, 50, 100));
    var client = testKit.createTestProbe(AllocateReply.class);
    var releaser = testKit.createTestProbe(ReleaseReply.class);
    batcher.tell(new PortRegistry.Allocate(request("dev"), client.getRef()));
    Allocation a = client.expectMessageClass(AllocateReply.Allocated.class).allocation();

    batcher.tell(new PortRegistry.Release(a.id(), "released", "r", "http", releaser.getRef()));

    releaser.expectMessageClass(ReleaseReply.Released.class);
    batcher.tell(new PortRegistry.Allocate(request("dev"), client.getRef()));
    assertEquals(3000, client.expectMessageClass(AllocateReply.Allocated.class).allocation()
        .port());
  }

  @Test
  void readsThroughTheBatcherSeeAcknowledgedWrites() {
    ActorRef<PortRegistry.Command> batcher = batcher(settings(100, 50, 100));
    var client = testKit.createTestProbe(AllocateReply.class);
    var reader = testKit.createTestProbe(StateView.class);
    batcher.tell(new PortRegistry.Allocate(request("dev"), client.getRef()));
    Allocation a = client.expectMessageClass(AllocateReply.Allocated.class).allocation();

    batcher.tell(new PortRegistry.GetState(reader.getRef()));

    assertEquals(List.of(a), reader.receiveMessage().state().allocations());
  }

  @Test
  void clientOfAFailedJournalWriteIsRefusedAtOnceAndTheNextOneIsServed() {
    ActorRef<PortRegistry.Command> batcher = batcher(settings(100, 50, 100));
    var lost = testKit.createTestProbe(AllocateReply.class);
    var next = testKit.createTestProbe(AllocateReply.class);
    journal.failNextPersisted(PortRegistry.PERSISTENCE_ID.id());

    batcher.tell(new PortRegistry.Allocate(request("dev"), lost.getRef()));
    var refused = lost.expectMessageClass(AllocateReply.AllocateRejected.class);
    batcher.tell(new PortRegistry.Allocate(request("dev"), next.getRef()));

    assertEquals(ErrorCode.REGISTRY_UNAVAILABLE, refused.code());
    Allocation a = next.expectMessageClass(AllocateReply.Allocated.class).allocation();
    assertEquals(3000, a.port());
  }

  @Test
  void requestsAfterAFailedJournalWriteSucceed() {
    ActorRef<PortRegistry.Command> batcher = batcher(settings(100, 50, 100));
    var lost = testKit.createTestProbe(AllocateReply.class);
    var later = testKit.createTestProbe(AllocateReply.class);
    journal.failNextPersisted(PortRegistry.PERSISTENCE_ID.id());
    batcher.tell(new PortRegistry.Allocate(request("dev"), lost.getRef()));
    lost.expectMessageClass(AllocateReply.AllocateRejected.class);

    batcher.tell(new PortRegistry.Allocate(request("dev"), later.getRef()));
    batcher.tell(new PortRegistry.Allocate(request("dev"), later.getRef()));

    assertEquals(List.of(3000, 3001), List.of(
        later.expectMessageClass(AllocateReply.Allocated.class).allocation().port(),
        later.expectMessageClass(AllocateReply.Allocated.class).allocation().port()));
  }

  @Test
  void whileTheRegistryIsDownQueuedAndNewMutationsAreRefusedAtOnce() {
    var registry = testKit.createTestProbe(PortRegistry.Command.class);
    ActorRef<PortRegistry.Command> batcher = batcherBefore(registry, 10);
    var inFlight = testKit.createTestProbe(AllocateReply.class);
    var queued = testKit.createTestProbe(AllocateReply.class);
    var later = testKit.createTestProbe(ReleaseReply.class);
    batcher.tell(new PortRegistry.Allocate(request("dev"), inFlight.getRef()));
    registry.expectMessageClass(PortRegistry.ApplyBatch.class);
    batcher.tell(new PortRegistry.Allocate(request("dev"), queued.getRef()));

    batcher.tell(new PortRegistry.Availability(false, "replaying the journal"));
    batcher.tell(new PortRegistry.Release(AllocationId.random(), "released", "r", "http",
        later.getRef()));

    var refused = queued.expectMessageClass(AllocateReply.AllocateRejected.class);
    assertEquals(ErrorCode.REGISTRY_UNAVAILABLE, refused.code());
    assertTrue(refused.message().contains("replaying the journal"), refused.message());
    assertEquals(ErrorCode.REGISTRY_UNAVAILABLE,
        later.expectMessageClass(ReleaseReply.ReleaseRejected.class).code());
    inFlight.expectNoMessage();
  }

  @Test
  void mutationsFlowAgainOnceTheRegistryIsBack() {
    var registry = testKit.createTestProbe(PortRegistry.Command.class);
    ActorRef<PortRegistry.Command> batcher = batcherBefore(registry, 10);
    var client = testKit.createTestProbe(AllocateReply.class);
    batcher.tell(new PortRegistry.Availability(false, "restarting"));
    batcher.tell(new PortRegistry.Allocate(request("dev"), client.getRef()));
    client.expectMessageClass(AllocateReply.AllocateRejected.class);

    batcher.tell(new PortRegistry.Availability(true, "ready"));
    batcher.tell(new PortRegistry.Allocate(request("dev"), client.getRef()));

    assertEquals(1, registry.expectMessageClass(PortRegistry.ApplyBatch.class).mutations().size());
  }

  @Test
  void allocationsBeyondMaxPendingAreRefusedAsUnavailable() {
    var registry = testKit.createTestProbe(PortRegistry.Command.class);
    ActorRef<PortRegistry.Command> batcher = batcherBefore(registry, 2);
    var queued = testKit.createTestProbe(AllocateReply.class);
    var refused = testKit.createTestProbe(AllocateReply.class);
    batcher.tell(new PortRegistry.Allocate(request("dev"), queued.getRef()));
    registry.expectMessageClass(PortRegistry.ApplyBatch.class);
    batcher.tell(new PortRegistry.Allocate(request("dev"), queued.getRef()));
    batcher.tell(new PortRegistry.Allocate(request("dev"), queued.getRef()));

    batcher.tell(new PortRegistry.Allocate(request("dev"), refused.getRef()));

    var rejected = refused.expectMessageClass(AllocateReply.AllocateRejected.class);
    assertEquals(ErrorCode.REGISTRY_UNAVAILABLE, rejected.code());
    queued.expectNoMessage();
  }

  @Test
  void releasesBeyondMaxPendingAreRefusedAsUnavailable() {
    var registry = testKit.createTestProbe(PortRegistry.Command.class);
    ActorRef<PortRegistry.Command> batcher = batcherBefore(registry, 1);
    var queued = testKit.createTestProbe(AllocateReply.class);
    var refused = testKit.createTestProbe(ReleaseReply.class);
    batcher.tell(new PortRegistry.Allocate(request("dev"), queued.getRef()));
    registry.expectMessageClass(PortRegistry.ApplyBatch.class);
    batcher.tell(new PortRegistry.Allocate(request("dev"), queued.getRef()));

    batcher.tell(new PortRegistry.Release(AllocationId.random(), "released", "r", "http",
        refused.getRef()));

    assertEquals(ErrorCode.REGISTRY_UNAVAILABLE,
        refused.expectMessageClass(ReleaseReply.ReleaseRejected.class).code());
  }

  @Test
  void instanceCommandsPassThroughTheBatcher() {
    ActorRef<PortRegistry.Command> batcher = batcher(settings(100, 50, 100));
    TestProbe<InstanceReply> replies =
        testKit.createTestProbe(InstanceReply.class);
    TestProbe<InstanceReply.InstanceList> lists =
        testKit.createTestProbe(InstanceReply.InstanceList.class);

    batcher.tell(new PortRegistry.RegisterInstance("agent-1", null, "{}", null, "r", "http",
        replies.getRef()));
    replies.expectMessageClass(InstanceReply.Registered.class);
    batcher.tell(new PortRegistry.InstanceHeartbeat("agent-1", replies.getRef()));
    replies.expectMessageClass(InstanceReply.HeartbeatRecorded.class);
    batcher.tell(new PortRegistry.ListInstances(lists.getRef()));
    assertEquals(1, lists.receiveMessage().instances().size());
    batcher.tell(new PortRegistry.DeregisterInstance("agent-1", "r", "http", replies.getRef()));
    replies.expectMessageClass(InstanceReply.Deregistered.class);
  }

  @Test
  void leaseRenewalsAndCleanupsPassThroughTheBatcher() {
    ActorRef<PortRegistry.Command> batcher = batcher(settings(100, 50, 100));
    var client = testKit.createTestProbe(AllocateReply.class);
    var leases = testKit.createTestProbe(LeaseReply.class);
    var cleanups = testKit.createTestProbe(Cleaned.class);
    batcher.tell(new PortRegistry.Allocate(leased("dev", 60), client.getRef()));
    Allocation a = client.expectMessageClass(AllocateReply.Allocated.class).allocation();

    batcher.tell(new PortRegistry.RenewLease(a.id(), "r", "http", leases.getRef()));
    assertEquals(a.id(), leases.expectMessageClass(LeaseReply.Renewed.class).allocation().id());
    batcher.tell(new PortRegistry.Cleanup(true, "r", "http", cleanups.getRef()));

    assertEquals(1, cleanups.receiveMessage().count());
  }

  @Test
  void renewalsBeyondMaxPendingAreRefusedAsUnavailable() {
    var registry = testKit.createTestProbe(PortRegistry.Command.class);
    ActorRef<PortRegistry.Command> batcher = batcherBefore(registry, 1);
    var queued = testKit.createTestProbe(AllocateReply.class);
    var refused = testKit.createTestProbe(LeaseReply.class);
    batcher.tell(new PortRegistry.Allocate(request("dev"), queued.getRef()));
    registry.expectMessageClass(PortRegistry.ApplyBatch.class);
    batcher.tell(new PortRegistry.Allocate(request("dev"), queued.getRef()));

    batcher.tell(new PortRegistry.RenewLease(AllocationId.random(), "r", "http",
        refused.getRef()));

    assertEquals(ErrorCode.REGISTRY_UNAVAILABLE,
        refused.expectMessageClass(LeaseReply.LeaseRejected.class).code());
  }

  private static AllocationRequest leased(String type, int ttlSeconds) {
    return new AllocationRequest(type, null, null, null, null, null, false, "test-agent",
        "127.0.0.1", "req-1", "http", null, null, ttlSeconds);
  }
}
