package dev.styxy.actors;

import static dev.styxy.actors.RegistryFixtures.CATALOG;
import static dev.styxy.actors.RegistryFixtures.deps;
import static dev.styxy.actors.RegistryFixtures.inMemoryPersistence;
import static dev.styxy.actors.RegistryFixtures.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.styxy.config.InstanceBehavior;
import dev.styxy.config.ServiceCatalog;
import dev.styxy.config.ServiceType;
import dev.styxy.persistence.ErrorCode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** {@link PortRegistry.ReloadCatalog}: the new catalog decides at once and survives a restart. */
class PortRegistryReloadTest {
  private static final ActorTestKit testKit = ActorTestKit.create("PortRegistryReloadTest",
      inMemoryPersistence());

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  private static AllocateReply allocate(ActorRef<PortRegistry.Command> registry, String type) {
    TestProbe<AllocateReply> reply = testKit.createTestProbe();
    registry.tell(new PortRegistry.Allocate(request(type), reply.getRef()));
    return reply.receiveMessage();
  }

  @Test
  void aReloadedTypeIsAllocatedFromAtOnceAndAfterARestart() {
    RegistryFixtures.emptyJournal(testKit);
    RegistryDependencies deps = deps();
    ActorRef<PortRegistry.Command> registry = testKit.spawn(PortRegistry.create(deps));
    AllocateReply before = allocate(registry, "grafana");
    assertEquals(ErrorCode.UNKNOWN_SERVICE_TYPE,
        assertInstanceOf(AllocateReply.AllocateRejected.class, before).code());

    Map<String, ServiceType> types = new LinkedHashMap<>(CATALOG.types());
    types.put("grafana", RegistryFixtures.type("grafana", List.of(), 13000, 13009,
        InstanceBehavior.MULTI));
    TestProbe<CatalogReloaded> reloaded = testKit.createTestProbe();
    registry.tell(new PortRegistry.ReloadCatalog(
        new ServiceCatalog(types, CATALOG.autoAllocation()), "req", "cli", reloaded.getRef()));
    assertEquals(types.size(), reloaded.receiveMessage().types());
    assertEquals(13000, assertInstanceOf(AllocateReply.Allocated.class,
        allocate(registry, "grafana")).allocation().port());

    testKit.stop(registry);
    ActorRef<PortRegistry.Command> restarted = testKit.spawn(PortRegistry.create(deps));
    assertEquals(13001, assertInstanceOf(AllocateReply.Allocated.class,
        allocate(restarted, "grafana")).allocation().port());
  }
}
