package dev.styxy.actors;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.styxy.config.ServiceCatalog;
import dev.styxy.persistence.AllocationId;
import dev.styxy.persistence.AllocationRequest;
import dev.styxy.persistence.CborSerializable;
import dev.styxy.persistence.RegistryEvent;
import dev.styxy.persistence.RegistryState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.persistence.typed.JournalPersistFailed;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.RecoveryFailed;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/**
 * The one place where ports are decided. Event-sourced: every allocation and release is journaled
 * before anyone hears about it, and a restart replays the journal (from the newest snapshot) into
 * the same {@link RegistryState}. Decision logic is in {@link RegistryState} and
 * {@link BatchDecision}; this class decides, persists, replies and keeps the runtime parts.
 *
 * <p>{@link Mutation}s come one at a time or batched by the {@link RegistryBatcher}; heartbeats
 * stay in memory ({@link Heartbeats}). Children: one {@link HealthWatcher} per live allocation
 * ({@link Watchers}), spawned after the allocation is journaled and again after replay, each with
 * its own restart backoff. Reports arriving together are journaled in one write; a {@link Sweep}
 * timer expires leases and removes exited or silent instances. Runs on
 * {@code styxy.registry-dispatcher} (bind tests are I/O); a journal failure restarts it with
 * backoff, its parent {@link RecoverySupervisor} any other crash; after each replay it reconciles
 * and reports ({@link RegistryLifecycle}).
 */
public final class PortRegistry
    extends EventSourcedBehaviorWithEnforcedReplies<PortRegistry.Command, RegistryEvent,
        RegistryState> {

  /** Everything the registry accepts. */
  public sealed interface Command extends CborSerializable {}

  /**
   * A command that may change state; batched by the {@link RegistryBatcher}. Named subtypes, so an
   * {@link ApplyBatch} (a list of mutations) serializes like every other command.
   */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME)
  @JsonSubTypes({
      @JsonSubTypes.Type(value = Allocate.class, name = "allocate"),
      @JsonSubTypes.Type(value = Release.class, name = "release"),
      @JsonSubTypes.Type(value = RegisterInstance.class, name = "register-instance"),
      @JsonSubTypes.Type(value = DeregisterInstance.class, name = "deregister-instance"),
      @JsonSubTypes.Type(value = RenewLease.class, name = "renew-lease"),
      @JsonSubTypes.Type(value = Cleanup.class, name = "cleanup"),
      @JsonSubTypes.Type(value = ReloadCatalog.class, name = "reload-catalog"),
      @JsonSubTypes.Type(value = ImportState.class, name = "import-state")})
  public sealed interface Mutation extends Command {}

  /** Allocate a port for {@code request}; replies {@link AllocateReply} after the journal write. */
  public record Allocate(AllocationRequest request, ActorRef<AllocateReply> replyTo)
      implements Mutation {}

  /** Release the allocation with lock id {@code id}; replies {@link ReleaseReply}. */
  public record Release(AllocationId id, String reason, String requestId, String actor,
      ActorRef<ReleaseReply> replyTo) implements Mutation {}

  /**
   * Register (or re-register, replacing) an agent instance; replies
   * {@link InstanceReply.Registered} after the journal write.
   *
   * @param metadataJson the metadata object as compact JSON text, {@code "{}"} when none was given
   */
  public record RegisterInstance(String instanceId, String workingDirectory, String metadataJson,
      Long pid, String requestId, String actor, ActorRef<InstanceReply> replyTo)
      implements Mutation {}

  /** Deregister an instance, releasing its allocations; replies {@link InstanceReply}. */
  public record DeregisterInstance(String instanceId, String requestId, String actor,
      ActorRef<InstanceReply> replyTo) implements Mutation {}

  /** Record a heartbeat (in memory only); replies {@link InstanceReply}. */
  public record InstanceHeartbeat(String instanceId, ActorRef<InstanceReply> replyTo)
      implements Command {}

  /** Renew the lease of allocation {@code id} by its own TTL; replies {@link LeaseReply}. */
  public record RenewLease(AllocationId id, String requestId, String actor,
      ActorRef<LeaseReply> replyTo) implements Mutation {}

  /**
   * {@code POST /cleanup}: release what {@code StaleAllocations.cleanup} finds (everything with
   * {@code force}); replies {@link Cleaned}.
   */
  public record Cleanup(boolean force, String requestId, String actor,
      ActorRef<Cleaned> replyTo) implements Mutation {}

  /** Decide with {@code catalog} from the next mutation on; replies {@link CatalogReloaded}. */
  public record ReloadCatalog(ServiceCatalog catalog, String requestId, String actor,
      ActorRef<CatalogReloaded> replyTo) implements Mutation {}

  /** Import {@code content}, an original {@code daemon.state} read from {@code source}. */
  public record ImportState(byte[] content, String source, String requestId, String actor,
      ActorRef<StateImported> replyTo) implements Mutation {}

  /** A watcher's report, adapted to the registry's protocol. */
  record WrappedHealthReport(HealthWatcher.Report report) implements Command {}

  /** Journal the reports collected since the last flush, in one write. */
  enum FlushHealth implements Command { INSTANCE }

  /** The sweep timer: expire leases, remove exited or silent instances. */
  enum Sweep implements Command { INSTANCE }

  /** Sent to itself after replay: run the reconciliation pass ({@link RegistryLifecycle}). */
  enum Reconcile implements Command { INSTANCE }

  /** To the batcher from the supervisor: whether the registry can take mutations now. */
  public record Availability(boolean up, String reason) implements Command {}

  /** A watcher child stopped. */
  record WatcherStopped(AllocationId id, ActorRef<HealthWatcher.Command> ref)
      implements Command {}

  /** Reply with every registered instance, live heartbeat times included. */
  public record ListInstances(ActorRef<InstanceReply.InstanceList> replyTo) implements Command {}

  /** Journal another journal's {@code events} in one write if this one is empty. */
  public record ImportJournal(List<RegistryEvent> events, ActorRef<JournalImported> replyTo)
      implements Command {
    public ImportJournal { events = List.copyOf(events); }
  }

  /** Reply with the current state (immutable, safe to share). */
  public record GetState(ActorRef<StateView> replyTo) implements Command {}

  /** Decide all {@code mutations} in order, journal their events in one write, then reply. */
  record ApplyBatch(List<Mutation> mutations, long sequence, ActorRef<BatchApplied> batcher)
      implements Command {
    ApplyBatch { mutations = List.copyOf(mutations); }
  }

  /** To the batcher once batch {@code sequence} is done: journaled, or refused (503). */
  record BatchApplied(long sequence) implements Command {}

  /** The batcher's own timer: batch {@code sequence} was not acknowledged in time. */
  record BatchTimedOut(long sequence) implements Command {}

  private final ActorContext<Command> context;
  private final RegistryDependencies deps;
  private final Heartbeats heartbeats = new Heartbeats();
  /** The health watcher children; {@code null} without a health layer. */
  private final Watchers watchers;
  /** Watcher reports received since the last {@link FlushHealth}. */
  private final List<HealthWatcher.Report> pendingReports = new ArrayList<>();
  private final RegistryLifecycle lifecycle;
  private final AfterWrite afterWrite;

  private PortRegistry(ActorContext<Command> context, TimerScheduler<Command> timers,
      PersistenceId id, RegistryDependencies deps) {
    super(id, SupervisorStrategy.restartWithBackoff(deps.settings().restartMinBackoff(),
        deps.settings().restartMaxBackoff(), 0.2));
    this.context = context;
    this.deps = deps;
    RegistryDependencies.Health health = deps.health();
    this.watchers = health == null ? null : new Watchers(context, health.settings(),
        health.probe(), deps.clock(), deps.metrics(),
        context.messageAdapter(HealthWatcher.Report.class, WrappedHealthReport::new));
    this.lifecycle = new RegistryLifecycle(context, timers, deps, heartbeats, watchers);
    this.afterWrite = new AfterWrite(deps, heartbeats, watchers, lifecycle, context.getSystem());
  }

  /** The persistence id of the one registry; the journal holds exactly this entity. */
  public static final PersistenceId PERSISTENCE_ID = PersistenceId.of("PortRegistry", "default");

  public static Behavior<Command> create(RegistryDependencies deps) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(
        timers -> new PortRegistry(ctx, timers, PERSISTENCE_ID, deps)));
  }

  @Override
  public RegistryState emptyState() {
    return RegistryState.empty();
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(deps.settings().snapshotEvery(),
        deps.settings().keepSnapshots());
  }

  @Override
  public CommandHandlerWithReply<Command, RegistryEvent, RegistryState> commandHandler() {
    return newCommandHandlerWithReplyBuilder().forAnyState()
        .onCommand(Mutation.class, (state, cmd) -> decideBatch(state, List.of(cmd), null))
        .onCommand(InstanceHeartbeat.class, (state, cmd) -> Effect().reply(cmd.replyTo(),
            heartbeats.beat(state, cmd.instanceId(), deps.clock().instant())))
        .onCommand(ListInstances.class, (state, cmd) -> Effect().reply(cmd.replyTo(),
            heartbeats.list(state)))
        .onCommand(ApplyBatch.class, (state, cmd) -> decideBatch(state, cmd.mutations(), cmd))
        .onCommand(GetState.class, (state, cmd) -> Effect().reply(cmd.replyTo(),
            new StateView(state, deps.conflicts().snapshot(), deps.catalog())))
        .onCommand(ImportJournal.class, this::onImportJournal)
        .onCommand(WrappedHealthReport.class, this::onHealthReport)
        .onCommand(FlushHealth.class, (state, cmd) -> persist(state, flushReports(state), null))
        .onCommand(Sweep.class, (state, cmd) -> persist(state, newDecision(state).sweep(), null))
        .onCommand(Reconcile.class,
            (state, cmd) -> persist(state, lifecycle.reconcile(newDecision(state)), null))
        .onCommand(WatcherStopped.class, (state, cmd) -> {
          watchers.stopped(cmd.id(), cmd.ref());
          return Effect().noReply();
        })
        .build();
  }

  @Override
  public EventHandler<RegistryState, RegistryEvent> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onAnyEvent(RegistryState::apply);
  }

  @Override
  public SignalHandler<RegistryState> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(RecoveryCompleted.instance(),
            state -> lifecycle.recovered(state, lastSequenceNumber(context)))
        .onSignal(JournalPersistFailed.class, (state, s) -> lifecycle.writeFailed(s.failure()))
        .onSignal(RecoveryFailed.class, (state, s) -> lifecycle.replayFailed(s.failure()))
        .build();
  }

  /** Collects a report; reports arriving together are journaled together by one flush. */
  private ReplyEffect<RegistryEvent, RegistryState> onHealthReport(RegistryState state,
      WrappedHealthReport cmd) {
    if (pendingReports.isEmpty()) {
      context.getSelf().tell(FlushHealth.INSTANCE);
    }
    pendingReports.add(cmd.report());
    return Effect().noReply();
  }

  /** Only into an empty journal, so the imported sequence numbers stay what they were. */
  private ReplyEffect<RegistryEvent, RegistryState> onImportJournal(RegistryState state,
      ImportJournal cmd) {
    long last = lastSequenceNumber(context);
    if (last != 0) {
      return Effect().reply(cmd.replyTo(), JournalImported.refused(last, "The journal already "
          + "holds " + last + " event(s); import only into a new, empty journal"));
    }
    return cmd.events().isEmpty() ? Effect().reply(cmd.replyTo(), JournalImported.done(0, state))
        : Effect().persist(cmd.events())
        .thenRun(lifecycle::imported)
        .thenReply(cmd.replyTo(), after -> JournalImported.done(cmd.events().size(), after));
  }

  /**
   * Decides each mutation against the state left by the ones before it, journals every event in
   * one write, and sends each reply only after that write.
   */
  private ReplyEffect<RegistryEvent, RegistryState> decideBatch(RegistryState state,
      List<Mutation> mutations, ApplyBatch batch) {
    BatchDecision decided = newDecision(state);
    lifecycle.decideAll(decided, mutations, batch);
    return persist(state, decided, batch);
  }

  private BatchDecision flushReports(RegistryState state) {
    BatchDecision decided = newDecision(state);
    pendingReports.forEach(decided::health);
    pendingReports.clear();
    return decided;
  }

  private BatchDecision newDecision(RegistryState state) {
    Duration staleAfter = deps.health() == null ? Duration.ZERO
        : deps.health().settings().instanceStaleAfter();
    return new BatchDecision(state, deps, heartbeats.policy(staleAfter));
  }

  /** Journals the events decided from {@code before} in one write, then runs {@link AfterWrite}. */
  private ReplyEffect<RegistryEvent, RegistryState> persist(RegistryState before,
      BatchDecision decided, ApplyBatch batch) {
    List<RegistryEvent> events = decided.events();
    var effect = events.isEmpty() ? Effect().none() : Effect().persist(events);
    long persistNanos = System.nanoTime();
    var withReplies = effect.thenRun(after -> afterWrite.run(decided, before, after,
        context.getLog(), lastSequenceNumber(context), persistNanos));
    return batch == null ? withReplies.thenNoReply()
        : withReplies.thenReply(batch.batcher(), after -> new BatchApplied(batch.sequence()));
  }
}
