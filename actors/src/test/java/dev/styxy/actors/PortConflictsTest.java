package dev.styxy.actors;

import static dev.styxy.actors.RegistryFixtures.CATALOG;
import static dev.styxy.actors.RegistryFixtures.DAEMON_PORT;
import static dev.styxy.actors.RegistryFixtures.dryRun;
import static dev.styxy.actors.RegistryFixtures.inMemoryPersistence;
import static dev.styxy.actors.RegistryFixtures.request;
import static dev.styxy.actors.RegistryFixtures.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.styxy.actors.metrics.Samples;
import dev.styxy.actors.metrics.StyxyMetrics;
import dev.styxy.persistence.PortAvailability;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LoggingTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class PortConflictsTest {
  private static final ActorTestKit testKit =
      ActorTestKit.create("PortConflictsTest", inMemoryPersistence());

  /** 3000 and 3001 are bound by someone who never asked Styxy. */
  private static final PortAvailability OUTSIDE_HOLDS_3000_AND_3001 = port ->
      port == 3000 || port == 3001 ? Optional.of("held by pid 4242 (python3)") : Optional.empty();

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @Test
  void portsHeldByOutsideProcessesAreCountedPerTypeButNotForDryRuns() {
    PortConflicts conflicts = new PortConflicts();
    StyxyMetrics metrics = new StyxyMetrics();
    ActorRef<PortRegistry.Command> registry = testKit.spawn(PortRegistry.create(
        new RegistryDependencies(CATALOG, settings(100, 50, 100), OUTSIDE_HOLDS_3000_AND_3001,
            DAEMON_PORT, Clock.systemUTC(), conflicts, null).withMetrics(metrics)));
    TestProbe<AllocateReply> replies = testKit.createTestProbe();

    registry.tell(new PortRegistry.Allocate(dryRun("dev"), replies.getRef()));
    replies.expectMessageClass(AllocateReply.DryRunResult.class);
    assertEquals(Map.of(), conflicts.snapshot());
    assertEquals(OptionalDouble.empty(), conflictMetric(metrics));

    registry.tell(new PortRegistry.Allocate(request("dev"), replies.getRef()));
    assertEquals(3002,
        replies.expectMessageClass(AllocateReply.Allocated.class).allocation().port());

    TestProbe<StateView> view = testKit.createTestProbe();
    registry.tell(new PortRegistry.GetState(view.getRef()));
    assertEquals(Map.of("dev", 2L), view.receiveMessage().portConflicts());
    assertEquals(OptionalDouble.of(2), conflictMetric(metrics));
    testKit.stop(registry);
  }

  private static OptionalDouble conflictMetric(StyxyMetrics metrics) {
    return Samples.value(metrics.scrape(), "styxy_port_conflicts_detected_total",
        "service_type", "dev");
  }

  @Test
  void aRangeExhaustedByOutsideHoldersIsLoggedAsAConflictThoughNothingIsJournaled() {
    PortAvailability allHeld = port -> Optional.of("held by pid 4242 (python3)");
    ActorRef<PortRegistry.Command> registry = testKit.spawn(PortRegistry.create(
        new RegistryDependencies(CATALOG, settings(100, 50, 100), allHeld, DAEMON_PORT,
            Clock.systemUTC(), new PortConflicts(), null)));
    TestProbe<AllocateReply> replies = testKit.createTestProbe();

    LoggingTestKit.warn("[tiny]: 3 candidate(s) held by outside processes")
        .expect(testKit.system(), () -> {
          registry.tell(new PortRegistry.Allocate(request("tiny"), replies.getRef()));
          return replies.expectMessageClass(AllocateReply.AllocateRejected.class);
        });
    testKit.stop(registry);
  }
}
