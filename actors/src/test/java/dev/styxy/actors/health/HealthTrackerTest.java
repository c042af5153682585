package dev.styxy.actors.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.styxy.actors.health.HealthTracker.Verdict;
import dev.styxy.persistence.HealthState;
import dev.styxy.persistence.HealthStatus;
import dev.styxy.persistence.PortReleased;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The per-allocation health state machine, fed probe results by hand. */
class HealthTrackerTest {
  private static final int PORT = 3000;
  private static final long PID = 4242L;
  private static final Instant ALLOCATED = Instant.parse("2026-01-01T12:00:00Z");
  private static final Duration GRACE = Duration.ofSeconds(60);
  private static final int MAX_FAILURES = 3;
  /** Well inside the grace period. */
  private static final Instant IN_GRACE = ALLOCATED.plusSeconds(10);
  /** The first instant outside the grace period. */
  private static final Instant GRACE_ENDS = ALLOCATED.plus(GRACE);
  private static final Instant LATER = ALLOCATED.plusSeconds(600);

  private static final ProbeResult LISTENING = new ProbeResult(true, true, null, null);
  private static final ProbeResult NOT_LISTENING = new ProbeResult(true, false, null, null);
  private static final ProbeResult OWNER_GONE = new ProbeResult(false, false, null, null);

  private static HealthTracker tracker(HealthStatus initial, int maxFailures, boolean release) {
    return new HealthTracker(PORT, PID, ALLOCATED, initial, GRACE, maxFailures, release);
  }

  /** A new allocation's tracker: STARTING, three failures release. */
  private static HealthTracker tracker() {
    return tracker(HealthStatus.starting(ALLOCATED), MAX_FAILURES, true);
  }

  /** A tracker restored with {@code state} journaled before a restart. */
  private static HealthTracker restored(HealthState state) {
    return tracker(new HealthStatus(state, ALLOCATED.plusSeconds(5), "before restart"),
        MAX_FAILURES, true);
  }

  private static ProbeResult url(boolean healthy, boolean listening) {
    return new ProbeResult(true, listening, healthy, healthy ? "HTTP 200" : "HTTP 503");
  }

  /** A tracker that has seen its port listening and is HEALTHY. */
  private static HealthTracker healthy() {
    HealthTracker t = tracker();
    t.observe(LISTENING, IN_GRACE);
    assertEquals(HealthState.HEALTHY, t.state());
    return t;
  }

  private static void assertQuiet(Verdict v) {
    assertTrue(v.quiet(), v.toString());
  }

  @Test
  void newAllocationIsStartingWithNoFailures() {
    HealthTracker t = tracker();

    assertEquals(HealthState.STARTING, t.state());
    assertEquals(0, t.failures());
  }

  @Test
  void portNotYetListeningKeepsItStartingQuietly() {
    HealthTracker t = tracker();

    assertQuiet(t.observe(NOT_LISTENING, IN_GRACE));
    assertEquals(HealthState.STARTING, t.state());
  }

  @Test
  void firstSeenListeningMakesItHealthy() {
    Verdict v = tracker().observe(LISTENING, IN_GRACE);

    assertEquals(new Verdict(new HealthStatus(HealthState.HEALTHY, IN_GRACE,
        "port 3000 listening"), HealthState.STARTING, "listening", null), v);
  }

  @Test
  void healthyIsReportedOnceNotOnEveryPassingProbe() {
    HealthTracker t = healthy();

    assertQuiet(t.observe(LISTENING, IN_GRACE.plusSeconds(1)));
    assertQuiet(t.observe(LISTENING, LATER));
    assertEquals(HealthState.HEALTHY, t.state());
  }

  @Test
  void portNeverSeenListeningIsNeverAFailureEvenLongAfterGrace() {
    HealthTracker t = tracker();

    for (int i = 0; i < 10; i++) {
      assertQuiet(t.observe(NOT_LISTENING, LATER.plusSeconds(30L * i)));
    }
    assertEquals(HealthState.STARTING, t.state());
    assertEquals(0, t.failures());
  }

  @Test
  void ownerExitedCountsEvenDuringGrace() {
    HealthTracker t = tracker();

    Verdict v = t.observe(OWNER_GONE, IN_GRACE);

    assertEquals(new Verdict(new HealthStatus(HealthState.UNHEALTHY, IN_GRACE,
        "owner pid 4242 exited (failure 1 of 3)"), HealthState.STARTING,
        PortReleased.OWNER_EXITED, null), v);
    assertEquals(1, t.failures());
  }

  @Test
  void ownerExitedWinsOverEveryOtherFailure() {
    HealthTracker t = healthy();

    Verdict v = t.observe(new ProbeResult(false, false, false, "HTTP 503"), LATER);

    assertEquals(PortReleased.OWNER_EXITED, v.reason());
  }

  @Test
  void portThatStopsListeningDuringGraceIsNotAFailure() {
    HealthTracker t = healthy();

    assertQuiet(t.observe(NOT_LISTENING, GRACE_ENDS.minusMillis(1)));
    assertEquals(HealthState.HEALTHY, t.state());
    assertEquals(0, t.failures());
  }

  @Test
  void portSeenListeningThenNotListeningWhenGraceEndsIsAbandoned() {
    HealthTracker t = healthy();

    Verdict v = t.observe(NOT_LISTENING, GRACE_ENDS);

    assertEquals(new Verdict(new HealthStatus(HealthState.UNHEALTHY, GRACE_ENDS,
        "port 3000 no longer listening (failure 1 of 3)"), HealthState.HEALTHY,
        PortReleased.PORT_ABANDONED, null), v);
  }

  @Test
  void portSeenListeningOnlyDuringGraceIsAbandonedAfterIt() {
    HealthTracker t = tracker();
    t.observe(LISTENING, IN_GRACE);
    t.observe(NOT_LISTENING, IN_GRACE.plusSeconds(1));

    assertEquals(PortReleased.PORT_ABANDONED, t.observe(NOT_LISTENING, LATER).reason());
  }

  @Test
  void failingHealthUrlDuringGraceIsNotAFailure() {
    HealthTracker t = tracker();

    assertQuiet(t.observe(url(false, true), IN_GRACE));
    assertEquals(HealthState.STARTING, t.state());
    assertEquals(0, t.failures());
  }

  @Test
  void failingHealthUrlAfterGraceIsAFailureEvenWhileListening() {
    HealthTracker t = tracker();

    Verdict v = t.observe(url(false, true), GRACE_ENDS);

    assertEquals(new Verdict(new HealthStatus(HealthState.UNHEALTHY, GRACE_ENDS,
        "health_url: HTTP 503 (failure 1 of 3)"), HealthState.STARTING,
        PortReleased.HEALTH_CHECK_FAILED, null), v);
  }

  @Test
  void unhealthyIsReportedOnceWhileFailuresGoOn() {
    HealthTracker t = healthy();

    Verdict first = t.observe(NOT_LISTENING, LATER);
    Verdict second = t.observe(NOT_LISTENING, LATER.plusSeconds(30));

    assertEquals(HealthState.UNHEALTHY, first.changed().state());
    assertQuiet(second);
    assertEquals(PortReleased.PORT_ABANDONED, second.reason());
    assertEquals(HealthState.UNHEALTHY, t.state());
    assertEquals(2, t.failures());
  }

  @Test
  void releaseIsAskedAtMaxFailuresAndAgainOnEachLaterFailure() {
    HealthTracker t = healthy();

    assertNull(t.observe(NOT_LISTENING, LATER).release());
    assertNull(t.observe(NOT_LISTENING, LATER.plusSeconds(30)).release());
    Verdict third = t.observe(NOT_LISTENING, LATER.plusSeconds(60));
    Verdict fourth = t.observe(NOT_LISTENING, LATER.plusSeconds(90));
    Verdict fifth = t.observe(NOT_LISTENING, LATER.plusSeconds(120));

    assertEquals(new Verdict(null, HealthState.UNHEALTHY, PortReleased.PORT_ABANDONED,
        PortReleased.PORT_ABANDONED), third);
    assertEquals(PortReleased.PORT_ABANDONED, fourth.release());
    assertEquals(PortReleased.PORT_ABANDONED, fifth.release());
    assertEquals(5, t.failures());
  }

  @Test
  void releaseNamesTheFailureThatReachedTheThreshold() {
    HealthTracker t = tracker();
    t.observe(url(false, true), LATER);
    t.observe(url(false, true), LATER.plusSeconds(30));

    Verdict third = t.observe(new ProbeResult(false, true, false, "HTTP 503"),
        LATER.plusSeconds(60));

    assertEquals(PortReleased.OWNER_EXITED, third.release());
  }

  @Test
  void singleAllowedFailureReportsUnhealthyAndAsksForReleaseAtOnce() {
    HealthTracker t = tracker(HealthStatus.starting(ALLOCATED), 1, true);

    Verdict v = t.observe(OWNER_GONE, IN_GRACE);

    assertEquals(HealthState.UNHEALTHY, v.changed().state());
    assertEquals("owner pid 4242 exited (failure 1 of 1)", v.changed().detail());
    assertEquals(PortReleased.OWNER_EXITED, v.release());
  }

  @Test
  void passingProbeAfterFailuresReportsHealthyOnceAndResetsTheCount() {
    HealthTracker t = healthy();
    t.observe(NOT_LISTENING, LATER);
    t.observe(NOT_LISTENING, LATER.plusSeconds(30));

    Verdict back = t.observe(LISTENING, LATER.plusSeconds(60));

    assertEquals(new Verdict(new HealthStatus(HealthState.HEALTHY, LATER.plusSeconds(60),
        "port 3000 listening"), HealthState.UNHEALTHY, "listening", null), back);
    assertEquals(0, t.failures());
    assertQuiet(t.observe(LISTENING, LATER.plusSeconds(90)));
  }

  @Test
  void failuresAfterARecoveryCountFromOneAgain() {
    HealthTracker t = healthy();
    t.observe(NOT_LISTENING, LATER);
    t.observe(NOT_LISTENING, LATER.plusSeconds(30));
    t.observe(LISTENING, LATER.plusSeconds(60));

    Verdict first = t.observe(NOT_LISTENING, LATER.plusSeconds(90));
    Verdict second = t.observe(NOT_LISTENING, LATER.plusSeconds(120));
    Verdict third = t.observe(NOT_LISTENING, LATER.plusSeconds(150));

    assertEquals("port 3000 no longer listening (failure 1 of 3)", first.changed().detail());
    assertNull(second.release());
    assertEquals(PortReleased.PORT_ABANDONED, third.release());
  }

  @Test
  void withReleasingOffFailuresAreReportedButNeverReleased() {
    HealthTracker t = tracker(HealthStatus.starting(ALLOCATED), MAX_FAILURES, false);
    t.observe(LISTENING, IN_GRACE);

    Verdict first = t.observe(NOT_LISTENING, LATER);
    assertEquals(HealthState.UNHEALTHY, first.changed().state());
    assertNull(first.release());
    for (int i = 1; i < 10; i++) {
      assertQuiet(t.observe(NOT_LISTENING, LATER.plusSeconds(30L * i)));
    }
    assertEquals(10, t.failures());
    assertNull(t.observe(OWNER_GONE, LATER.plusSeconds(600)).release());
  }

  @Test
  void healthUrlAnswering2xxMakesItHealthyEvenWhenNotListening() {
    HealthTracker t = tracker();

    Verdict v = t.observe(url(true, false), IN_GRACE);

    assertEquals(new Verdict(new HealthStatus(HealthState.HEALTHY, IN_GRACE,
        "health_url answered HTTP 200"), HealthState.STARTING, "health_url_ok", null), v);
  }

  @Test
  void healthUrlAnswering2xxKeepsAPortThatStoppedListeningHealthy() {
    HealthTracker t = healthy();

    assertQuiet(t.observe(url(true, false), LATER));
    assertEquals(HealthState.HEALTHY, t.state());
    assertEquals(0, t.failures());
  }

  @Test
  void listeningPortIsNotHealthyWhileItsHealthUrlFailsDuringGrace() {
    HealthTracker t = tracker();

    t.observe(url(false, true), IN_GRACE);

    assertEquals(HealthState.STARTING, t.state());
  }

  @Test
  void healthyStateAfterARestartTreatsThePortAsSeenListening() {
    HealthTracker t = restored(HealthState.HEALTHY);

    Verdict v = t.observe(NOT_LISTENING, LATER);

    assertEquals(HealthState.HEALTHY, v.from());
    assertEquals(PortReleased.PORT_ABANDONED, v.reason());
    assertEquals(HealthState.UNHEALTHY, t.state());
  }

  @Test
  void startingStateAfterARestartStillWaitsForTheFirstListen() {
    HealthTracker t = restored(HealthState.STARTING);

    assertQuiet(t.observe(NOT_LISTENING, LATER));
    assertEquals(HealthState.STARTING, t.state());
  }

  @Test
  void unhealthyStateAfterARestartIsNotReportedAgainButRecoveryIs() {
    HealthTracker t = restored(HealthState.UNHEALTHY);

    assertQuiet(t.observe(NOT_LISTENING, LATER));
    assertEquals(1, t.failures());

    Verdict passing = t.observe(LISTENING, LATER.plusSeconds(30));
    assertEquals(HealthState.HEALTHY, passing.changed().state());
    assertEquals(HealthState.UNHEALTHY, passing.from());
  }
}
