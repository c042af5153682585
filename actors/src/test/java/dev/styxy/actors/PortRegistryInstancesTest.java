package dev.styxy.actors;

import static dev.styxy.actors.RegistryFixtures.ALL_FREE;
import static dev.styxy.actors.RegistryFixtures.CATALOG;
import static dev.styxy.actors.RegistryFixtures.DAEMON_PORT;
import static dev.styxy.actors.RegistryFixtures.NOW;
import static dev.styxy.actors.RegistryFixtures.inMemoryPersistence;
import static dev.styxy.actors.RegistryFixtures.named;
import static dev.styxy.actors.RegistryFixtures.request;
import static dev.styxy.actors.RegistryFixtures.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.styxy.persistence.Allocation;
import dev.styxy.persistence.AllocationRequest;
import dev.styxy.persistence.ErrorCode;
import dev.styxy.persistence.Instance;
import dev.styxy.persistence.InstanceDeregistered;
import dev.styxy.persistence.InstanceRegistered;
import dev.styxy.persistence.PortReleased;
import dev.styxy.persistence.RegistryEvent;
import dev.styxy.persistence.RegistryState;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The agent-instance registry inside {@link PortRegistry}: journaled registrations, live beats. */
class PortRegistryInstancesTest {
  private static final ActorTestKit testKit = ActorTestKit.create("PortRegistryInstancesTest",
      EventSourcedBehaviorTestKit.config().withFallback(inMemoryPersistence()));
  private static final String META = "{\"agent\":\"claude-code\",\"features\":[\"cypress\"]}";

  private EventSourcedBehaviorTestKit<PortRegistry.Command, RegistryEvent, RegistryState> registry;
  private TickingClock clock;

  /** Advances one second on every read, so each decision gets a distinct time. */
  private static final class TickingClock extends Clock {
    private final AtomicLong seconds = new AtomicLong();

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return NOW.plusSeconds(seconds.getAndIncrement());
    }
  }

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void emptyJournal() {
    RegistryFixtures.emptyJournal(testKit);
    clock = new TickingClock();
    registry = RegistryFixtures.esRegistry(testKit, new RegistryDependencies(CATALOG,
        settings(100, 50, 100), ALL_FREE, DAEMON_PORT, clock));
  }

  private EventSourcedBehaviorTestKit.CommandResultWithReply<PortRegistry.Command, RegistryEvent,
      RegistryState, InstanceReply> register(String id) {
    return registry.runCommand(replyTo -> new PortRegistry.RegisterInstance(id, "/home/u/proj",
        META, 4242L, "req-r", "http", replyTo));
  }

  private InstanceReply deregister(String id) {
    return registry.<InstanceReply>runCommand(
        replyTo -> new PortRegistry.DeregisterInstance(id, "req-d", "http", replyTo)).reply();
  }

  private List<InstanceReply.InstanceEntry> list() {
    return registry.<InstanceReply.InstanceList>runCommand(PortRegistry.ListInstances::new)
        .reply().instances();
  }

  private Allocation allocate(AllocationRequest request) {
    return registry.<AllocateReply>runCommand(
        replyTo -> new PortRegistry.Allocate(request, replyTo))
        .replyOfType(AllocateReply.Allocated.class).allocation();
  }

  @Test
  void registerJournalsInstanceRegisteredAndRepliesRegistered() {
    var result = register("claude-a");

    InstanceRegistered event = result.eventOfType(InstanceRegistered.class);
    assertEquals(META, event.metadataJson());
    assertEquals("registered", event.reason());
    var reply = assertInstanceOf(InstanceReply.Registered.class, result.reply());
    assertEquals("Instance claude-a registered", reply.message());
    assertEquals(new Instance("claude-a", "/home/u/proj", META, 4242L, event.at(), event.at()),
        reply.instance());
  }

  @Test
  void registeringAgainOverwritesAndResetsRegistrationTime() {
    Instant first = register("claude-a").eventOfType(InstanceRegistered.class).at();
    registry.<InstanceReply>runCommand(
        replyTo -> new PortRegistry.RegisterInstance("claude-a", null, "{}", null, "req-2", "cli",
            replyTo));

    Instance now = list().get(0).instance();
    assertTrue(now.registeredAt().isAfter(first));
    assertEquals(null, now.workingDirectory());
    assertEquals(1, list().size());
  }

  @Test
  void deregisterReleasesTheInstancesAllocationsInTheSameWrite() {
    register("claude-a");
    Allocation mine = allocate(named("dev", "web"));
    Allocation other = allocate(request("dev"));

    var result = registry.<InstanceReply>runCommand(
        replyTo -> new PortRegistry.DeregisterInstance("claude-a", "req-d", "http", replyTo));

    assertEquals(2, result.events().size());
    PortReleased released = assertInstanceOf(PortReleased.class, result.events().get(0));
    assertEquals(mine.id(), released.id());
    assertEquals("instance_gone", released.reason());
    assertInstanceOf(InstanceDeregistered.class, result.events().get(1));
    var reply = assertInstanceOf(InstanceReply.Deregistered.class, result.reply());
    assertEquals(1, reply.released());
    assertEquals(List.of(other), result.state().allocations());
    assertEquals(0, result.state().instanceCount());
  }

  @Test
  void deregisterOfAnUnknownInstanceIsInstanceNotFound() {
    var reply = assertInstanceOf(InstanceReply.InstanceRejected.class, deregister("ghost"));

    assertEquals(ErrorCode.INSTANCE_NOT_FOUND, reply.code());
  }

  @Test
  void heartbeatUpdatesTheListWithoutJournaling() {
    Instant registered = register("claude-a").eventOfType(InstanceRegistered.class).at();

    var result = registry.<InstanceReply>runCommand(
        replyTo -> new PortRegistry.InstanceHeartbeat("claude-a", replyTo));

    assertTrue(result.hasNoEvents());
    var beat = assertInstanceOf(InstanceReply.HeartbeatRecorded.class, result.reply());
    assertTrue(beat.lastHeartbeat().isAfter(registered));
    Instance listed = list().get(0).instance();
    assertEquals(beat.lastHeartbeat(), listed.lastHeartbeat());
    assertEquals(registered, listed.registeredAt());
  }

  @Test
  void heartbeatOfAnUnknownInstanceIsInstanceNotFound() {
    var result = registry.<InstanceReply>runCommand(
        replyTo -> new PortRegistry.InstanceHeartbeat("ghost", replyTo));

    var reply = assertInstanceOf(InstanceReply.InstanceRejected.class, result.reply());
    assertEquals(ErrorCode.INSTANCE_NOT_FOUND, reply.code());
    assertEquals("Instance not found", reply.message());
  }

  @Test
  void listNamesTheLockIdsOfEachInstancesLiveAllocationsOrderedById() {
    register("zeta");
    register("claude-a");
    Allocation mine = allocate(named("dev", "web"));
    allocate(request("dev"));

    List<InstanceReply.InstanceEntry> entries = list();

    assertEquals(List.of("claude-a", "zeta"),
        entries.stream().map(e -> e.instance().id()).toList());
    assertEquals(List.of(mine.id()), entries.get(0).activeAllocations());
    assertEquals(List.of(), entries.get(1).activeAllocations());
  }

  @Test
  void restartKeepsInstancesWithRegistrationTimeAsLastHeartbeat() {
    Instant registered = register("claude-a").eventOfType(InstanceRegistered.class).at();
    registry.<InstanceReply>runCommand(
        replyTo -> new PortRegistry.InstanceHeartbeat("claude-a", replyTo));

    registry.restart();

    Instance listed = list().get(0).instance();
    assertEquals("claude-a", listed.id());
    assertEquals(META, listed.metadataJson());
    assertEquals(registered, listed.lastHeartbeat());
  }
}
