package dev.styxy.actors;

import dev.styxy.actors.health.HealthProbe;
import dev.styxy.actors.health.HealthTracker;
import dev.styxy.actors.health.ProbeResult;
import dev.styxy.actors.health.ProbeTarget;
import dev.styxy.actors.metrics.StyxyMetrics;
import dev.styxy.config.HealthSettings;
import dev.styxy.persistence.Allocation;
import dev.styxy.persistence.AllocationId;
import dev.styxy.persistence.CborSerializable;
import dev.styxy.persistence.HealthState;
import dev.styxy.persistence.HealthStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PreRestart;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * Watches one live allocation: probes its owner PID, port and health URL on a timer and tells the
 * {@link PortRegistry} (its parent) when the health state changes or the allocation should be
 * released. The state machine is {@link HealthTracker}; this actor only schedules probes and
 * carries results.
 *
 * <p>One probe at a time: the next tick is armed only after the previous result arrived, so a slow
 * probe delays the next instead of piling up. The first probe comes at a random point of the first
 * interval and each later interval varies by the configured jitter, so thousands of watchers
 * spawned together after a restart spread out. Probes run on the probe dispatcher and come back
 * with {@code pipeToSelf}.
 *
 * <p>Supervision: the registry spawns it with a restart-with-backoff strategy. A probe that fails
 * (an exception, not an unhealthy answer) throws here, so a broken watcher restarts alone and the
 * registry and other watchers never notice. Stopped by the registry when the allocation ends.
 */
public final class HealthWatcher extends AbstractBehavior<HealthWatcher.Command> {

  /** Messages of the watcher (all private: it is driven by its own timer). */
  public sealed interface Command extends CborSerializable {}

  private enum ProbeTick implements Command { INSTANCE }

  private record ProbeDone(ProbeResult result, Throwable failure) implements Command {}

  /**
   * Sent to the registry on a transition or when the allocation should be released.
   *
   * @param changed the new status, {@code null} when only a release is asked for
   * @param from the state before the probe
   * @param reason why ({@code listening}, {@code owner_exited}, …)
   * @param release the release reason, or {@code null}
   */
  public record Report(AllocationId id, int port, HealthStatus changed, HealthState from,
      String reason, String release) implements CborSerializable {}

  private final ActorContext<Command> context;
  private final TimerScheduler<Command> timers;
  private final Allocation allocation;
  private final HealthSettings settings;
  private final HealthProbe probe;
  private final Clock clock;
  private final StyxyMetrics metrics;
  private final ActorRef<Report> reportTo;
  private final HealthTracker tracker;

  private HealthWatcher(ActorContext<Command> context, TimerScheduler<Command> timers,
      Allocation a, HealthSettings settings, HealthProbe probe, Clock clock,
      StyxyMetrics metrics, ActorRef<Report> reportTo) {
    super(context);
    this.context = context;
    this.timers = timers;
    this.allocation = a;
    this.settings = settings;
    this.probe = probe;
    this.clock = clock;
    this.metrics = metrics;
    this.reportTo = reportTo;
    this.tracker = new HealthTracker(a.port(), a.pid(), a.allocatedAt(), a.healthStatus(),
        settings.gracePeriod(), settings.maxFailures(), settings.cleanupStaleAllocations());
    long first = 1 + ThreadLocalRandom.current().nextLong(settings.checkInterval().toMillis());
    timers.startSingleTimer(ProbeTick.INSTANCE, Duration.ofMillis(first));
  }

  /** @param metrics counts each probe's outcome and this watcher's restarts */
  public static Behavior<Command> create(Allocation a, HealthSettings settings, HealthProbe probe,
      Clock clock, StyxyMetrics metrics, ActorRef<Report> reportTo) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers ->
        Behaviors.withMdc(Command.class, Map.of("lockId", a.id().toString(),
                "port", String.valueOf(a.port())),
            new HealthWatcher(ctx, timers, a, settings, probe, clock, metrics, reportTo))));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessageEquals(ProbeTick.INSTANCE, this::onTick)
        .onMessage(ProbeDone.class, this::onProbeDone)
        .onSignal(PreRestart.class, restart -> {
          metrics.restarted(StyxyMetrics.HEALTH_WATCHER);
          return this;
        })
        .build();
  }

  private Behavior<Command> onTick() {
    context.pipeToSelf(probe.probe(ProbeTarget.of(allocation)), ProbeDone::new);
    return this;
  }

  private Behavior<Command> onProbeDone(ProbeDone done) {
    if (done.failure() != null) {
      metrics.probeBroke();
      throw new IllegalStateException("health probe of port " + allocation.port() + " failed",
          done.failure());
    }
    HealthTracker.Verdict v = tracker.observe(done.result(), clock.instant());
    metrics.probed(tracker.lastOutcome());
    if (!v.quiet()) {
      reportTo.tell(new Report(allocation.id(), allocation.port(), v.changed(), v.from(),
          v.reason(), v.release()));
    }
    timers.startSingleTimer(ProbeTick.INSTANCE, nextDelay());
    return this;
  }

  private Duration nextDelay() {
    long interval = settings.checkInterval().toMillis();
    double spread = settings.jitter() == 0 ? 0
        : ThreadLocalRandom.current().nextDouble(-settings.jitter(), settings.jitter());
    return Duration.ofMillis(Math.max(1, Math.round(interval * (1 + spread))));
  }
}
