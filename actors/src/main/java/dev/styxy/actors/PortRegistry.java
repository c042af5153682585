package dev.styxy.actors;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.styxy.config.RegistrySettings;
import dev.styxy.config.ServiceCatalog;
import dev.styxy.persistence.Allocation;
import dev.styxy.persistence.AllocationDecision;
import dev.styxy.persistence.AllocationId;
import dev.styxy.persistence.AllocationRequest;
import dev.styxy.persistence.CborSerializable;
import dev.styxy.persistence.ErrorCode;
import dev.styxy.persistence.Instance;
import dev.styxy.persistence.InstanceDeregistered;
import dev.styxy.persistence.InstanceRegistered;
import dev.styxy.persistence.PortAllocated;
import dev.styxy.persistence.PortAvailability;
import dev.styxy.persistence.PortReleased;
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
   * Register (or re-register, replacing) an agent instance; replies {@link Registered} after the
   * journal write.
   *
   * @param metadataJson the metadata object as compact JSON text, {@code "{}"} when none was given
   */
  public record RegisterInstance(String instanceId, String workingDirectory, String metadataJson,
      Long pid, String requestId, String actor, ActorRef<InstanceReply> replyTo)
      implements Mutation {}

  /**
   * Deregister an instance and release its live allocations; replies {@link Deregistered}, or
   * {@link InstanceRejected} with {@code INSTANCE_NOT_FOUND}.
   */
  public record DeregisterInstance(String instanceId, String requestId, String actor,
      ActorRef<InstanceReply> replyTo) implements Mutation {}

  /**
   * Record a heartbeat (in memory, not journaled); replies {@link HeartbeatRecorded}, or
   * {@link InstanceRejected} with {@code INSTANCE_NOT_FOUND}.
   */
  public record InstanceHeartbeat(String instanceId, ActorRef<InstanceReply> replyTo)
      implements Command {}

  /** Reply with every registered instance, live heartbeat times included. */
  public record ListInstances(ActorRef<InstanceList> replyTo) implements Command {}

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

  /** Answer to the instance commands other than {@link ListInstances}. */
  public sealed interface InstanceReply extends CborSerializable {}

  /** Registered, journaled. */
  public record Registered(Instance instance, String message) implements InstanceReply {}

  /** Deregistered, journaled together with the release of {@code released} allocations. */
  public record Deregistered(String instanceId, int released, String message)
      implements InstanceReply {}

  /** The heartbeat was recorded at {@code lastHeartbeat}. */
  public record HeartbeatRecorded(String instanceId, Instant lastHeartbeat)
      implements InstanceReply {}

  /** Refused ({@code INSTANCE_NOT_FOUND}, or {@code REGISTRY_UNAVAILABLE} from the batcher). */
  public record InstanceRejected(ErrorCode code, String message) implements InstanceReply {}

  /** Answer to {@link ListInstances}: the instances, ordered by id. */
  public record InstanceList(List<InstanceEntry> instances) implements CborSerializable {
    public InstanceList {
      instances = List.copyOf(instances);
    }
  }

  /** One registered instance and the lock ids of its live allocations, ordered by port. */
  public record InstanceEntry(Instance instance, List<AllocationId> activeAllocations)
      implements CborSerializable {
    public InstanceEntry {
      activeAllocations = List.copyOf(activeAllocations);
    }
  }

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
          new InstanceRejected(ErrorCode.INSTANCE_NOT_FOUND, "Instance not found"));
    }
    Instant now = deps.clock().instant();
    heartbeats.put(cmd.instanceId(), now);
    return Effect().reply(cmd.replyTo(), new HeartbeatRecorded(cmd.instanceId(), now));
  }

  private InstanceList listInstances(RegistryState state) {
    List<InstanceEntry> entries = new ArrayList<>();
    for (Instance i : state.instances()) {
      Instant beat = heartbeats.getOrDefault(i.id(), i.lastHeartbeat());
      List<AllocationId> locks = state.ofInstance(i.id()).stream().map(Allocation::id).toList();
      entries.add(new InstanceEntry(i.withHeartbeat(beat), locks));
    }
    return new InstanceList(entries);
  }

  /**
   * Decides each mutation against the state left by the ones before it, journals every event in one
   * write, and sends each reply only after that write.
   */
  private ReplyEffect<RegistryEvent, RegistryState> decideBatch(RegistryState state,
      List<Mutation> mutations, ApplyBatch batch) {
    BatchDecision decided = new BatchDecision(state);
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
    List<Runnable> replies = decided.replies;
    var effect = decided.events.isEmpty() ? Effect().none() : Effect().persist(decided.events);
    var withReplies = effect.thenRun(after -> {
      replies.forEach(Runnable::run);
      logEvents(decided.events);
    });
    return batch == null ? withReplies.thenNoReply()
        : withReplies.thenReply(batch.batcher(), after -> new BatchApplied(batch.sequence()));
  }

  private void logEvents(List<RegistryEvent> events) {
    for (RegistryEvent e : events) {
      if (e instanceof PortAllocated a) {
        String reasons = String.join("; ", a.reasons());
        context.getLog().atInfo().addKeyValue("lockId", a.allocation().id())
            .addKeyValue("port", a.allocation().port())
            .addKeyValue("serviceType", a.allocation().serviceType())
            .addKeyValue("requestId", a.requestId())
            .log("Allocated port [{}] ({})", a.allocation().port(), reasons);
        if (reasons.contains(" held by ") || reasons.contains("in use")) {
          context.getLog().warn("Port conflict with an outside process while allocating for [{}]: {}",
              a.allocation().serviceType(), reasons);
        }
      } else if (e instanceof PortReleased) {
        context.getLog().atInfo().addKeyValue("requestId", e.requestId())
            .log("Released [{}] ({})", e, e.reason());
      } else if (e instanceof InstanceRegistered r) {
        context.getLog().atInfo().addKeyValue("requestId", e.requestId())
            .log("Registered instance [{}]", r.instanceId());
      } else {
        context.getLog().atInfo().addKeyValue("requestId", e.requestId())
            .log("Deregistered instance [{}]", ((InstanceDeregistered) e).instanceId());
      }
    }
  }

  /** The running result of deciding a batch: events to journal and the replies they unlock. */
  private final class BatchDecision {
    private RegistryState running;
    private final List<RegistryEvent> events = new ArrayList<>();
    private final List<Runnable> replies = new ArrayList<>();

    BatchDecision(RegistryState start) {
      this.running = start;
    }

    void allocate(Allocate cmd) {
      int[] taken = {0};
      PortAvailability counting = port -> {
        var holder = deps.os().takenBy(port);
        taken[0] += holder.isPresent() ? 1 : 0;
        return holder;
      };
      AllocationDecision d = running.decideAllocation(cmd.request(), deps.catalog(), counting,
          deps.daemonPort(), AllocationId.random(), deps.clock().instant());
      if (!cmd.request().dryRun()) {
        deps.conflicts().add(cmd.request().serviceType(), taken[0]);
      }
      AllocateReply reply;
      if (d instanceof AllocationDecision.Allocate a) {
        record(a.event());
        reply = new Allocated(a.event().allocation(), a.message(), a.event().reasons());
      } else if (d instanceof AllocationDecision.Existing e) {
        reply = new Existing(e.allocation(), e.singleton(), e.message());
      } else if (d instanceof AllocationDecision.DryRun r) {
        reply = new DryRunResult(r.port(), r.message());
      } else {
        AllocationDecision.Rejected r = (AllocationDecision.Rejected) d;
        reply = new AllocateRejected(r.code(), r.message(), r.reasons());
      }
      replies.add(() -> cmd.replyTo().tell(reply));
    }

    void release(Release cmd) {
      var event = running.decideRelease(cmd.id(), cmd.reason(), cmd.requestId(), cmd.actor(),
          deps.clock().instant());
      if (event.isEmpty()) {
        replies.add(() -> cmd.replyTo().tell(new ReleaseRejected(ErrorCode.ALLOCATION_NOT_FOUND,
            "Lock ID " + cmd.id() + " not found")));
        return;
      }
      Allocation released = running.byId(cmd.id()).orElseThrow();
      record(event.get());
      replies.add(() -> cmd.replyTo().tell(
          new Released(released, "Port " + released.port() + " released")));
    }

    void register(RegisterInstance cmd) {
      InstanceRegistered event = new InstanceRegistered(cmd.instanceId(), cmd.workingDirectory(),
          cmd.metadataJson(), cmd.pid(), deps.clock().instant(), cmd.requestId(), "registered",
          cmd.actor());
      record(event);
      Instance registered = running.instance(cmd.instanceId()).orElseThrow();
      replies.add(() -> {
        heartbeats.remove(cmd.instanceId());
        cmd.replyTo().tell(new Registered(registered,
            "Instance " + cmd.instanceId() + " registered"));
      });
    }

    void deregister(DeregisterInstance cmd) {
      List<RegistryEvent> decided = running.decideDeregister(cmd.instanceId(), cmd.requestId(),
          cmd.actor(), deps.clock().instant());
      if (decided.isEmpty()) {
        replies.add(() -> cmd.replyTo().tell(
            new InstanceRejected(ErrorCode.INSTANCE_NOT_FOUND, "Instance not found")));
        return;
      }
      decided.forEach(this::record);
      int released = decided.size() - 1;
      replies.add(() -> {
        heartbeats.remove(cmd.instanceId());
        cmd.replyTo().tell(new Deregistered(cmd.instanceId(), released, "Instance "
            + cmd.instanceId() + " deregistered; " + released + " allocation(s) released"));
      });
    }

    private void record(RegistryEvent event) {
      events.add(event);
      running = running.apply(event);
    }
  }
}
