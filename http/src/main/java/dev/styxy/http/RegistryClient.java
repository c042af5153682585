package dev.styxy.http;

import dev.styxy.actors.AllocateReply;
import dev.styxy.actors.Cleaned;
import dev.styxy.actors.InstanceReply;
import dev.styxy.actors.JournalImported;
import dev.styxy.actors.LeaseReply;
import dev.styxy.actors.PortRegistry;
import dev.styxy.actors.RecoverySupervisor;
import dev.styxy.actors.ReleaseReply;
import dev.styxy.actors.StateImported;
import dev.styxy.actors.StateView;
import dev.styxy.persistence.AllocationId;
import dev.styxy.persistence.AllocationRequest;
import dev.styxy.persistence.RegistryEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Scheduler;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * The routes' side of the registry protocol: one ask per request, failing with a
 * {@link java.util.concurrent.TimeoutException} (answered 503) when the registry does not reply
 * within the ask timeout. Release requests from clients carry the reason {@code released}.
 * Readiness comes from the {@link RecoverySupervisor}, which answers without the registry.
 */
final class RegistryClient {
  /** The reason recorded in the journal when a client releases its port. */
  static final String CLIENT_RELEASE = "released";
  /** How long a journal import may take to be written. */
  static final Duration IMPORT_TIMEOUT = Duration.ofMinutes(2);

  private final ActorRef<PortRegistry.Command> registry;
  private final ActorRef<RecoverySupervisor.Command> supervisor;
  private final Duration timeout;
  private final Scheduler scheduler;

  RegistryClient(ActorRef<PortRegistry.Command> registry,
      ActorRef<RecoverySupervisor.Command> supervisor, Duration timeout, Scheduler scheduler) {
    this.registry = registry;
    this.supervisor = supervisor;
    this.timeout = timeout;
    this.scheduler = scheduler;
  }

  /** The daemon's readiness within {@code within}. */
  CompletionStage<RecoverySupervisor.Status> readiness(Duration within) {
    return AskPattern.ask(supervisor, RecoverySupervisor.GetStatus::new, within, scheduler);
  }

  /** Clears the start-up notice (a corrupt journal moved away); the readiness after that. */
  CompletionStage<RecoverySupervisor.Status> acknowledge() {
    return AskPattern.ask(supervisor, RecoverySupervisor.Acknowledge::new, timeout, scheduler);
  }

  CompletionStage<AllocateReply> allocate(AllocationRequest request) {
    return AskPattern.ask(registry,
        replyTo -> new PortRegistry.Allocate(request, replyTo), timeout, scheduler);
  }

  CompletionStage<ReleaseReply> release(AllocationId id, String requestId,
      String actor) {
    return AskPattern.ask(registry,
        replyTo -> new PortRegistry.Release(id, CLIENT_RELEASE, requestId, actor, replyTo),
        timeout, scheduler);
  }

  /** Renews the lease of {@code id} by its own TTL. */
  CompletionStage<LeaseReply> renewLease(AllocationId id, String requestId, String actor) {
    return AskPattern.ask(registry,
        replyTo -> new PortRegistry.RenewLease(id, requestId, actor, replyTo), timeout, scheduler);
  }

  /** Releases stale allocations now, or every allocation with {@code force}. */
  CompletionStage<Cleaned> cleanup(boolean force, String requestId, String actor) {
    return AskPattern.ask(registry,
        replyTo -> new PortRegistry.Cleanup(force, requestId, actor, replyTo), timeout, scheduler);
  }

  /** Imports {@code content}, an original {@code daemon.state} read from {@code source}. */
  CompletionStage<StateImported> importState(byte[] content, String source, String requestId,
      String actor) {
    return AskPattern.ask(registry, replyTo -> new PortRegistry.ImportState(content, source,
        requestId, actor, replyTo), timeout, scheduler);
  }

  /**
   * Journals another journal's {@code events} if this one is empty; waits up to
   * {@link #IMPORT_TIMEOUT}, as a long export takes a while to write.
   */
  CompletionStage<JournalImported> importJournal(List<RegistryEvent> events) {
    Duration within = timeout.compareTo(IMPORT_TIMEOUT) > 0 ? timeout : IMPORT_TIMEOUT;
    return AskPattern.ask(registry, replyTo -> new PortRegistry.ImportJournal(events, replyTo),
        within, scheduler);
  }

  CompletionStage<InstanceReply> registerInstance(String instanceId,
      String workingDirectory, String metadataJson, Long pid, String requestId, String actor) {
    return AskPattern.ask(registry, replyTo -> new PortRegistry.RegisterInstance(instanceId,
        workingDirectory, metadataJson, pid, requestId, actor, replyTo), timeout, scheduler);
  }

  CompletionStage<InstanceReply> instanceHeartbeat(String instanceId) {
    return AskPattern.ask(registry,
        replyTo -> new PortRegistry.InstanceHeartbeat(instanceId, replyTo), timeout, scheduler);
  }

  CompletionStage<InstanceReply> deregisterInstance(String instanceId,
      String requestId, String actor) {
    return AskPattern.ask(registry,
        replyTo -> new PortRegistry.DeregisterInstance(instanceId, requestId, actor, replyTo),
        timeout, scheduler);
  }

  /** Every registered instance, ordered by id. */
  CompletionStage<InstanceReply.InstanceList> instances() {
    return AskPattern.ask(registry, PortRegistry.ListInstances::new, timeout, scheduler);
  }

  /** The registry state, within the ask timeout. */
  CompletionStage<StateView> state() {
    return state(timeout);
  }

  /** The registry state within {@code within}, for callers that must answer sooner. */
  CompletionStage<StateView> state(Duration within) {
    return AskPattern.ask(registry, PortRegistry.GetState::new, within, scheduler);
  }
}
