package dev.styxy.actors;

import static dev.styxy.actors.RegistryFixtures.deps;
import static dev.styxy.actors.RegistryFixtures.inMemoryPersistence;
import static dev.styxy.actors.RegistryFixtures.request;
import static dev.styxy.actors.RegistryFixtures.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.styxy.actors.health.HealthProbe;
import dev.styxy.actors.health.ProbeResult;
import dev.styxy.config.RecoverySettings;
import dev.styxy.persistence.StaleAllocations;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A watcher crash storm: 1,000 health watchers whose probe always fails, so each one throws and
 * is restarted with backoff, again and again. The registry keeps answering, and every watcher
 * comes back (counted by the probe's invocations), on manual time.
 */
class WatcherCrashStormTest {
  private static final ActorTestKit testKit = ActorTestKit.create("WatcherCrashStormTest",
      ManualTime.config().withFallback(inMemoryPersistence()));
  private static final ManualTime time = ManualTime.get(testKit.system());
  private static final int WATCHERS = 1_000;

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @Test
  void thousandCrashingWatchersDoNotStopTheRegistryAndAllRestart() {
    AtomicInteger probes = new AtomicInteger();
    HealthProbe broken = target -> {
      probes.incrementAndGet();
      return CompletableFuture.<ProbeResult>failedFuture(
          new IllegalStateException("injected probe failure"));
    };
    StaleAllocations.Owners alive = (pid, startedAt) -> true;
    RegistryDependencies d = deps(settings(10_000, 256, 5_000)).withHealth(
        new RegistryDependencies.Health(HealthFixtures.settings(), broken, alive));
    ActorRef<RecoverySupervisor.Command> supervisor = testKit.spawn(RecoverySupervisor.create(d,
        new RecoverySettings(1000, 3, Duration.ofMinutes(1), true), Duration.ofMinutes(1)));
    TestProbe<ActorRef<PortRegistry.Command>> doorProbe = testKit.createTestProbe();
    supervisor.tell(new RecoverySupervisor.GetFrontDoor(doorProbe.getRef()));
    ActorRef<PortRegistry.Command> door = doorProbe.receiveMessage();
    TestProbe<RecoverySupervisor.Status> status = testKit.createTestProbe();
    status.awaitAssert(() -> {
      assertEquals(RecoverySupervisor.Readiness.READY,
          RecoverySupervisorTest.status(supervisor).state());
      return null;
    });
    TestProbe<AllocateReply> clients = testKit.createTestProbe(AllocateReply.class);
    for (int i = 0; i < WATCHERS; i++) {
      door.tell(new PortRegistry.Allocate(request("bulk"), clients.getRef()));
    }
    for (int i = 0; i < WATCHERS; i++) {
      clients.expectMessageClass(AllocateReply.Allocated.class);
    }

    // Every watcher probes, fails and crashes, then is restarted after its backoff, repeatedly.
    TestProbe<Object> waiter = testKit.createTestProbe();
    waiter.awaitAssert(Duration.ofSeconds(30), () -> {
      time.timePasses(Duration.ofMillis(500));
      assertTrue(probes.get() >= 3 * WATCHERS, "probes so far: " + probes.get());
      return null;
    });

    TestProbe<AllocateReply> during = testKit.createTestProbe(AllocateReply.class);
    door.tell(new PortRegistry.Allocate(request("dev"), during.getRef()));
    assertEquals(3000, during.expectMessageClass(AllocateReply.Allocated.class).allocation()
        .port());
    // The gauge is updated right after the reply is sent, on the registry's thread.
    RecoverySupervisor.Status after = status.awaitAssert(() -> {
      RecoverySupervisor.Status s = RecoverySupervisorTest.status(supervisor);
      assertEquals(WATCHERS + 1, s.watchers());
      return s;
    });
    assertEquals(RecoverySupervisor.Readiness.READY, after.state());
    assertEquals(0, after.restarts(), "the registry itself never restarted");
  }
}
