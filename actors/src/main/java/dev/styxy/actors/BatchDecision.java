package dev.styxy.actors;

import dev.styxy.persistence.Allocation;
import dev.styxy.persistence.AllocationDecision;
import dev.styxy.persistence.AllocationId;
import dev.styxy.persistence.AllocationRequest;
import dev.styxy.persistence.AutoRangePlan;
import dev.styxy.persistence.AutoRangePlanner;
import dev.styxy.persistence.ErrorCode;
import dev.styxy.persistence.HealthChanged;
import dev.styxy.persistence.Instance;
import dev.styxy.persistence.InstanceDeregistered;
import dev.styxy.persistence.InstanceRegistered;
import dev.styxy.persistence.LeaseRenewed;
import dev.styxy.persistence.OriginalState;
import dev.styxy.persistence.PortAllocated;
import dev.styxy.persistence.PortAvailability;
import dev.styxy.persistence.PortReleased;
import dev.styxy.persistence.Reconciliation;
import dev.styxy.persistence.RegistryEvent;
import dev.styxy.persistence.RegistryState;
import dev.styxy.persistence.ServiceTypeAutoAllocated;
import dev.styxy.persistence.StaleAllocations;
import dev.styxy.persistence.StateImport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * The running result of deciding one batch of {@link PortRegistry} mutations: each is decided
 * against the state left by the ones before it; the events go into one journal write, and the
 * replies they unlock are sent only after that write ({@link #replyAndLog}). Used on the registry's
 * thread only.
 */
final class BatchDecision {
  /** The actor named in events the daemon decides on its own (watchers, sweeps). */
  static final String HEALTH_ACTOR = "health";
  private final RegistryDependencies deps;
  private final StaleAllocations.InstancePolicy instances;
  private RegistryState running;
  private final List<RegistryEvent> events = new ArrayList<>();
  private final List<Runnable> replies = new ArrayList<>();
  /** One line per decision that found candidates held by outside processes. */
  private final List<String> conflicts = new ArrayList<>();

  BatchDecision(RegistryState start, RegistryDependencies deps,
      StaleAllocations.InstancePolicy instances) {
    this.running = start;
    this.deps = deps;
    this.instances = instances;
  }

  List<RegistryEvent> events() {
    return List.copyOf(events);
  }

  /** After the journal write: send every reply, then log what was decided. */
  void replyAndLog(Logger log) {
    replies.forEach(Runnable::run);
    logEvents(log);
  }

  /** Decides one mutation against the state left by the ones before it. */
  void decide(PortRegistry.Mutation m) {
    if (m instanceof PortRegistry.Allocate a) {
      allocate(a);
    } else if (m instanceof PortRegistry.Release r) {
      release(r);
    } else if (m instanceof PortRegistry.RegisterInstance r) {
      register(r);
    } else if (m instanceof PortRegistry.DeregisterInstance d) {
      deregister(d);
    } else if (m instanceof PortRegistry.RenewLease l) {
      renewLease(l);
    } else if (m instanceof PortRegistry.ImportState i) {
      importState(i);
    } else if (m instanceof PortRegistry.ReloadCatalog r) {
      deps.catalogs().set(r.catalog());
      String message = "Configuration reloaded: " + r.catalog().types().size() + " service types";
      replies.add(() -> r.replyTo().tell(new CatalogReloaded(r.catalog().types().size(),
          message)));
    } else {
      cleanup((PortRegistry.Cleanup) m);
    }
  }

  void allocate(PortRegistry.Allocate cmd) {
    AllocationRequest request = cmd.request();
    RegistryState against = running;
    ServiceTypeAutoAllocated created = null;
    if (deps.catalog().find(request.serviceType()).isEmpty()
        && running.autoType(request.serviceType()).isEmpty()) {
      AutoRangePlan plan = AutoRangePlanner.plan(request.serviceType(), running, deps.catalog(),
          deps.daemonPort(), deps.ephemeralRange());
      if (plan instanceof AutoRangePlan.Refused no) {
        replies.add(() -> cmd.replyTo().tell(
            new AllocateReply.AllocateRejected(no.code(), no.message(), List.of())));
        return;
      }
      created = ServiceTypeAutoAllocated.of(request.serviceType(), (AutoRangePlan.Planned) plan,
          deps.clock().instant(), request.requestId());
      // A dry run shows the port the new type would give, but journals nothing.
      if (request.dryRun()) {
        against = running.apply(created);
      } else {
        record(created);
        against = running;
      }
    }
    decideAllocation(cmd, against, request.dryRun() ? null : created);
  }

  private void decideAllocation(PortRegistry.Allocate cmd, RegistryState against,
      ServiceTypeAutoAllocated created) {
    int[] taken = {0};
    PortAvailability counting = port -> {
      var holder = deps.os().takenBy(port);
      taken[0] += holder.isPresent() ? 1 : 0;
      return holder;
    };
    AllocationDecision d = against.decideAllocation(cmd.request(), deps.catalog(), counting,
        deps.daemonPort(), AllocationId.random(), deps.clock().instant());
    if (!cmd.request().dryRun()) {
      deps.conflicts().add(cmd.request().serviceType(), taken[0]);
      deps.metrics().portConflicts(cmd.request().serviceType(), taken[0]);
    }
    if (!cmd.request().dryRun() && taken[0] > 0) {
      List<String> trail = d instanceof AllocationDecision.Allocate a ? a.event().reasons()
          : d instanceof AllocationDecision.Rejected r ? r.reasons() : List.of();
      conflicts.add("[" + cmd.request().serviceType() + "]: " + taken[0]
          + " candidate(s) held by outside processes; " + String.join("; ", trail));
    }
    AllocateReply reply;
    if (d instanceof AllocationDecision.Allocate a) {
      record(a.event());
      reply = new AllocateReply.Allocated(a.event().allocation(), a.message(), a.event().reasons(),
          created == null ? null : new AllocateReply.AutoAllocated(created.rangeStart(),
              created.rangeEnd(), created.chunkSize(), created.placement()));
    } else if (d instanceof AllocationDecision.Existing e) {
      reply = new AllocateReply.Existing(e.allocation(), e.singleton(), e.message());
    } else if (d instanceof AllocationDecision.DryRun r) {
      reply = new AllocateReply.DryRunResult(r.port(), r.message());
    } else {
      AllocationDecision.Rejected r = (AllocationDecision.Rejected) d;
      reply = new AllocateReply.AllocateRejected(r.code(), r.message(), r.reasons());
    }
    replies.add(() -> cmd.replyTo().tell(reply));
  }

  void release(PortRegistry.Release cmd) {
    var event = running.decideRelease(cmd.id(), cmd.reason(), cmd.requestId(), cmd.actor(),
        deps.clock().instant());
    if (event.isEmpty()) {
      replies.add(() -> cmd.replyTo().tell(new ReleaseReply.ReleaseRejected(
          ErrorCode.ALLOCATION_NOT_FOUND, "Lock ID " + cmd.id() + " not found")));
      return;
    }
    Allocation released = running.byId(cmd.id()).orElseThrow();
    record(event.get());
    replies.add(() -> cmd.replyTo().tell(
        new ReleaseReply.Released(released, "Port " + released.port() + " released")));
  }

  void register(PortRegistry.RegisterInstance cmd) {
    InstanceRegistered event = new InstanceRegistered(cmd.instanceId(), cmd.workingDirectory(),
        cmd.metadataJson(), cmd.pid(), deps.clock().instant(), cmd.requestId(), "registered",
        cmd.actor());
    record(event);
    Instance registered = running.instance(cmd.instanceId()).orElseThrow();
    replies.add(() -> {
      cmd.replyTo().tell(new InstanceReply.Registered(registered,
          "Instance " + cmd.instanceId() + " registered"));
    });
  }

  void deregister(PortRegistry.DeregisterInstance cmd) {
    List<RegistryEvent> decided = running.decideDeregister(cmd.instanceId(), cmd.requestId(),
        cmd.actor(), deps.clock().instant());
    if (decided.isEmpty()) {
      replies.add(() -> cmd.replyTo().tell(
          new InstanceReply.InstanceRejected(ErrorCode.INSTANCE_NOT_FOUND,
              "Instance not found")));
      return;
    }
    decided.forEach(this::record);
    int released = decided.size() - 1;
    replies.add(() -> {
      cmd.replyTo().tell(new InstanceReply.Deregistered(cmd.instanceId(), released, "Instance "
          + cmd.instanceId() + " deregistered; " + released + " allocation(s) released"));
    });
  }

  void renewLease(PortRegistry.RenewLease cmd) {
    Allocation a = running.byId(cmd.id()).orElse(null);
    if (a == null || !a.hasLease()) {
      LeaseReply.LeaseRejected no = a == null
          ? new LeaseReply.LeaseRejected(ErrorCode.ALLOCATION_NOT_FOUND,
              "Lock ID " + cmd.id() + " not found")
          : new LeaseReply.LeaseRejected(ErrorCode.NO_LEASE, "Lock ID " + cmd.id()
              + " has no lease; allocate with lease_ttl_s to get one");
      replies.add(() -> cmd.replyTo().tell(no));
      return;
    }
    Instant now = deps.clock().instant();
    record(new LeaseRenewed(a.id(), a.port(), now.plusSeconds(a.leaseTtlSeconds()), now,
        cmd.requestId(), "heartbeat", cmd.actor()));
    Allocation renewed = running.byId(a.id()).orElseThrow();
    replies.add(() -> cmd.replyTo().tell(new LeaseReply.Renewed(renewed)));
  }

  void cleanup(PortRegistry.Cleanup cmd) {
    List<RegistryEvent> decided = StaleAllocations.cleanup(running, cmd.force(),
        deps.clock().instant(), instances, deps.owners(), cmd.requestId(), cmd.actor());
    decided.forEach(this::record);
    int cleaned = (int) StaleAllocations.releases(decided);
    String message = cmd.force() ? "Force cleanup completed"
        : "Cleaned up " + cleaned + " stale allocations";
    replies.add(() -> cmd.replyTo().tell(new Cleaned(cleaned, message)));
  }

  /**
   * Imports what an original {@code daemon.state} held that does not clash with the state; types
   * neither configured nor auto-allocated are skipped. Content that is not a state file is refused.
   */
  void importState(PortRegistry.ImportState cmd) {
    Instant now = deps.clock().instant();
    OriginalState.Parsed parsed;
    try {
      parsed = OriginalState.parse(cmd.content(), type -> deps.catalog().find(type).isPresent()
          || running.autoType(type).isPresent(), now);
    } catch (IllegalArgumentException e) {
      StateImported no = StateImported.refused(ErrorCode.INVALID_ARGUMENT,
          "Cannot import " + cmd.source() + ": " + e.getMessage());
      replies.add(() -> cmd.replyTo().tell(no));
      return;
    }
    StateImport.Result r = StateImport.decide(running, parsed, deps.daemonPort(),
        cmd.requestId(), cmd.actor(), now);
    r.events().forEach(this::record);
    StateImported reply = StateImported.decided(r.allocations(), r.instances(), r.skipped());
    replies.add(() -> cmd.replyTo().tell(reply));
  }

  /** The periodic sweep: expired leases, exited or silent instances. */
  BatchDecision sweep() {
    StaleAllocations.sweep(running, deps.clock().instant(), instances, deps.owners(), null,
        HEALTH_ACTOR).forEach(this::record);
    return this;
  }

  /**
   * A watcher's report: its transition (unless the journal already has that state) and the
   * release it asks for (unless the allocation is gone already).
   */
  void health(HealthWatcher.Report report) {
    Allocation a = running.byId(report.id()).orElse(null);
    if (a == null) {
      return;
    }
    Instant now = deps.clock().instant();
    if (report.changed() != null && report.changed().state() != a.healthStatus().state()) {
      record(new HealthChanged(a.id(), a.port(), a.healthStatus().state(), report.changed(), now,
          null, report.reason(), HEALTH_ACTOR));
    }
    if (report.release() != null) {
      record(new PortReleased(a.id(), a.port(), a.serviceType(), now, null, report.release(),
          HEALTH_ACTOR));
    }
  }

  /**
   * The reconciliation pass after replay: its releases go into this write, and {@code done} gets
   * the result and the number of live allocations once the write is done.
   */
  BatchDecision reconcile(Function<RegistryState, Reconciliation.Result> pass,
      BiConsumer<Reconciliation.Result, Integer> done) {
    Reconciliation.Result result = pass.apply(running);
    result.events().forEach(this::record);
    int live = running.size();
    replies.add(() -> done.accept(result, live));
    return this;
  }

  private void record(RegistryEvent event) {
    events.add(event);
    running = running.apply(event);
  }

  private void logEvents(Logger log) {
    for (String conflict : conflicts) {
      log.warn("Port conflict with an outside process while allocating for {}", conflict);
    }
    events.forEach(e -> EventLog.log(log, e));
  }
}
