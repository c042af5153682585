package dev.styxy.actors;

import static dev.styxy.actors.RegistryFixtures.deps;
import static dev.styxy.actors.RegistryFixtures.inMemoryPersistence;
import static dev.styxy.actors.RegistryFixtures.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.styxy.persistence.Allocation;
import dev.styxy.persistence.InstanceRegistered;
import dev.styxy.persistence.ErrorCode;
import dev.styxy.persistence.PortAllocated;
import dev.styxy.persistence.RegistryEvent;
import dev.styxy.persistence.RegistryState;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.apache.pekko.persistence.testkit.javadsl.SnapshotTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Importing an original {@code daemon.state} through {@link PortRegistry.ImportState}. */
class PortRegistryImportTest {
  private static final ActorTestKit testKit = ActorTestKit.create("PortRegistryImportTest",
      EventSourcedBehaviorTestKit.config().withFallback(inMemoryPersistence()));
  private static final String STATE = """
      {"allocations":[
         {"service_type":"dev","service_name":"my-app","instance_id":"claude-1","port":3000,
          "lockId":"e206bc6e-5d1a-4c1e-9a8f-3f4e2b1c0d9a","process_id":16754},
         {"service_type":"dev","port":3001},
         {"service_type":"gone","port":3002}],
       "instances":[{"id":"claude-code-1","metadata":{"agent":"claude-code"}},
         {"id":"bad id"}]}
      """;

  private EventSourcedBehaviorTestKit<PortRegistry.Command, RegistryEvent, RegistryState> registry;

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void emptyJournal() {
    PersistenceTestKit.create(testKit.system()).clearAll();
    SnapshotTestKit.create(testKit.system()).clearAll();
    registry = EventSourcedBehaviorTestKit.create(testKit.system(), PortRegistry.create(deps()));
  }

  private EventSourcedBehaviorTestKit.CommandResultWithReply<PortRegistry.Command, RegistryEvent,
      RegistryState, StateImported> importState() {
    return registry.runCommand(
        replyTo -> new PortRegistry.ImportState(STATE.getBytes(StandardCharsets.UTF_8),
            "/home/u/.styxy/daemon.state", "req-i", "cli", replyTo));
  }

  @Test
  void importJournalsAllocationsAndInstancesInOneWriteAndRepliesWithCounts() {
    var result = importState();

    assertEquals(3, result.events().size());
    PortAllocated first = assertInstanceOf(PortAllocated.class, result.events().get(0));
    assertEquals("imported", first.reason());
    assertEquals("cli", first.actor());
    assertNull(first.allocation().pid());
    InstanceRegistered instance =
        assertInstanceOf(InstanceRegistered.class, result.events().get(2));
    assertEquals("{\"agent\":\"claude-code\"}", instance.metadataJson());
    StateImported reply = result.reply();
    assertNull(reply.refused());
    assertEquals(2, reply.allocations());
    assertEquals(1, reply.instances());
    assertEquals(2, reply.skipped().size(), String.join("\n", reply.skipped()));
    assertEquals("Imported 2 allocation(s) and 1 instance(s); skipped 2 record(s)",
        reply.message());
    assertEquals("e206bc6e-5d1a-4c1e-9a8f-3f4e2b1c0d9a",
        result.state().atPort(3000).orElseThrow().id().value());
  }

  @Test
  void importedStateSurvivesARestart() {
    importState();

    registry.restart();

    RegistryState state = registry.getState();
    assertEquals(List.of(3000, 3001), state.allocations().stream().map(Allocation::port)
        .toList());
    assertTrue(state.instance("claude-code-1").isPresent());
  }

  @Test
  void importingTwiceImportsNothingTheSecondTime() {
    importState();

    var again = importState();

    assertEquals(0, again.events().size());
    assertEquals(0, again.reply().allocations());
    assertEquals(0, again.reply().instances());
    assertTrue(again.reply().skipped().contains("instance claude-code-1: already registered"));
  }

  @Test
  void portsAllocatedBeforeTheImportKeepTheirAllocation() {
    Allocation existing = registry.<AllocateReply>runCommand(
        replyTo -> new PortRegistry.Allocate(request("dev"), replyTo))
        .replyOfType(AllocateReply.Allocated.class).allocation();
    assertEquals(3000, existing.port());

    StateImported reply = importState().reply();

    assertEquals(1, reply.allocations());
    assertTrue(reply.skipped().contains("allocation on port 3000: already allocated (lock id "
        + existing.id() + ")"), String.join("\n", reply.skipped()));
    assertEquals(existing.id(), registry.getState().atPort(3000).orElseThrow().id());
  }

  @Test
  void contentThatIsNotAStateFileIsRefusedAndNothingIsJournaled() {
    var result = registry.<StateImported>runCommand(replyTo -> new PortRegistry.ImportState(
        "[1,2]".getBytes(StandardCharsets.UTF_8), "/tmp/x.state", "req-i", "cli", replyTo));

    assertEquals(0, result.events().size());
    assertEquals(ErrorCode.INVALID_ARGUMENT, result.reply().refused());
    assertEquals("Cannot import /tmp/x.state: the state file must hold a JSON object, was array",
        result.reply().message());
  }

  @Test
  void startupImportRunsOnceAfterTheFirstReplayOnly() {
    RegistryDependencies d = deps().withRecovery(new RegistryDependencies.Recovery(null,
        (port, owner) -> Optional.empty(), true, new LiveWatchers(),
        StartupImport.of(STATE.getBytes(StandardCharsets.UTF_8), "/h/daemon.state")));
    var started = EventSourcedBehaviorTestKit.<PortRegistry.Command, RegistryEvent,
        RegistryState>create(testKit.system(), PortRegistry.create(d));

    // The import is the first command after replay; a read during replay may come before it.
    testKit.createTestProbe().awaitAssert(() -> {
      assertEquals(2, started.getState().size());
      return null;
    });
    RegistryState imported = started.getState();
    PortAllocated first = (PortAllocated) PersistenceTestKit.create(testKit.system())
        .persistedInStorage(PortRegistry.PERSISTENCE_ID.id()).get(0);
    assertEquals("recovery", first.actor());
    started.<ReleaseReply>runCommand(replyTo -> new PortRegistry.Release(
        imported.atPort(3001).orElseThrow().id(), "released", "r", "http", replyTo));

    started.restart();

    assertEquals(List.of(3000), started.getState().allocations().stream()
        .map(Allocation::port).toList(), "a restart does not import the file again");
  }
}
