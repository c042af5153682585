package dev.styxy.actors;

import static dev.styxy.actors.RegistryFixtures.deps;
import static dev.styxy.actors.RegistryFixtures.dryRun;
import static dev.styxy.actors.RegistryFixtures.inMemoryPersistence;
import static dev.styxy.actors.RegistryFixtures.named;
import static dev.styxy.actors.RegistryFixtures.request;
import static dev.styxy.actors.RegistryFixtures.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.styxy.persistence.Allocation;
import dev.styxy.persistence.AllocationId;
import dev.styxy.persistence.ErrorCode;
import dev.styxy.persistence.PortAllocated;
import dev.styxy.persistence.PortReleased;
import dev.styxy.persistence.RegistryEvent;
import dev.styxy.persistence.RegistryState;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PortRegistryTest {
  private static final ActorTestKit testKit = ActorTestKit.create("PortRegistryTest",
      EventSourcedBehaviorTestKit.config().withFallback(inMemoryPersistence()));

  private EventSourcedBehaviorTestKit<PortRegistry.Command, RegistryEvent, RegistryState> registry;

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  /** Every test starts from an empty journal: the registry's persistence id is fixed. */
  @BeforeEach
  void emptyJournal() {
    RegistryFixtures.emptyJournal(testKit);
    registry = RegistryFixtures.esRegistry(testKit, deps());
  }

  private Allocation allocate(String type) {
    var result = registry.<AllocateReply>runCommand(
        replyTo -> new PortRegistry.Allocate(request(type), replyTo));
    return result.replyOfType(AllocateReply.Allocated.class).allocation();
  }

  private TestProbe<AllocateReply> allocateProbe() {
    return testKit.createTestProbe(AllocateReply.class);
  }

  @Test
  void allocateRepliesAllocatedAndPersistsPortAllocated() {
    var result = registry.<AllocateReply>runCommand(
        replyTo -> new PortRegistry.Allocate(request("dev"), replyTo));

    Allocation a = result.replyOfType(AllocateReply.Allocated.class).allocation();
    assertEquals(3000, a.port());
    assertEquals(a, result.eventOfType(PortAllocated.class).allocation());
    assertEquals(Optional.of(a), result.state().atPort(3000));
  }

  @Test
  void allocatedReplyCarriesMessageAndReasonTrail() {
    var reply = registry.<AllocateReply>runCommand(
        replyTo -> new PortRegistry.Allocate(request("dev"), replyTo))
        .replyOfType(AllocateReply.Allocated.class);

    assertEquals("Port 3000 allocated for dev service", reply.message());
    assertEquals(List.of("chose 3000"), reply.reasons());
  }

  @Test
  void releaseRepliesReleasedAndPersistsPortReleased() {
    Allocation a = allocate("dev");

    var result = registry.<ReleaseReply>runCommand(
        replyTo -> new PortRegistry.Release(a.id(), "released", "req-9", "http", replyTo));

    assertEquals(new ReleaseReply.Released(a, "Port 3000 released"), result.reply());
    PortReleased event = result.eventOfType(PortReleased.class);
    assertEquals(List.of(a.id(), 3000, "released"),
        List.of(event.id(), event.port(), event.reason()));
    assertEquals(0, result.state().size());
  }

  @Test
  void releaseOfUnknownLockIsRejectedWithoutEvent() {
    allocate("dev");
    AllocationId unknown = AllocationId.random();

    var result = registry.<ReleaseReply>runCommand(
        replyTo -> new PortRegistry.Release(unknown, "released", "req-9", "http", replyTo));

    var rejected = result.replyOfType(ReleaseReply.ReleaseRejected.class);
    assertEquals(ErrorCode.ALLOCATION_NOT_FOUND, rejected.code());
    assertEquals("Lock ID " + unknown + " not found", rejected.message());
    assertTrue(result.hasNoEvents());
  }

  @Test
  void dryRunRepliesWithThePortAndPersistsNothing() {
    allocate("dev");

    var result = registry.<AllocateReply>runCommand(
        replyTo -> new PortRegistry.Allocate(dryRun("dev"), replyTo));

    assertEquals(3001, result.replyOfType(AllocateReply.DryRunResult.class).port());
    assertTrue(result.hasNoEvents());
  }

  @Test
  void exhaustedRangeIsRejectedWithoutEvent() {
    allocate("tiny");
    allocate("tiny");
    allocate("tiny");

    var result = registry.<AllocateReply>runCommand(
        replyTo -> new PortRegistry.Allocate(request("tiny"), replyTo));

    assertEquals(ErrorCode.RANGE_EXHAUSTED,
        result.replyOfType(AllocateReply.AllocateRejected.class).code());
    assertTrue(result.hasNoEvents());
  }

  @Test
  void getStateRepliesWithTheCurrentState() {
    allocate("dev");
    allocate("dev");

    var result = registry.<StateView>runCommand(PortRegistry.GetState::new);

    assertEquals(registry.getState(), result.reply().state());
    assertEquals(2, result.reply().state().size());
  }

  @Test
  void applyBatchAllocatesDistinctPortsAndRepliesToEachClient() {
    var clients = List.of(allocateProbe(), allocateProbe(), allocateProbe());
    var batcher = testKit.createTestProbe(PortRegistry.BatchApplied.class);

    var result = registry.runCommand(new PortRegistry.ApplyBatch(clients.stream()
        .<PortRegistry.Mutation>map(c -> new PortRegistry.Allocate(request("dev"), c.getRef()))
        .toList(), 7, batcher.getRef()));

    List<Integer> ports = clients.stream()
        .map(c -> c.expectMessageClass(AllocateReply.Allocated.class).allocation().port())
        .toList();
    assertEquals(List.of(3000, 3001, 3002), ports);
    assertEquals(3, result.events().size());
    batcher.expectMessage(new PortRegistry.BatchApplied(7));
  }

  @Test
  void applyBatchDecidesEachMutationAgainstTheOnesBeforeIt() {
    Allocation first = allocate("dev");
    var releaser = testKit.createTestProbe(ReleaseReply.class);
    var client = allocateProbe();
    var batcher = testKit.createTestProbe(PortRegistry.BatchApplied.class);

    registry.runCommand(new PortRegistry.ApplyBatch(List.of(
        new PortRegistry.Release(first.id(), "released", "req-9", "http", releaser.getRef()),
        new PortRegistry.Allocate(request("dev"), client.getRef())), 1, batcher.getRef()));

    releaser.expectMessageClass(ReleaseReply.Released.class);
    assertEquals(3000,
        client.expectMessageClass(AllocateReply.Allocated.class).allocation().port());
  }

  @Test
  void applyBatchWithRejectionsPersistsOnlyTheAcceptedMutations() {
    var accepted = List.of(allocateProbe(), allocateProbe(), allocateProbe());
    var exhausted = allocateProbe();
    var unknownType = allocateProbe();
    var unknownLock = testKit.createTestProbe(ReleaseReply.class);
    var batcher = testKit.createTestProbe(PortRegistry.BatchApplied.class);
    List<PortRegistry.Mutation> mutations = List.of(
        new PortRegistry.Allocate(request("tiny"), accepted.get(0).getRef()),
        new PortRegistry.Allocate(request("nope"), unknownType.getRef()),
        new PortRegistry.Allocate(request("tiny"), accepted.get(1).getRef()),
        new PortRegistry.Release(AllocationId.random(), "released", "r", "http",
            unknownLock.getRef()),
        new PortRegistry.Allocate(request("tiny"), accepted.get(2).getRef()),
        new PortRegistry.Allocate(request("tiny"), exhausted.getRef()));

    var result = registry.runCommand(new PortRegistry.ApplyBatch(mutations, 3, batcher.getRef()));

    assertEquals(List.of(5000, 5001, 5002), result.events().stream()
        .map(e -> ((PortAllocated) e).allocation().port()).toList());
    accepted.forEach(c -> c.expectMessageClass(AllocateReply.Allocated.class));
    assertEquals(ErrorCode.RANGE_EXHAUSTED,
        exhausted.expectMessageClass(AllocateReply.AllocateRejected.class).code());
    assertEquals(ErrorCode.UNKNOWN_SERVICE_TYPE,
        unknownType.expectMessageClass(AllocateReply.AllocateRejected.class).code());
    assertEquals(ErrorCode.ALLOCATION_NOT_FOUND,
        unknownLock.expectMessageClass(ReleaseReply.ReleaseRejected.class).code());
    batcher.expectMessage(new PortRegistry.BatchApplied(3));
  }

  @Test
  void applyBatchWithoutAcceptedMutationsStillAcknowledgesTheBatcher() {
    var client = allocateProbe();
    var batcher = testKit.createTestProbe(PortRegistry.BatchApplied.class);

    var result = registry.runCommand(new PortRegistry.ApplyBatch(List.of(
        new PortRegistry.Allocate(request("nope"), client.getRef())), 4, batcher.getRef()));

    assertTrue(result.hasNoEvents());
    client.expectMessageClass(AllocateReply.AllocateRejected.class);
    batcher.expectMessage(new PortRegistry.BatchApplied(4));
  }

  @Test
  void restartReplaysTheJournalIntoTheSameState() {
    allocate("dev");
    Allocation released = allocate("dev");
    allocate("tiny");
    registry.<ReleaseReply>runCommand(
        replyTo -> new PortRegistry.Release(released.id(), "released", "r", "http", replyTo));
    RegistryState before = registry.getState();

    RegistryState after = registry.restart().state();

    assertEquals(before, after);
    assertEquals(2, after.size());
  }

  @Test
  void restartedRegistryKeepsAllocatingAfterTheRecoveredPorts() {
    allocate("dev");
    registry.restart();

    assertEquals(3001, allocate("dev").port());
  }

  @Test
  void batchCrossingTheSnapshotIntervalTakesASnapshot() {
    var snapshotEvery5 = EventSourcedBehaviorTestKit.<PortRegistry.Command, RegistryEvent,
        RegistryState>create(testKit.system(), PortRegistry.create(deps(settings(5, 50, 100))));
    var batcher = testKit.createTestProbe(PortRegistry.BatchApplied.class);
    List<PortRegistry.Mutation> seven = IntStream.range(0, 7)
        .<PortRegistry.Mutation>mapToObj(i -> new PortRegistry.Allocate(request("dev"),
            allocateProbe().getRef()))
        .toList();

    var result = snapshotEvery5.runCommand(new PortRegistry.ApplyBatch(seven, 1,
        batcher.getRef()));

    batcher.expectMessage(new PortRegistry.BatchApplied(1));
    var snapshots = snapshotEvery5.snapshotTestKit().orElseThrow();
    assertEquals(result.state(), snapshots.expectNextPersistedClass(
        PortRegistry.PERSISTENCE_ID.id(), RegistryState.class));
  }

  @Test
  void namedClaimRepeatedWithinABatchIsAllocatedOnce() {
    var first = allocateProbe();
    var second = allocateProbe();
    var batcher = testKit.createTestProbe(PortRegistry.BatchApplied.class);

    var result = registry.runCommand(new PortRegistry.ApplyBatch(List.of(
        new PortRegistry.Allocate(named("dev", "web"), first.getRef()),
        new PortRegistry.Allocate(named("dev", "web"), second.getRef())), 1, batcher.getRef()));

    Allocation a = first.expectMessageClass(AllocateReply.Allocated.class).allocation();
    assertEquals(a, second.expectMessageClass(AllocateReply.Existing.class).allocation());
    assertEquals(1, result.events().size());
  }
}
