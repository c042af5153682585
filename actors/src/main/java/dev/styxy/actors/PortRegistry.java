package dev.styxy.actors;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.styxy.config.RegistrySettings;
import dev.styxy.config.ServiceCatalog;
import dev.styxy.persistence.Allocation;
import dev.styxy.persistence.AllocationId;
import dev.styxy.persistence.AllocationRequest;
import dev.styxy.persistence.CborSerializable;
import dev.styxy.persistence.ErrorCode;
import dev.styxy.persistence.Instance;
import dev.styxy.persistence.PortAvailability;
import dev.styxy.persistence.RegistryEvent;
import dev.styxy.persistence.RegistryState;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/**
 * The one place where ports are decided. Event-sourced: every allocation and release is journaled
 * before anyone hears about it, and a restart replays the journal (from the newest snapshot) into the
 * same {@link RegistryState}.
 *
 * <p>Receives {@link Allocate} and {@link Release} one at a time (tests, callers that need no
 * batching) or as an {@link ApplyBatch} from the {@link RegistryBatcher}, which groups the commands
 * that arrive while a journal write is in flight so that one write carries many decisions. Reads
 * ({@link GetState}) see the state after every acknowledged write. Decision logic is in
 * {@link RegistryState}; this class only decides, persists and replies.
 *
 * <p>Agent instances are registered and deregistered through the same batched, journaled path
 * ({@link RegisterInstance}, {@link DeregisterInstance}; deregistering also releases the instance's
 * live allocations in the same write). Heartbeats ({@link InstanceHeartbeat}) are not journaled:
 * one every 30 s per agent would flood the journal, so the last heartbeat of each instance is kept
 * in memory only, in this actor. After a restart (or a backoff restart after a journal failure) an
 * instance's last heartbeat is its registration time until it sends the next one.
 *
 * <p>Runs on the {@code styxy.registry-dispatcher} (see reference.conf): the bind test of a
 * candidate is a quick non-blocking system call, but it is still I/O and should not share threads
 * with HTTP. A journal failure restarts it with the backoff from {@link RegistrySettings}.
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
      @JsonSubTypes.Type(value = DeregisterInstance.class, name = "deregister-instance")})
  public sealed interface Mutation extends Command {}

  /** Allocate a port for {@code request}; replies {@link AllocateReply} after the journal write. */
  public record Allocate(AllocationRequest request, ActorRef<AllocateReply> replyTo)
      implements Mutation {}

  /** Release the allocation with lock id {@code id}; replies {@link ReleaseReply}. */
  public record Release(AllocationId id, String reason, String requestId, String actor,
      ActorRef<ReleaseReply> replyTo) implements Mutation {}

  /**
   * Register (or re-register, replacing) an agent instance; replies {@link InstanceReply.Registered} after the
   * journal write.
   *
   * @param metadataJson the metadata object as compact JSON text, {@code "{}"} when none was given
   */
  public record RegisterInstance(String instanceId, String workingDirectory, String metadataJson,
      Long pid, String requestId, String actor, ActorRef<InstanceReply> replyTo)
      implements Mutation {}

  /**
   * Deregister an instance and release its live allocations; replies {@link InstanceReply.Deregistered}, or
   * {@link InstanceReply.InstanceRejected} with {@code INSTANCE_NOT_FOUND}.
   */
  public record DeregisterInstance(String instanceId, String requestId, String actor,
      ActorRef<InstanceReply> replyTo) implements Mutation {}

  /**
   * Record a heartbeat (in memory, not journaled); replies {@link InstanceReply.HeartbeatRecorded}, or
   * {@link InstanceReply.InstanceRejected} with {@code INSTANCE_NOT_FOUND}.
   */
  public record InstanceHeartbeat(String instanceId, ActorRef<InstanceReply> replyTo)
      implements Command {}

  /** Reply with every registered instance, live heartbeat times included. */
  public record ListInstances(ActorRef<InstanceReply.InstanceList> replyTo) implements Command {}

  /** Reply with the current state (immutable, safe to share). */
  public record GetState(ActorRef<StateView> replyTo) implements Command {}

  /** Decide all {@code mutations} in order, journal their events in one write, then reply. */
  record ApplyBatch(List<Mutation> mutations, long sequence, ActorRef<BatchApplied> batcher)
      implements Command {
    ApplyBatch {
      mutations = List.copyOf(mutations);
    }
  }

  /** Sent to the batcher once the events of batch {@code sequence} are journaled. */
  record BatchApplied(long sequence) implements Command {}

  /** The batcher's own timer: batch {@code sequence} was not acknowledged in time. */
  record BatchTimedOut(long sequence) implements Command {}

  /**
   * The state at the time of the read, and the outside-process conflicts counted since start.
   */
  public record StateView(RegistryState state, Map<String, Long> portConflicts)
      implements CborSerializable {
    public StateView {
      portConflicts = portConflicts == null ? Map.of() : Map.copyOf(portConflicts);
    }

    public StateView(RegistryState state) {
      this(state, Map.of());
    }
  }

  /** Answer to {@link Allocate}. */
  public sealed interface AllocateReply extends CborSerializable {}

  /** A new allocation, journaled. {@code reasons} is the decision trail. */
  public record Allocated(Allocation allocation, String message, List<String> reasons)
      implements AllocateReply {}

  /** A live allocation answers the request (single-instance type or repeated named claim). */
  public record Existing(Allocation allocation, boolean singleton, String message)
      implements AllocateReply {}

  /** Dry run: {@code port} would be allocated now. */
  public record DryRunResult(int port, String message) implements AllocateReply {}

  /** Refused; nothing was journaled. */
  public record AllocateRejected(ErrorCode code, String message, List<String> reasons)
      implements AllocateReply {}

  /** Answer to {@link Release}. */
  public sealed interface ReleaseReply extends CborSerializable {}

  /** Released, journaled. */
  public record Released(Allocation allocation, String message) implements ReleaseReply {}

  /** Not released ({@code ALLOCATION_NOT_FOUND}). */
  public record ReleaseRejected(ErrorCode code, String message) implements ReleaseReply {}

  /**
   * Everything the registry needs from outside, passed once at creation.
   *
   * @param conflicts where ports found held by outside processes are counted
   */
  public record Dependencies(ServiceCatalog catalog, RegistrySettings settings,
      PortAvailability os, int daemonPort, Clock clock, PortConflicts conflicts) {

    public Dependencies(ServiceCatalog catalog, RegistrySettings settings, PortAvailability os,
        int daemonPort, Clock clock) {
      this(catalog, settings, os, daemonPort, clock, new PortConflicts());
    }
  }

  private final ActorContext<Command> context;
  private final Dependencies deps;
  /** Last heartbeat per instance id since this incarnation started; never journaled. */
  private final Map<String, Instant> heartbeats = new HashMap<>();

  private PortRegistry(ActorContext<Command> context, PersistenceId id, Dependencies deps) {
    super(id, SupervisorStrategy.restartWithBackoff(deps.settings().restartMinBackoff(),
        deps.settings().restartMaxBackoff(), 0.2));
    this.context = context;
    this.deps = deps;
  }

  /** The persistence id of the one registry; the journal holds exactly this entity. */
  public static final PersistenceId PERSISTENCE_ID = PersistenceId.of("PortRegistry", "default");

  public static Behavior<Command> create(Dependencies deps) {
    return Behaviors.setup(ctx -> new PortRegistry(ctx, PERSISTENCE_ID, deps));
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
        .onCommand(Allocate.class, (state, cmd) -> decideBatch(state, List.of(cmd), null))
        .onCommand(Release.class, (state, cmd) -> decideBatch(state, List.of(cmd), null))
        .onCommand(RegisterInstance.class,
            (state, cmd) -> decideBatch(state, List.of(cmd), null))
        .onCommand(DeregisterInstance.class,
            (state, cmd) -> decideBatch(state, List.of(cmd), null))
        .onCommand(InstanceHeartbeat.class, this::onHeartbeat)
        .onCommand(ListInstances.class, (state, cmd) -> Effect().reply(cmd.replyTo(),
            listInstances(state)))
        .onCommand(ApplyBatch.class, (state, cmd) -> decideBatch(state, cmd.mutations(), cmd))
        .onCommand(GetState.class, (state, cmd) -> Effect().reply(cmd.replyTo(),
            new StateView(state, deps.conflicts().snapshot())))
        .build();
  }

  @Override
  public EventHandler<RegistryState, RegistryEvent> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onAnyEvent(RegistryState::apply);
  }

  @Override
  public SignalHandler<RegistryState> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(RecoveryCompleted.instance(), state -> context.getLog().info(
            "Registry recovered with [{}] live allocations", state.size()))
        .build();
  }

  private ReplyEffect<RegistryEvent, RegistryState> onHeartbeat(RegistryState state,
      InstanceHeartbeat cmd) {
    if (state.instance(cmd.instanceId()).isEmpty()) {
      return Effect().reply(cmd.replyTo(),
          new InstanceReply.InstanceRejected(ErrorCode.INSTANCE_NOT_FOUND, "Instance not found"));
    }
    Instant now = deps.clock().instant();
    heartbeats.put(cmd.instanceId(), now);
    return Effect().reply(cmd.replyTo(), new InstanceReply.HeartbeatRecorded(cmd.instanceId(), now));
  }

  private InstanceReply.InstanceList listInstances(RegistryState state) {
    List<InstanceReply.InstanceEntry> entries = new ArrayList<>();
    for (Instance i : state.instances()) {
      Instant beat = heartbeats.getOrDefault(i.id(), i.lastHeartbeat());
      List<AllocationId> locks = state.ofInstance(i.id()).stream().map(Allocation::id).toList();
      entries.add(new InstanceReply.InstanceEntry(i.withHeartbeat(beat), locks));
    }
    return new InstanceReply.InstanceList(entries);
  }

  /**
   * Decides each mutation against the state left by the ones before it, journals every event in one
   * write, and sends each reply only after that write.
   */
  private ReplyEffect<RegistryEvent, RegistryState> decideBatch(RegistryState state,
      List<Mutation> mutations, ApplyBatch batch) {
    BatchDecision decided = new BatchDecision(state, deps, heartbeats);
    for (Mutation m : mutations) {
      if (m instanceof Allocate a) {
        decided.allocate(a);
      } else if (m instanceof Release r) {
        decided.release(r);
      } else if (m instanceof RegisterInstance r) {
        decided.register(r);
      } else {
        decided.deregister((DeregisterInstance) m);
      }
    }
    List<RegistryEvent> events = decided.events();
    var effect = events.isEmpty() ? Effect().none() : Effect().persist(events);
    var withReplies = effect.thenRun(after -> decided.replyAndLog(context.getLog()));
    return batch == null ? withReplies.thenNoReply()
        : withReplies.thenReply(batch.batcher(), after -> new BatchApplied(batch.sequence()));
  }

}
