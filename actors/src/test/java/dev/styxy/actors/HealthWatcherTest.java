package dev.styxy.actors;

import static dev.styxy.actors.HealthFixtures.LISTENING;
import static dev.styxy.actors.HealthFixtures.OWNER_GONE;
import static dev.styxy.actors.HealthFixtures.SILENT;
import static dev.styxy.actors.HealthFixtures.settings;
import static dev.styxy.actors.RegistryFixtures.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.styxy.actors.health.HealthProbe;
import dev.styxy.actors.health.ProbeResult;
import dev.styxy.actors.metrics.Samples;
import dev.styxy.actors.metrics.StyxyMetrics;
import dev.styxy.persistence.Allocation;
import dev.styxy.persistence.AllocationId;
import dev.styxy.persistence.HealthState;
import dev.styxy.persistence.HealthStatus;
import dev.styxy.persistence.PortReleased;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LoggingTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** One {@link HealthWatcher} on manual time with a scripted probe. */
class HealthWatcherTest {
  private static final ActorTestKit testKit = ActorTestKit.create("HealthWatcherTest",
      ManualTime.config());
  private static final ManualTime time = ManualTime.get(testKit.system());
  private static final Duration SHORT = Duration.ofMillis(200);

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  private static Allocation allocation(int port, Long pid) {
    return new Allocation(AllocationId.random(), port, "dev", "unnamed-service", false,
        "default", null, pid, NOW, null, null, null, null, null, null,
        HealthStatus.starting(NOW));
  }

  private ActorRef<HealthWatcher.Command> watch(Allocation a, HealthProbe probe,
      TestProbe<HealthWatcher.Report> reports) {
    return watch(a, probe, reports, new StyxyMetrics());
  }

  private ActorRef<HealthWatcher.Command> watch(Allocation a, HealthProbe probe,
      TestProbe<HealthWatcher.Report> reports, StyxyMetrics metrics) {
    return testKit.spawn(Behaviors.supervise(HealthWatcher.create(a, settings(), probe,
            new SettableClock(NOW.plusSeconds(120)), metrics, reports.getRef()))
        .onFailure(SupervisorStrategy.restartWithBackoff(Duration.ofSeconds(1),
            Duration.ofSeconds(2), 0)));
  }

  @Test
  void reportsTheFirstListeningProbeOnceAndStaysQuietWhileHealthy() {
    HealthFixtures.ScriptedProbe probe = new HealthFixtures.ScriptedProbe();
    probe.answers.put(3000, LISTENING);
    TestProbe<HealthWatcher.Report> reports = testKit.createTestProbe();
    Allocation a = allocation(3000, null);
    StyxyMetrics metrics = new StyxyMetrics();
    watch(a, probe, reports, metrics);

    time.timePasses(Duration.ofSeconds(1));
    HealthWatcher.Report report = reports.expectMessageClass(HealthWatcher.Report.class);
    assertEquals(a.id(), report.id());
    assertEquals(HealthState.STARTING, report.from());
    assertEquals(HealthState.HEALTHY, report.changed().state());
    assertEquals("listening", report.reason());
    assertNull(report.release());

    for (int i = 0; i < 5; i++) {
      time.timePasses(Duration.ofSeconds(1));
    }
    reports.expectNoMessage(SHORT);
    assertEquals(6, probe.calls.get(), "one probe per interval");
    awaitMetric(reports, metrics, 6, "styxy_health_probes_total", "outcome", "pass");
  }

  @Test
  void asksForTheReleaseAtTheThirdFailureAfterReportingUnhealthyOnce() {
    HealthFixtures.ScriptedProbe probe = new HealthFixtures.ScriptedProbe();
    probe.answers.put(3001, OWNER_GONE);
    TestProbe<HealthWatcher.Report> reports = testKit.createTestProbe();
    StyxyMetrics metrics = new StyxyMetrics();
    watch(allocation(3001, 4242L), probe, reports, metrics);

    time.timePasses(Duration.ofSeconds(1));
    HealthWatcher.Report first = reports.expectMessageClass(HealthWatcher.Report.class);
    assertEquals(HealthState.UNHEALTHY, first.changed().state());
    assertEquals(PortReleased.OWNER_EXITED, first.reason());
    assertNull(first.release());

    time.timePasses(Duration.ofSeconds(1));
    reports.expectNoMessage(SHORT);

    time.timePasses(Duration.ofSeconds(1));
    HealthWatcher.Report third = reports.expectMessageClass(HealthWatcher.Report.class);
    assertNull(third.changed(), "the transition was reported already");
    assertEquals(PortReleased.OWNER_EXITED, third.release());
    awaitMetric(reports, metrics, 3, "styxy_health_probes_total", "outcome", "fail");
  }

  @Test
  void neverStartsAProbeWhileTheLastOneIsRunning() {
    AtomicInteger calls = new AtomicInteger();
    CompletableFuture<ProbeResult> pending = new CompletableFuture<>();
    HealthProbe slow = target -> {
      calls.incrementAndGet();
      return calls.get() == 1 ? pending : CompletableFuture.completedFuture(SILENT);
    };
    TestProbe<HealthWatcher.Report> reports = testKit.createTestProbe();
    watch(allocation(3002, null), slow, reports);

    for (int i = 0; i < 10; i++) {
      time.timePasses(Duration.ofSeconds(1));
    }
    assertEquals(1, calls.get(), "no new probe while the first is unanswered");

    pending.complete(LISTENING);
    reports.expectMessageClass(HealthWatcher.Report.class);
    time.timePasses(Duration.ofSeconds(1));
    reports.awaitAssert(() -> {
      assertEquals(2, calls.get());
      return null;
    });
  }

  @Test
  void aBrokenProbeRestartsTheWatcherWhichThenCarriesOn() {
    HealthFixtures.ScriptedProbe probe = new HealthFixtures.ScriptedProbe();
    probe.broken.put(3003, true);
    TestProbe<HealthWatcher.Report> reports = testKit.createTestProbe();
    StyxyMetrics metrics = new StyxyMetrics();
    watch(allocation(3003, null), probe, reports, metrics);

    LoggingTestKit.error(IllegalStateException.class)
        .withMessageContains("health probe of port 3003 failed")
        .expect(testKit.system(), () -> {
          time.timePasses(Duration.ofSeconds(1));
          return null;
        });
    probe.broken.put(3003, false);
    probe.answers.put(3003, LISTENING);
    time.timePasses(Duration.ofSeconds(1));  // restart backoff
    time.timePasses(Duration.ofSeconds(1));  // first probe of the new incarnation
    HealthWatcher.Report report = reports.expectMessageClass(HealthWatcher.Report.class);
    assertEquals(HealthState.HEALTHY, report.changed().state());
    awaitMetric(reports, metrics, 1, "styxy_health_probes_total", "outcome", "error");
    awaitMetric(reports, metrics, 1, "styxy_supervisor_restarts_total",
        "component", StyxyMetrics.HEALTH_WATCHER);
    awaitMetric(reports, metrics, 1, "styxy_health_probes_total", "outcome", "pass");
  }

  /** Waits until the sample of {@code name} with {@code labels} is {@code expected}. */
  static void awaitMetric(TestProbe<?> probe, StyxyMetrics metrics, double expected,
      String name, String... labels) {
    probe.awaitAssert(() -> {
      assertEquals(expected, Samples.value(metrics.scrape(), name, labels).orElse(-1),
          name + " " + String.join(",", labels));
      return null;
    });
  }
}
