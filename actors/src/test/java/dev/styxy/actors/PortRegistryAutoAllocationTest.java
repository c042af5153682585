package dev.styxy.actors;

import static dev.styxy.actors.RegistryFixtures.AUTO_CATALOG;
import static dev.styxy.actors.RegistryFixtures.deps;
import static dev.styxy.actors.RegistryFixtures.dryRun;
import static dev.styxy.actors.RegistryFixtures.inMemoryPersistence;
import static dev.styxy.actors.RegistryFixtures.request;
import static dev.styxy.actors.RegistryFixtures.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.styxy.config.PortRange;
import dev.styxy.persistence.ErrorCode;
import dev.styxy.persistence.PortAllocated;
import dev.styxy.persistence.RegistryEvent;
import dev.styxy.persistence.RegistryState;
import dev.styxy.persistence.ServiceTypeAutoAllocated;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Unknown service types get their own range inside the registry, journaled with the allocation. */
class PortRegistryAutoAllocationTest {
  private static final ActorTestKit testKit = ActorTestKit.create("PortRegistryAutoTest",
      EventSourcedBehaviorTestKit.config().withFallback(inMemoryPersistence()));

  private EventSourcedBehaviorTestKit<PortRegistry.Command, RegistryEvent, RegistryState> registry;

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void emptyJournal() {
    RegistryFixtures.emptyJournal(testKit);
    registry = RegistryFixtures.esRegistry(testKit, deps(AUTO_CATALOG, settings(100, 50, 100)));
  }

  private EventSourcedBehaviorTestKit.CommandResultWithReply<PortRegistry.Command, RegistryEvent,
      RegistryState, AllocateReply> allocate(String type) {
    return registry.runCommand(replyTo -> new PortRegistry.Allocate(request(type), replyTo));
  }

  /** Applies one batch of allocations, one client each, and returns the clients' replies. */
  private List<AllocateReply> batch(List<String> types) {
    List<TestProbe<AllocateReply>> clients = types.stream()
        .map(t -> testKit.createTestProbe(AllocateReply.class)).toList();
    List<PortRegistry.Mutation> mutations = new ArrayList<>();
    for (int i = 0; i < types.size(); i++) {
      mutations.add(new PortRegistry.Allocate(request(types.get(i)), clients.get(i).getRef()));
    }
    var batcher = testKit.createTestProbe(PortRegistry.BatchApplied.class);
    registry.runCommand(new PortRegistry.ApplyBatch(mutations, 1, batcher.getRef()));
    batcher.expectMessage(new PortRegistry.BatchApplied(1));
    return clients.stream().map(c -> c.expectMessageClass(AllocateReply.class)).toList();
  }

  @Test
  void unknownTypeIsCreatedAndAllocatedInOneWrite() {
    var result = allocate("grafana");

    assertEquals(2, result.events().size());
    ServiceTypeAutoAllocated created = (ServiceTypeAutoAllocated) result.events().get(0);
    assertEquals(new PortRange(21010, 21019), created.portRange());
    assertEquals("auto-allocation", created.actor());
    assertEquals("req-1", created.requestId());
    assertEquals(21010, ((PortAllocated) result.events().get(1)).allocation().port());
    var reply = result.replyOfType(AllocateReply.Allocated.class);
    assertEquals(new AllocateReply.AutoAllocated(21010, 21019, 10, "after"),
        reply.autoAllocated());
  }

  @Test
  void laterRequestForTheNewTypeUsesItWithoutAutoAllocatedKeys() {
    allocate("grafana");
    var second = allocate("grafana");

    assertEquals(1, second.events().size());
    var reply = second.replyOfType(AllocateReply.Allocated.class);
    assertEquals(21011, reply.allocation().port());
    assertNull(reply.autoAllocated());
  }

  @Test
  void fiftyNewTypesInOneBatchGetFiftyDisjointRanges() {
    List<String> types = IntStream.range(0, 50).mapToObj(i -> "svc-" + i).toList();
    List<AllocateReply> replies = batch(types);

    List<PortRange> ranges = new ArrayList<>();
    for (AllocateReply r : replies) {
      AllocateReply.Allocated a = (AllocateReply.Allocated) r;
      PortRange range = new PortRange(a.autoAllocated().rangeStart(),
          a.autoAllocated().rangeEnd());
      assertTrue(range.contains(a.allocation().port()), range + " " + a.allocation().port());
      ranges.add(range);
    }
    for (int i = 0; i < ranges.size(); i++) {
      for (int j = i + 1; j < ranges.size(); j++) {
        assertTrue(!ranges.get(i).overlaps(ranges.get(j)), ranges.get(i) + " " + ranges.get(j));
      }
    }
    assertEquals(50, registry.getState().autoTypes().size());
  }

  @Test
  void sameNewTypeTenTimesInOneBatchIsCreatedOnce() {
    List<AllocateReply> replies = batch(IntStream.range(0, 10).mapToObj(i -> "grafana").toList());

    assertEquals(1, registry.getState().autoTypes().size());
    List<AllocateReply.Allocated> allocated = replies.stream()
        .map(AllocateReply.Allocated.class::cast).toList();
    assertEquals(1, allocated.stream().filter(a -> a.autoAllocated() != null).count());
    assertEquals(IntStream.rangeClosed(21010, 21019).boxed().toList(),
        allocated.stream().map(a -> a.allocation().port()).sorted().toList());
  }

  @Test
  void restartKeepsAutoAllocatedTypes() {
    allocate("grafana");

    RegistryState after = registry.restart().state();

    assertEquals(new PortRange(21010, 21019), after.autoType("grafana").orElseThrow().range());
    assertEquals(1, allocate("grafana").events().size());
  }

  @Test
  void invalidNameIsRejectedAndNothingIsJournaled() {
    var result = allocate("bad_type!");

    assertTrue(result.hasNoEvents());
    assertEquals(ErrorCode.INVALID_ARGUMENT,
        result.replyOfType(AllocateReply.AllocateRejected.class).code());
  }

  @Test
  void dryRunForAnUnknownTypeShowsThePortAndJournalsNothing() {
    var result = registry.<AllocateReply>runCommand(
        replyTo -> new PortRegistry.Allocate(dryRun("grafana"), replyTo));

    assertTrue(result.hasNoEvents());
    assertEquals(21010, result.replyOfType(AllocateReply.DryRunResult.class).port());
    assertTrue(result.state().autoTypes().isEmpty());
  }
}
