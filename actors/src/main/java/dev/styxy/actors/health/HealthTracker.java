package dev.styxy.actors.health;

import dev.styxy.persistence.HealthState;
import dev.styxy.persistence.HealthStatus;
import dev.styxy.persistence.PortReleased;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The health state machine of one allocation, without actors or I/O: fed one {@link ProbeResult}
 * at a time, it says when the state changes (edge-triggered: once per transition, never per
 * probe) and when the allocation should be released.
 *
 * <p>A probe fails when the owner PID exited or was reused ({@code owner_exited}, counted even in
 * the grace period: it cannot come back), when the health URL does not answer 2xx after the grace
 * period ({@code health_check_failed}), or when the port, once seen listening, is not listening
 * after the grace period ({@code port_abandoned}). A port never seen listening is not a failure:
 * a test runner may hold a port long before it binds it. The first failure makes the state
 * {@code UNHEALTHY}; {@code maxFailures} in a row ask for a release, again on each further
 * failure (so a lost report costs one interval), unless releasing is off; a passing probe resets
 * the count and makes it {@code HEALTHY}.
 */
public final class HealthTracker {

  /**
   * What one probe changed.
   *
   * @param changed the new status when the state changed, else {@code null}
   * @param from the state before
   * @param reason why it changed ({@code listening}, {@code health_url_ok}, or a failure reason)
   * @param release the release reason when the allocation should now be released, else
   *     {@code null}
   */
  public record Verdict(HealthStatus changed, HealthState from, String reason, String release) {
    public boolean quiet() {
      return changed == null && release == null;
    }
  }

  /** What the last probe showed, for the probe-outcome metric. */
  public enum Outcome {
    /** The owner is alive and the port listens (or the health URL answered 2xx). */
    PASS,
    /** A failure was counted: owner exited, health URL failing, or port abandoned. */
    FAIL,
    /** Neither: the port is not listening yet, or the grace period hides a failure. */
    INCONCLUSIVE;

    /** The metric label: the name in lower case. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Instant graceEnds;
  private final int maxFailures;
  private final boolean releaseOnFailure;
  private final int port;
  private final Long pid;
  private HealthState state;
  private boolean seenListening;
  private int failures;
  private Outcome lastOutcome = Outcome.INCONCLUSIVE;

  /**
   * @param allocatedAt start of the grace period
   * @param initial the allocation's journaled status (after a restart it may be past STARTING)
   */
  public HealthTracker(int port, Long pid, Instant allocatedAt, HealthStatus initial,
      Duration grace, int maxFailures, boolean releaseOnFailure) {
    this.port = port;
    this.pid = pid;
    this.graceEnds = allocatedAt.plus(grace);
    this.maxFailures = maxFailures;
    this.releaseOnFailure = releaseOnFailure;
    this.state = initial.state();
    this.seenListening = initial.state() != HealthState.STARTING;
  }

  public HealthState state() {
    return state;
  }

  public int failures() {
    return failures;
  }

  /** What the last {@link #observe} showed; {@code INCONCLUSIVE} before the first. */
  public Outcome lastOutcome() {
    return lastOutcome;
  }

  /** Takes one probe result seen at {@code now}. */
  public Verdict observe(ProbeResult r, Instant now) {
    boolean inGrace = now.isBefore(graceEnds);
    seenListening |= r.listening();
    String failure = null;
    String detail = null;
    if (Boolean.FALSE.equals(r.ownerAlive())) {
      failure = PortReleased.OWNER_EXITED;
      detail = "owner pid " + pid + " exited";
    } else if (Boolean.FALSE.equals(r.urlHealthy()) && !inGrace) {
      failure = PortReleased.HEALTH_CHECK_FAILED;
      detail = "health_url: " + r.urlDetail();
    } else if (!r.listening() && seenListening && !inGrace
        && !Boolean.TRUE.equals(r.urlHealthy())) {
      failure = PortReleased.PORT_ABANDONED;
      detail = "port " + port + " no longer listening";
    }
    HealthState from = state;
    if (failure != null) {
      lastOutcome = Outcome.FAIL;
      failures++;
      HealthStatus changed = null;
      if (state != HealthState.UNHEALTHY) {
        state = HealthState.UNHEALTHY;
        changed = new HealthStatus(state, now, detail + " (failure 1 of " + maxFailures + ")");
      }
      String release = releaseOnFailure && failures >= maxFailures ? failure : null;
      return new Verdict(changed, from, failure, release);
    }
    failures = 0;
    boolean passing = Boolean.TRUE.equals(r.urlHealthy())
        || (r.urlHealthy() == null && r.listening());
    lastOutcome = passing ? Outcome.PASS : Outcome.INCONCLUSIVE;
    if (passing && state != HealthState.HEALTHY) {
      state = HealthState.HEALTHY;
      boolean byUrl = Boolean.TRUE.equals(r.urlHealthy());
      String how = byUrl ? "health_url answered " + r.urlDetail() : "port " + port + " listening";
      return new Verdict(new HealthStatus(state, now, how), from,
          byUrl ? "health_url_ok" : "listening", null);
    }
    return new Verdict(null, from, null, null);
  }
}
