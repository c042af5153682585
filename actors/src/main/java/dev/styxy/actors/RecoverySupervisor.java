package dev.styxy.actors;

import dev.styxy.actors.metrics.StyxyMetrics;
import dev.styxy.config.RecoverySettings;
import dev.styxy.persistence.Reconciliation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parent of the {@link PortRegistry} and of the {@link RegistryBatcher} in front of it; owns the
 * daemon's readiness. It does not read the journal: replay is the registry's own recovery.
 *
 * <p>The registry is spawned under {@code supervise(..).onFailure(RuntimeException, restart with
 * backoff)}: a crash restarts it in place, so the batcher's (and the routes') reference stays
 * valid, and commands arriving during the backoff are stashed (bounded by
 * {@code styxy.recovery.stash-capacity}). Journal failures are handled inside the registry by its
 * own persist-failure backoff. The registry reports through a message adapter
 * ({@link RegistryReport}); this actor tells the batcher when the registry can take mutations
 * ({@link PortRegistry.Availability}), so requests it cannot serve get 503 at once.
 *
 * <p>Phases: {@link #starting} (first replay) → {@link #running} (registry up) ⇄
 * {@link #restarting} (registry down after a crash or a journal failure). The reported state is
 * {@code RECOVERING} while the registry replays, {@code READY} while it is up, and
 * {@code DEGRADED} while it is down because the journal failed, or while it has restarted
 * {@code max-restarts} times within {@code restart-window} and no write has succeeded since.
 * If the registry stops for good, this actor stops too, and so does the daemon (its parent
 * watches it), for the service manager to restart the process. Recovery and supervision actions
 * are logged at INFO on the {@code dev.styxy.recovery} logger and audited ({@link
 * SupervisionAudit}: {@code audit.log} and live events).
 */
public final class RecoverySupervisor {
  /** The dedicated audit logger (one line per recovery or supervision action). */
  static final Logger AUDIT = LoggerFactory.getLogger("dev.styxy.recovery");

  /** Everything the supervisor accepts. */
  public sealed interface Command {}

  /** The daemon's readiness, as {@code /status} and {@code /health} report it. */
  public enum Readiness { RECOVERING, READY, DEGRADED }

  /** Reply with the current {@link Status}; answered at once, never waits for the registry. */
  public record GetStatus(ActorRef<Status> replyTo) implements Command {}

  /** Clear the start-up notice (a corrupt journal moved away); replies the new {@link Status}. */
  public record Acknowledge(ActorRef<Status> replyTo) implements Command {}

  /** Reply with the registry's front door (the batcher), the one ref routes talk to. */
  public record GetFrontDoor(ActorRef<ActorRef<PortRegistry.Command>> replyTo)
      implements Command {}

  private record WrappedReport(RegistryReport report) implements Command {}

  private enum RegistryStopped implements Command { INSTANCE }

  /** Where the registry is in its life; the readiness is derived from it on each request. */
  private enum Phase { STARTING, RUNNING, RESTARTING }

  /**
   * The readiness and what it rests on.
   *
   * @param detail one sentence saying why the state is what it is
   * @param registryUp whether the registry has replayed and serves requests
   * @param journalError the last journal failure, null once a replay or write succeeded since
   * @param restarts registry restarts (crashes and journal failures) since the daemon started
   * @param recentRestarts those within {@code styxy.recovery.restart-window}
   * @param watchers health watchers running now
   * @param lastRecovery the summary of the last replay and reconciliation, null before the first
   * @param notice why the daemon started without its journal, until {@link Acknowledge}d; null
   *     when there is nothing to acknowledge
   */
  public record Status(Readiness state, String detail, boolean registryUp, String journalError,
      Instant journalErrorAt, int restarts, int recentRestarts, int watchers,
      RegistryReport.Reconciled lastRecovery, String notice) {

    /** Without a notice to acknowledge. */
    public Status(Readiness state, String detail, boolean registryUp, String journalError,
        Instant journalErrorAt, int restarts, int recentRestarts, int watchers,
        RegistryReport.Reconciled lastRecovery) {
      this(state, detail, registryUp, journalError, journalErrorAt, restarts, recentRestarts,
          watchers, lastRecovery, null);
    }
  }

  private final ActorContext<Command> context;
  private final RegistryDependencies deps;
  private final RecoverySettings settings;
  private final ActorRef<PortRegistry.Command> batcher;
  private final Deque<Instant> failures = new ArrayDeque<>();
  private final SupervisionAudit audit;
  private int starts;
  private int restarts;
  private boolean writeSinceFailure = true;
  private String journalError;
  private Instant journalErrorAt;
  private RegistryReport.Reconciled lastRecovery;
  private String downReason = "replaying the journal";
  /** Why the daemon started without its journal; DEGRADED until acknowledged, else null. */
  private String notice;
  /** A journal failure was reported: the registry's next start is that failure's restart. */
  private boolean restartExpected;

  private RecoverySupervisor(ActorContext<Command> context, RegistryDependencies deps,
      RecoverySettings settings, Duration batchTimeout) {
    this.context = context;
    this.settings = settings;
    this.audit = new SupervisionAudit(context.getSystem());
    ActorRef<RegistryReport> reports =
        context.messageAdapter(RegistryReport.class, WrappedReport::new);
    this.deps = deps.withRecovery(deps.recovery().withReportTo(reports));
    Behavior<PortRegistry.Command> supervised = Behaviors.supervise(PortRegistry.create(this.deps))
        .onFailure(RuntimeException.class, SupervisorStrategy.restartWithBackoff(
                deps.settings().restartMinBackoff(), deps.settings().restartMaxBackoff(), 0.2)
            .withStashCapacity(settings.stashCapacity()));
    ActorRef<PortRegistry.Command> registry = context.spawn(supervised, "port-registry",
        DispatcherSelector.fromConfig("styxy.registry-dispatcher"));
    context.watchWith(registry, RegistryStopped.INSTANCE);
    this.batcher = context.spawn(
        RegistryBatcher.create(registry, deps.settings(), batchTimeout), "registry-batcher");
    batcher.tell(new PortRegistry.Availability(false, downReason));
  }

  /**
   * @param batchTimeout the batcher's wait for a batch acknowledgement (the HTTP ask timeout)
   */
  public static Behavior<Command> create(RegistryDependencies deps, RecoverySettings settings,
      Duration batchTimeout) {
    return create(deps, settings, batchTimeout, null);
  }

  /**
   * @param notice why the daemon started without its journal (it was corrupt and moved away):
   *     {@code DEGRADED} with this detail, though the registry serves requests, until an
   *     {@link Acknowledge}; {@code null} for none
   */
  public static Behavior<Command> create(RegistryDependencies deps, RecoverySettings settings,
      Duration batchTimeout, String notice) {
    return Behaviors.setup(ctx -> {
      RecoverySupervisor supervisor = new RecoverySupervisor(ctx, deps, settings, batchTimeout);
      supervisor.notice = notice;
      return supervisor.starting();
    });
  }

  /** The first replay: RECOVERING (DEGRADED if the replay keeps failing). */
  private Behavior<Command> starting() {
    return phase(Phase.STARTING);
  }

  /** The registry serves requests: READY, or DEGRADED after a storm of restarts. */
  private Behavior<Command> running() {
    return phase(Phase.RUNNING);
  }

  /** The registry is down after a failure: RECOVERING after one crash, else DEGRADED. */
  private Behavior<Command> restarting() {
    return phase(Phase.RESTARTING);
  }

  private Behavior<Command> phase(Phase name) {
    return Behaviors.receive(Command.class)
        .onMessage(GetStatus.class, m -> onGetStatus(m.replyTo(), name))
        .onMessage(Acknowledge.class, m -> {
          if (notice != null) {
            AUDIT.atWarn().addKeyValue("actor", "recovery").log("Acknowledged: {}", notice);
            audit.acknowledged(deps.clock().instant(), notice);
          }
          notice = null;
          return onGetStatus(m.replyTo(), name);
        })
        .onMessage(GetFrontDoor.class, m -> {
          m.replyTo().tell(batcher);
          return Behaviors.same();
        })
        .onMessage(WrappedReport.class, m -> onReport(m.report(), name))
        .onMessageEquals(RegistryStopped.INSTANCE, this::onRegistryStopped)
        .build();
  }

  private Behavior<Command> onReport(RegistryReport report, Phase phase) {
    Instant now = deps.clock().instant();
    if (report instanceof RegistryReport.Started) {
      if (++starts == 1 || restartExpected) {
        restartExpected = false;
        return Behaviors.same();
      }
      failed(now, "the registry crashed and restarted");
      return restarting();
    }
    if (report instanceof RegistryReport.Crashed c) {
      restartExpected = true;
      failed(now, "the registry crashed: " + c.cause());
      return phase == Phase.STARTING ? starting() : restarting();
    }
    if (report instanceof RegistryReport.JournalFailed f) {
      journalError = f.cause();
      journalErrorAt = now;
      restartExpected = true;
      failed(now, "the journal failed: " + f.cause());
      return phase == Phase.STARTING ? starting() : restarting();
    }
    if (report instanceof RegistryReport.WriteSucceeded) {
      writeSinceFailure = true;
      journalError = null;
      return Behaviors.same();
    }
    return onReady(((RegistryReport.Ready) report).summary());
  }

  private void failed(Instant now, String why) {
    restarts++;
    deps.metrics().restarted(StyxyMetrics.REGISTRY);
    failures.addLast(now);
    writeSinceFailure = false;
    downReason = why;
    batcher.tell(new PortRegistry.Availability(false, why));
    AUDIT.atInfo().addKeyValue("actor", "recovery").addKeyValue("restarts", restarts)
        .log("Registry restarting: {}", why);
    audit.restarting(now, why, restarts);
    context.getLog().warn("Registry restarting ({} restarts so far): {}", restarts, why);
  }

  private Behavior<Command> onReady(RegistryReport.Reconciled s) {
    audit.recovered(deps.clock().instant(), s, lastRecovery == null);
    lastRecovery = s;
    journalError = null;
    restartExpected = false;
    batcher.tell(new PortRegistry.Availability(true, "ready"));
    AUDIT.atInfo().addKeyValue("actor", "recovery").addKeyValue("live", s.live())
        .addKeyValue("checked", s.checked()).addKeyValue("orphaned", s.orphaned())
        .addKeyValue("duplicates", s.duplicates()).addKeyValue("foreign", s.foreign().size())
        .addKeyValue("replayMs", s.replayMillis()).addKeyValue("reconcileMs", s.reconcileMillis())
        .log("Registry ready: {} live allocations; reconciliation checked {}, released {} "
            + "orphaned and {} duplicate singletons, found {} held by foreign processes",
            s.live(), s.checked(), s.orphaned(), s.duplicates(), s.foreign().size());
    for (Reconciliation.Flagged f : s.foreign()) {
      context.getLog().atWarn().addKeyValue("lockId", f.id()).addKeyValue("port", f.port())
          .log("Port [{}] of {} (owner pid {}) is {}; left allocated, check it", f.port(),
              f.serviceType(), f.ownerPid(), f.holder());
    }
    return running();
  }

  private Behavior<Command> onGetStatus(ActorRef<Status> replyTo, Phase phase) {
    int recent = recentFailures();
    boolean storm = recent >= settings.maxRestarts();
    boolean up = phase == Phase.RUNNING;
    Readiness state = up ? Readiness.READY : Readiness.RECOVERING;
    String detail;
    if (up && storm && !writeSinceFailure) {
      state = Readiness.DEGRADED;
      detail = "the registry restarted " + recent + " times within " + settings.restartWindow();
    } else if (up && notice != null) {
      state = Readiness.DEGRADED;
      detail = notice + "; acknowledge with POST /health/ack";
    } else if (up) {
      detail = "the registry serves requests";
    } else if (storm || journalError != null) {
      state = Readiness.DEGRADED;
      detail = "the registry is down: " + downReason + "; restarting with backoff";
    } else {
      detail = "the registry is replaying its journal"
          + (phase == Phase.STARTING ? "" : " after a restart (" + downReason + ")");
    }
    replyTo.tell(new Status(state, detail, up, journalError, journalErrorAt, restarts,
        recent, deps.recovery().watchers().count(), lastRecovery, notice));
    return Behaviors.same();
  }

  /** Failures within the restart window, forgetting older ones. */
  private int recentFailures() {
    Instant cutoff = deps.clock().instant().minus(settings.restartWindow());
    while (!failures.isEmpty() && !failures.peekFirst().isAfter(cutoff)) {
      failures.pollFirst();
    }
    return failures.size();
  }

  private Behavior<Command> onRegistryStopped() {
    AUDIT.atError().addKeyValue("actor", "recovery").log("Registry stopped for good");
    audit.stopped(deps.clock().instant());
    context.getLog().error("The port registry stopped for good; stopping so that the daemon "
        + "exits and can be restarted");
    return Behaviors.stopped();
  }
}
