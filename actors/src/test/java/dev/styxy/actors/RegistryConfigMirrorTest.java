package dev.styxy.actors;

import static dev.styxy.actors.RegistryFixtures.AUTO_CATALOG;
import static dev.styxy.actors.RegistryFixtures.NOW;
import static dev.styxy.actors.RegistryFixtures.deps;
import static dev.styxy.actors.RegistryFixtures.inMemoryPersistence;
import static dev.styxy.actors.RegistryFixtures.request;
import static dev.styxy.actors.RegistryFixtures.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.styxy.config.PortRange;
import dev.styxy.config.RegistrySettings;
import dev.styxy.config.UserConfigWriter;
import dev.styxy.persistence.RegistryEvent;
import dev.styxy.persistence.RegistryState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LoggingTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry's after-write effects of a new type: config.json mirror and the audit line. */
class RegistryConfigMirrorTest {
  private static final ActorTestKit testKit = ActorTestKit.create("RegistryMirrorTest",
      EventSourcedBehaviorTestKit.config().withFallback(inMemoryPersistence()));
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path home;

  private final List<ActorRef<?>> spawned = new ArrayList<>();
  private ActorRef<ConfigMirror.Command> mirror;

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void emptyJournal() {
    RegistryFixtures.emptyJournal(testKit);
    mirror = testKit.spawn(ConfigMirror.create(
        new UserConfigWriter(config(), Clock.fixed(NOW, ZoneOffset.UTC))));
    spawned.add(mirror);
  }

  @AfterEach
  void stopActors() {
    spawned.forEach(testKit::stop);
  }

  private Path config() {
    return home.resolve("config.json");
  }

  private EventSourcedBehaviorTestKit<PortRegistry.Command, RegistryEvent, RegistryState>
      registry() {
    return RegistryFixtures.esRegistry(testKit,
        deps(AUTO_CATALOG, settings(100, 50, 100)).withConfigMirror(mirror));
  }

  private static void allocate(
      EventSourcedBehaviorTestKit<PortRegistry.Command, RegistryEvent, RegistryState> registry,
      String type) {
    registry.<AllocateReply>runCommand(
        replyTo -> new PortRegistry.Allocate(request(type), replyTo));
  }

  /** Waits until the mirror has written everything it was told before this call. */
  private void sync() {
    TestProbe<Done> done = testKit.createTestProbe(Done.class);
    mirror.tell(new ConfigMirror.Sync(done.getRef()));
    done.expectMessage(Done.getInstance());
  }

  private JsonNode serviceTypes() throws IOException {
    return MAPPER.readTree(config().toFile()).get("service_types");
  }

  private static PortRange range(JsonNode entry) {
    return new PortRange(entry.get("port_range").get(0).asInt(),
        entry.get("port_range").get(1).asInt());
  }

  @Test
  void newTypeIsWrittenIntoConfigJsonAfterTheJournalWrite() throws IOException {
    var registry = registry();

    allocate(registry, "grafana");
    sync();

    JsonNode grafana = serviceTypes().get("grafana");
    assertEquals(new PortRange(21010, 21019), range(grafana));
    assertTrue(grafana.get("auto_allocated").asBoolean());
    assertEquals("2026-01-01T12:00:00.000Z", grafana.get("auto_allocated_at").asText());
  }

  @Test
  void newTypeIsAuditedOnceAndNotAgainOnReplay() {
    var registry = registry();
    LoggingTestKit.info("\"action\":\"AUTO_ALLOCATION\",\"serviceType\":\"grafana\","
        + "\"range\":[21010,21019],\"chunkSize\":10,\"placement\":\"after\","
        + "\"userAgent\":\"test-agent\",\"remoteIP\":\"127.0.0.1\"")
        .withLoggerName(AutoTypeEffects.AUDIT_LOGGER).withOccurrences(1)
        .expect(testKit.system(), () -> {
          allocate(registry, "grafana");
          return null;
        });

    LoggingTestKit.info("AUTO_ALLOCATION").withLoggerName(AutoTypeEffects.AUDIT_LOGGER)
        .withOccurrences(0)
        .expect(testKit.system(), () -> {
          registry.restart();
          allocate(registry, "grafana");
          return null;
        });
  }

  @Test
  void lostConfigJsonIsRebuiltFromTheJournalAfterReplay() throws IOException {
    var registry = registry();
    allocate(registry, "grafana");
    allocate(registry, "loki");
    sync();
    Files.delete(config());

    registry.restart();
    sync();

    assertEquals(List.of("grafana", "loki"), names(serviceTypes()));
    assertEquals(new PortRange(21030, 21039), range(serviceTypes().get("loki")));
  }

  @Test
  void aFailedWriteIsRetriedWithTheNextChange() throws IOException {
    var registry = registry();
    Files.writeString(config(), "{\"service_types\": [");
    LoggingTestKit.warn("Could not write auto-allocated service types into config.json")
        .expect(testKit.system(), () -> {
          allocate(registry, "grafana");
          sync();
          return null;
        });
    assertEquals("{\"service_types\": [", Files.readString(config()));
    Files.writeString(config(), "{\"service_types\": {}}");

    allocate(registry, "loki");
    sync();

    assertEquals(List.of("grafana", "loki"), names(serviceTypes()));
  }

  @Test
  void fiftyConcurrentNewTypesAreEachWrittenOnceWithDisjointRanges() throws IOException {
    RegistrySettings settings = settings(1000, 8, 1000);
    ActorRef<PortRegistry.Command> registry = testKit.spawn(PortRegistry.create(
        deps(AUTO_CATALOG, settings).withConfigMirror(mirror)));
    ActorRef<PortRegistry.Command> batcher = testKit.spawn(
        RegistryBatcher.create(registry, settings, Duration.ofSeconds(5)));
    spawned.add(batcher);
    spawned.add(registry);
    List<TestProbe<AllocateReply>> clients = IntStream.range(0, 50)
        .mapToObj(i -> testKit.createTestProbe(AllocateReply.class)).toList();

    IntStream.range(0, 50).parallel().forEach(i -> batcher.tell(
        new PortRegistry.Allocate(request("new-" + i), clients.get(i).getRef())));
    List<AllocateReply.Allocated> replies = clients.stream()
        .map(c -> c.expectMessageClass(AllocateReply.Allocated.class)).toList();
    sync();

    JsonNode types = serviceTypes();
    List<String> names = names(types);
    assertEquals(50, names.size());
    assertEquals(IntStream.range(0, 50).mapToObj(i -> "new-" + i).sorted().toList(),
        names.stream().sorted().toList());
    List<PortRange> ranges = names.stream().map(n -> range(types.get(n))).toList();
    for (int i = 0; i < ranges.size(); i++) {
      for (int j = i + 1; j < ranges.size(); j++) {
        assertFalse(ranges.get(i).overlaps(ranges.get(j)), ranges.get(i) + " " + ranges.get(j));
      }
    }
    for (AllocateReply.Allocated reply : replies) {
      String type = reply.allocation().serviceType();
      assertTrue(range(types.get(type)).contains(reply.allocation().port()), type);
    }
  }

  private static List<String> names(JsonNode object) {
    List<String> names = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      names.add(it.next().getKey());
    }
    return names;
  }
}
