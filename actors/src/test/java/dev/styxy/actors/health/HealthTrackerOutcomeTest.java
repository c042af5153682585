package dev.styxy.actors.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.styxy.persistence.HealthStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@link HealthTracker#lastOutcome}: what each probe counts as in the probe metric. */
class HealthTrackerOutcomeTest {
  private static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");
  private static final ProbeResult LISTENING = new ProbeResult(true, true, null, null);
  private static final ProbeResult SILENT = new ProbeResult(true, false, null, null);
  private static final ProbeResult OWNER_GONE = new ProbeResult(false, false, null, null);
  private static final ProbeResult URL_DOWN = new ProbeResult(true, true, false, "HTTP 503");

  private static HealthTracker tracker(Duration grace) {
    return new HealthTracker(3000, 42L, T0, HealthStatus.starting(T0), grace, 3, true);
  }

  @Test
  void inconclusiveBeforeAnyProbeAndWhileNothingListensYet() {
    HealthTracker t = tracker(Duration.ZERO);
    assertEquals(HealthTracker.Outcome.INCONCLUSIVE, t.lastOutcome());

    t.observe(SILENT, T0.plusSeconds(1));
    assertEquals(HealthTracker.Outcome.INCONCLUSIVE, t.lastOutcome());
  }

  @Test
  void passWhenListeningThenFailWhenAbandoned() {
    HealthTracker t = tracker(Duration.ZERO);
    t.observe(LISTENING, T0.plusSeconds(1));
    assertEquals(HealthTracker.Outcome.PASS, t.lastOutcome());

    t.observe(SILENT, T0.plusSeconds(2));
    assertEquals(HealthTracker.Outcome.FAIL, t.lastOutcome());
  }

  @Test
  void aFailingUrlIsInconclusiveInTheGracePeriodAndAFailureAfterIt() {
    HealthTracker t = tracker(Duration.ofSeconds(10));
    t.observe(URL_DOWN, T0.plusSeconds(1));
    assertEquals(HealthTracker.Outcome.INCONCLUSIVE, t.lastOutcome());

    t.observe(URL_DOWN, T0.plusSeconds(11));
    assertEquals(HealthTracker.Outcome.FAIL, t.lastOutcome());
  }

  @Test
  void anExitedOwnerFailsEvenInTheGracePeriod() {
    HealthTracker t = tracker(Duration.ofSeconds(10));
    t.observe(OWNER_GONE, T0.plusSeconds(1));
    assertEquals(HealthTracker.Outcome.FAIL, t.lastOutcome());
    assertEquals("fail", t.lastOutcome().label());
  }
}
