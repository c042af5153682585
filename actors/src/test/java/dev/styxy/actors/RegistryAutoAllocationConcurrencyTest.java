package dev.styxy.actors;

import static dev.styxy.actors.RegistryFixtures.AUTO_CATALOG;
import static dev.styxy.actors.RegistryFixtures.deps;
import static dev.styxy.actors.RegistryFixtures.inMemoryPersistence;
import static dev.styxy.actors.RegistryFixtures.request;
import static dev.styxy.actors.RegistryFixtures.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.styxy.config.PortRange;
import dev.styxy.config.RegistrySettings;
import dev.styxy.persistence.ServiceTypeAutoAllocated;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Concurrent requests for new types through the batcher, against the real registry. */
class RegistryAutoAllocationConcurrencyTest {
  private static final ActorTestKit testKit = ActorTestKit.create("AutoConcurrencyTest",
      inMemoryPersistence());
  private static final PersistenceTestKit journal = PersistenceTestKit.create(testKit.system());

  private final List<ActorRef<?>> spawned = new ArrayList<>();

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void emptyJournal() {
    journal.clearAll();
  }

  @AfterEach
  void stopActors() {
    spawned.forEach(testKit::stop);
  }

  private ActorRef<PortRegistry.Command> batcher() {
    RegistrySettings settings = settings(1000, 8, 1000);
    ActorRef<PortRegistry.Command> registry =
        testKit.spawn(PortRegistry.create(deps(AUTO_CATALOG, settings)));
    ActorRef<PortRegistry.Command> batcher = testKit.spawn(
        RegistryBatcher.create(registry, settings, Duration.ofSeconds(5)));
    spawned.add(batcher);
    spawned.add(registry);
    return batcher;
  }

  private List<ServiceTypeAutoAllocated> journaledTypes() {
    return journal.persistedInStorage(PortRegistry.PERSISTENCE_ID.id()).stream()
        .filter(ServiceTypeAutoAllocated.class::isInstance)
        .map(ServiceTypeAutoAllocated.class::cast).toList();
  }

  @Test
  void fiftyConcurrentNewTypesGetFiftyDisjointRanges() {
    ActorRef<PortRegistry.Command> batcher = batcher();
    List<TestProbe<AllocateReply>> clients = IntStream.range(0, 50)
        .mapToObj(i -> testKit.createTestProbe(AllocateReply.class)).toList();

    IntStream.range(0, 50).parallel().forEach(i -> batcher.tell(
        new PortRegistry.Allocate(request("new-" + i), clients.get(i).getRef())));

    clients.forEach(c -> c.expectMessageClass(AllocateReply.Allocated.class));
    List<ServiceTypeAutoAllocated> types = journaledTypes();
    assertEquals(50, types.size());
    assertEquals(50, new HashSet<>(types.stream().map(t -> t.serviceType()).toList()).size());
    List<PortRange> ranges = types.stream().map(ServiceTypeAutoAllocated::portRange).toList();
    for (int i = 0; i < ranges.size(); i++) {
      for (int j = i + 1; j < ranges.size(); j++) {
        assertFalse(ranges.get(i).overlaps(ranges.get(j)), ranges.get(i) + " " + ranges.get(j));
      }
    }
  }

  @Test
  void tenConcurrentRequestsForOneNewTypeCreateItOnce() {
    ActorRef<PortRegistry.Command> batcher = batcher();
    List<TestProbe<AllocateReply>> clients = IntStream.range(0, 10)
        .mapToObj(i -> testKit.createTestProbe(AllocateReply.class)).toList();

    clients.parallelStream().forEach(
        c -> batcher.tell(new PortRegistry.Allocate(request("grafana"), c.getRef())));

    List<AllocateReply.Allocated> replies = clients.stream()
        .map(c -> c.expectMessageClass(AllocateReply.Allocated.class)).toList();
    assertEquals(1, journaledTypes().size());
    assertEquals(1, replies.stream().filter(r -> r.autoAllocated() != null).count());
    assertEquals(10, new HashSet<>(replies.stream().map(r -> r.allocation().port()).toList())
        .size());
  }
}
