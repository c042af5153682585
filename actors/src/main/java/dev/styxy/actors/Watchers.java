package dev.styxy.actors;

import dev.styxy.actors.health.HealthProbe;
import dev.styxy.actors.metrics.StyxyMetrics;
import dev.styxy.config.HealthSettings;
import dev.styxy.persistence.Allocation;
import dev.styxy.persistence.AllocationId;
import dev.styxy.persistence.PortAllocated;
import dev.styxy.persistence.PortReleased;
import dev.styxy.persistence.RegistryEvent;
import dev.styxy.persistence.RegistryState;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.slf4j.event.Level;

/**
 * The registry's {@link HealthWatcher} children, one per live allocation: spawned after the
 * allocation is journaled (and for every allocation after replay), stopped when its release is
 * journaled. Used only on the registry's thread. Each watcher is supervised with restart and
 * backoff, so a broken one restarts alone; the registry is never affected. A restart logs at WARN
 * (degraded but self-healing), not ERROR.
 */
final class Watchers {
  private static final Duration MIN_BACKOFF = Duration.ofSeconds(1);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(60);

  private final ActorContext<PortRegistry.Command> context;
  private final HealthSettings settings;
  private final HealthProbe probe;
  private final Clock clock;
  private final StyxyMetrics metrics;
  private final ActorRef<HealthWatcher.Report> reportTo;
  private final Map<AllocationId, ActorRef<HealthWatcher.Command>> live = new HashMap<>();
  /** Distinguishes children of one allocation across registry restarts (names must be unique). */
  private long generation;

  Watchers(ActorContext<PortRegistry.Command> context, HealthSettings settings, HealthProbe probe,
      Clock clock, StyxyMetrics metrics, ActorRef<HealthWatcher.Report> reportTo) {
    this.context = context;
    this.settings = settings;
    this.probe = probe;
    this.clock = clock;
    this.metrics = metrics;
    this.reportTo = reportTo;
  }

  /** After replay: forget children of an earlier incarnation and watch every live allocation. */
  void respawnAll(RegistryState state) {
    live.values().forEach(context::stop);
    live.clear();
    generation++;
    if (settings.enabled()) {
      state.allocations().forEach(this::spawn);
    }
  }

  /** After a journal write: start watchers for new allocations, stop those of released ones. */
  void afterWrite(List<RegistryEvent> events) {
    for (RegistryEvent e : events) {
      if (e instanceof PortAllocated a && settings.enabled()) {
        spawn(a.allocation());
      } else if (e instanceof PortReleased r) {
        ActorRef<HealthWatcher.Command> watcher = live.remove(r.id());
        if (watcher != null) {
          context.stop(watcher);
        }
      }
    }
  }

  /**
   * A watcher stopped: expected after {@link #afterWrite} or {@link #respawnAll} stopped it, a
   * surprise otherwise. Forgets it unless a newer watcher already took its place.
   */
  void stopped(AllocationId id, ActorRef<HealthWatcher.Command> ref) {
    live.remove(id, ref);
  }

  int size() {
    return live.size();
  }

  private void spawn(Allocation a) {
    Behavior<HealthWatcher.Command> supervised = Behaviors.supervise(
            HealthWatcher.create(a, settings, probe, clock, metrics, reportTo))
        .onFailure(SupervisorStrategy.restartWithBackoff(MIN_BACKOFF, MAX_BACKOFF, 0.2)
            .withLogLevel(Level.WARN));
    ActorRef<HealthWatcher.Command> ref =
        context.spawn(supervised, "watcher-" + a.id() + "-" + generation);
    context.watchWith(ref, new PortRegistry.WatcherStopped(a.id(), ref));
    live.put(a.id(), ref);
  }
}
