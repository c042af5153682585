package dev.styxy.actors;

import dev.styxy.actors.metrics.InvariantCheck;
import dev.styxy.persistence.Reconciliation;
import dev.styxy.persistence.RegistryEvent;
import dev.styxy.persistence.RegistryState;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * The {@link PortRegistry}'s life across replays and failures, kept out of the behavior class:
 * what happens after replay (watchers, sweep timer, the reconciliation pass), which clients a
 * journal write in flight belongs to, and the {@link RegistryReport}s to the supervisor.
 *
 * <p>Constructed once per incarnation of the registry (its {@code setup} runs again after a
 * crash), so it reports {@link RegistryReport.Started} from its constructor. A journal failure
 * restarts only the event-sourced part (its own persist-failure backoff); this object survives
 * that and reports {@link RegistryReport.JournalFailed}, then {@link RegistryReport.Ready} after
 * the replay. Used only on the registry's thread.
 */
final class RegistryLifecycle {
  private static final String WRITE_FAILED = "The journal write for this request failed and "
      + "nothing was recorded; retry in a moment";
  /** The actor named in the events of the import at start. */
  static final String IMPORT_ACTOR = "recovery";
  private static final String CRASHED = "The port registry failed while deciding this request "
      + "and is restarting; retry in a moment";

  private final ActorContext<PortRegistry.Command> context;
  private final TimerScheduler<PortRegistry.Command> timers;
  private final RegistryDependencies deps;
  private final Heartbeats heartbeats;
  private final Watchers watchers;
  private long startedNanos = System.nanoTime();
  /** When the last failure was reported; the next attempt cannot fail before the min backoff. */
  private long failedNanos = Long.MIN_VALUE;
  private long replayMillis;
  /** The journal's highest sequence number at the end of the last replay. */
  private long journalEvents;
  /** What replay produced: the pass judges these allocations only, not newer ones. */
  private RegistryState recoveredState = RegistryState.empty();
  private boolean firstWrite = true;
  /** The mutations whose events are being written, answered with 503 if the write fails. */
  private List<PortRegistry.Mutation> inFlight = List.of();
  private PortRegistry.ApplyBatch inFlightBatch;

  RegistryLifecycle(ActorContext<PortRegistry.Command> context,
      TimerScheduler<PortRegistry.Command> timers, RegistryDependencies deps,
      Heartbeats heartbeats, Watchers watchers) {
    this.context = context;
    this.timers = timers;
    this.deps = deps;
    this.heartbeats = heartbeats;
    this.watchers = watchers;
    report(new RegistryReport.Started());
  }

  /**
   * Replay finished: rebuild the runtime parts, then reconcile (or report ready at once).
   *
   * @param sequenceNr the last journaled sequence number; 0 for a journal with no events yet,
   *     the only case in which an original {@code daemon.state} is imported
   */
  void recovered(RegistryState state, long sequenceNr) {
    replayMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    journalEvents = sequenceNr;
    recoveredState = state;
    deps.metrics().recovered(state);
    firstWrite = true;
    heartbeats.recovered(deps.clock().instant());
    AutoTypeEffects.recovered(state, deps.configMirror());
    if (watchers != null) {
      watchers.respawnAll(state);
      timers.startTimerWithFixedDelay(PortRegistry.Sweep.INSTANCE,
          deps.health().settings().sweepInterval());
    }
    publishWatchers();
    context.getLog().info("Registry recovered with [{}] live allocations, [{}] watched, in [{}] ms",
        state.size(), watchers == null ? 0 : watchers.size(), replayMillis);
    if (sequenceNr == 0) {
      deps.recovery().startupImport().take().ifPresent(this::importAtStart);
    }
    if (deps.recovery().reconcile()) {
      context.getSelf().tell(PortRegistry.Reconcile.INSTANCE);
    } else {
      report(new RegistryReport.Ready(new RegistryReport.Reconciled(state.size(), 0, 0, 0,
          List.of(), replayMillis, 0, journalEvents)));
    }
  }

  /**
   * A journal import was written: rebuild the runtime parts as after a replay (watchers, instance
   * heartbeats, auto types in config.json). No reconciliation pass: the import keeps the state as
   * it was exported, and the watchers judge the owners from here on.
   */
  void imported(RegistryState state) {
    deps.metrics().recovered(state);
    heartbeats.recovered(deps.clock().instant());
    AutoTypeEffects.recovered(state, deps.configMirror());
    if (watchers != null) {
      watchers.respawnAll(state);
    }
    publishWatchers();
    context.getLog().info("Journal imported: [{}] live allocations, [{}] instances, [{}] auto "
        + "types", state.size(), state.instanceCount(), state.autoTypes().size());
  }

  /**
   * Imports the original's {@code daemon.state} (the journal is new) before the reconciliation
   * pass, so the daemon is ready only with what it held; logs the summary and each skipped record.
   */
  private void importAtStart(StartupImport.Content content) {
    ActorRef<StateImported> logger = context.spawnAnonymous(Behaviors.setup(ctx ->
        Behaviors.receive(StateImported.class).onMessage(StateImported.class, done -> {
          if (done.refused() != null) {
            ctx.getLog().warn("Original state not imported: {}", done.message());
            return Behaviors.stopped();
          }
          done.skipped().forEach(line -> ctx.getLog().info("Import of {} skipped {}",
              content.source(), line));
          ctx.getLog().info("{} from {} (the file is kept as it is)", done.message(),
              content.source());
          return Behaviors.stopped();
        }).build()));
    context.getSelf().tell(new PortRegistry.ImportState(content.bytes(), content.source(), null,
        IMPORT_ACTOR, logger));
  }

  /**
   * The reconciliation pass as part of {@code decision}, with the {@link InvariantCheck} and the
   * foreign-held gauge; reports ready after its write. Commands stashed during replay run before
   * it, so it judges what replay produced, minus what those commands released since.
   */
  BatchDecision reconcile(BatchDecision decision) {
    long start = System.nanoTime();
    return decision.reconcile(current -> {
          InvariantCheck.check(current, deps.metrics(), context.getLog());
          return Reconciliation.decide(recoveredState, deps.catalog(), deps.owners(),
              deps.recovery().holders(), deps.clock().instant()).within(current);
        },
        (result, live) -> {
          deps.metrics().foreignHeld(result.foreign().size());
          long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
          report(new RegistryReport.Ready(new RegistryReport.Reconciled(live, result.checked(),
              result.orphaned(), result.duplicates(), result.foreign(), replayMillis, millis,
              journalEvents)));
        });
  }

  /**
   * Decides {@code mutations} into {@code decided}, remembering their clients until the write is
   * done. If deciding throws, the clients get 503 at once and the failure goes on to supervision.
   */
  void decideAll(BatchDecision decided, List<PortRegistry.Mutation> mutations,
      PortRegistry.ApplyBatch batch) {
    inFlight = mutations;
    inFlightBatch = batch;
    try {
      mutations.forEach(decided::decide);
    } catch (RuntimeException e) {
      // The supervisor hears first, so nobody asking it after the 503 is told READY.
      report(new RegistryReport.Crashed(rootMessage(e)));
      abandon(CRASHED);
      throw e;
    }
  }

  /** A write (or a decision with nothing to write) is done and its replies are sent. */
  void written(List<RegistryEvent> events) {
    inFlight = List.of();
    inFlightBatch = null;
    publishWatchers();
    if (firstWrite && !events.isEmpty()) {
      firstWrite = false;
      report(new RegistryReport.WriteSucceeded());
    }
  }

  /** The journal refused a write: answer its clients now; the registry restarts and replays. */
  void writeFailed(Throwable cause) {
    context.getLog().warn("Journal write failed; answering [{}] request(s) with 503 and "
        + "restarting the registry: {}", inFlight.size(), rootMessage(cause));
    // The supervisor hears first, so nobody asking it after the 503 is told READY.
    restarting(cause);
    retryStartupImport();
    abandon(WRITE_FAILED);
  }

  /**
   * The import at start was in the failed write, so nothing of it was recorded: it goes back to
   * {@link StartupImport}, and the replay after the restart imports it again. Only for journal
   * failures: an import whose decision crashed would crash again.
   */
  private void retryStartupImport() {
    for (PortRegistry.Mutation m : inFlight) {
      if (m instanceof PortRegistry.ImportState i && i.requestId() == null
          && IMPORT_ACTOR.equals(i.actor())) {
        deps.recovery().startupImport().retry(new StartupImport.Content(i.content(), i.source()));
        context.getLog().info("The import of [{}] was not recorded; it runs again after the "
            + "journal recovers", i.source());
      }
    }
  }

  /** Replay failed: the registry restarts with backoff and tries again. */
  void replayFailed(Throwable cause) {
    context.getLog().debug("Journal replay failed: {}", rootMessage(cause));
    restarting(cause);
  }

  /**
   * Reports the failure once: Pekko signals one failed replay more than once, and no new attempt
   * can start (and fail) within the minimum restart backoff.
   */
  private void restarting(Throwable cause) {
    long now = System.nanoTime();
    if (failedNanos != Long.MIN_VALUE
        && now - failedNanos < deps.settings().restartMinBackoff().toNanos()) {
      return;
    }
    failedNanos = now;
    startedNanos = now;
    report(new RegistryReport.JournalFailed(rootMessage(cause)));
  }

  private void abandon(String why) {
    inFlight.forEach(m -> Refusals.refuse(m, why));
    if (inFlightBatch != null) {
      inFlightBatch.batcher().tell(new PortRegistry.BatchApplied(inFlightBatch.sequence()));
    }
    inFlight = List.of();
    inFlightBatch = null;
  }

  private void publishWatchers() {
    deps.recovery().watchers().set(watchers == null ? 0 : watchers.size());
  }

  private void report(RegistryReport r) {
    ActorRef<RegistryReport> to = deps.recovery().reportTo();
    if (to != null) {
      to.tell(r);
    }
  }

  /** The innermost cause's first message line, or its class name when it has none. */
  static String rootMessage(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return m.strip().lines().findFirst().orElse(root.getClass().getSimpleName());
  }
}
