package dev.styxy.actors;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.styxy.config.AutoAllocationConfig;
import dev.styxy.config.InstanceBehavior;
import dev.styxy.config.PortRange;
import dev.styxy.config.RegistrySettings;
import dev.styxy.config.ServiceCatalog;
import dev.styxy.config.ServiceType;
import dev.styxy.persistence.AllocationRequest;
import dev.styxy.persistence.PortAvailability;
import dev.styxy.persistence.RegistryEvent;
import dev.styxy.persistence.RegistryState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.testkit.PersistenceTestKitPlugin;
import org.apache.pekko.persistence.testkit.PersistenceTestKitSnapshotPlugin;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.apache.pekko.persistence.testkit.javadsl.SnapshotTestKit;

/** Small catalogs, settings and requests shared by the actor tests. */
final class RegistryFixtures {
  static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
  static final int DAEMON_PORT = 9876;
  static final PortAvailability ALL_FREE = port -> Optional.empty();

  /** dev 3000-3099 (preferred 3000-3003), tiny 5000-5002, bulk 20000-20999, ai single. */
  static final Map<String, ServiceType> TYPES = Map.of(
      "dev", type("dev", List.of(3000, 3001, 3002, 3003), 3000, 3099, InstanceBehavior.MULTI),
      "tiny", type("tiny", List.of(), 5000, 5002, InstanceBehavior.MULTI),
      "bulk", type("bulk", List.of(), 20000, 20999, InstanceBehavior.MULTI),
      "ai", type("ai", List.of(11430), 11400, 11499, InstanceBehavior.SINGLE));

  /** {@link #TYPES} with auto-allocation off: unknown types are rejected. */
  static final ServiceCatalog CATALOG = new ServiceCatalog(TYPES,
      new AutoAllocationConfig(false, 10, "after", 10000, 65000, true, 10));

  /** {@link #TYPES} with auto-allocation on: new ranges go after bulk, from 21010 up. */
  static final ServiceCatalog AUTO_CATALOG = new ServiceCatalog(TYPES,
      new AutoAllocationConfig(true, 10, "after", 10000, 65000, true, 10));

  private RegistryFixtures() {}

  static ServiceType type(String name, List<Integer> preferred, int start, int end,
      InstanceBehavior behavior) {
    return new ServiceType(name, name + " services", preferred, new PortRange(start, end),
        behavior, List.of(), ServiceType.Source.CORE);
  }

  static RegistrySettings settings(int snapshotEvery, int maxBatchSize, int maxPending) {
    return new RegistrySettings(snapshotEvery, 2, Duration.ofMillis(50), Duration.ofMillis(200),
        maxBatchSize, maxPending, false);
  }

  static RegistryDependencies deps(RegistrySettings settings) {
    return deps(CATALOG, settings);
  }

  static RegistryDependencies deps(ServiceCatalog catalog, RegistrySettings settings) {
    return new RegistryDependencies(catalog, settings, ALL_FREE, DAEMON_PORT,
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  static RegistryDependencies deps() {
    return deps(settings(100, 50, 100));
  }

  /** An unnamed request from the default instance. */
  static AllocationRequest request(String type) {
    return new AllocationRequest(type, null, null, null, null, null, false, "test-agent",
        "127.0.0.1", "req-1", "http", null, null, null);
  }

  /** A named claim: repeated while live, it gets the same allocation back. */
  static AllocationRequest named(String type, String name) {
    return new AllocationRequest(type, name, "claude-a", "/home/dev/shop", null, 4711L, false,
        "test-agent", "127.0.0.1", "req-2", "http", null, null, null);
  }

  static AllocationRequest dryRun(String type) {
    return new AllocationRequest(type, null, null, null, null, null, true, "test-agent",
        "127.0.0.1", "req-1", "http", null, null, null);
  }

  /** In-memory journal and snapshot store; no journal is started eagerly. */
  static Config inMemoryPersistence() {
    return PersistenceTestKitPlugin.config()
        .withFallback(PersistenceTestKitSnapshotPlugin.config())
        .withFallback(
            ConfigFactory.parseString("pekko.persistence.journal.auto-start-journals = []"))
        .withFallback(ConfigFactory.load());
  }

  /** Empties the in-memory journal and snapshots: the registry's persistence id is fixed. */
  static void emptyJournal(ActorTestKit kit) {
    PersistenceTestKit.create(kit.system()).clearAll();
    SnapshotTestKit.create(kit.system()).clearAll();
  }

  /** A registry under the event-sourced testkit (which also checks every message serializes). */
  static EventSourcedBehaviorTestKit<PortRegistry.Command, RegistryEvent, RegistryState>
      esRegistry(ActorTestKit kit, RegistryDependencies deps) {
    return EventSourcedBehaviorTestKit.create(kit.system(), PortRegistry.create(deps));
  }
}
