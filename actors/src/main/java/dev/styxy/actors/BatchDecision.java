package dev.styxy.actors;

import dev.styxy.persistence.Allocation;
import dev.styxy.persistence.AllocationDecision;
import dev.styxy.persistence.AllocationId;
import dev.styxy.persistence.ErrorCode;
import dev.styxy.persistence.Instance;
import dev.styxy.persistence.InstanceDeregistered;
import dev.styxy.persistence.InstanceRegistered;
import dev.styxy.persistence.PortAllocated;
import dev.styxy.persistence.PortAvailability;
import dev.styxy.persistence.PortReleased;
import dev.styxy.persistence.RegistryEvent;
import dev.styxy.persistence.RegistryState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/**
 * The running result of deciding one batch of {@link PortRegistry} mutations: each is decided
 * against the state left by the ones before it; the events go into one journal write, and the
 * replies they unlock are sent only after that write ({@link #replyAndLog}). Used on the registry's
 * thread only.
 */
final class BatchDecision {
  private final PortRegistry.Dependencies deps;
  /** The registry's in-memory heartbeats; only touched from replies, on the actor's thread. */
  private final Map<String, Instant> heartbeats;
  private RegistryState running;
  private final List<RegistryEvent> events = new ArrayList<>();
  private final List<Runnable> replies = new ArrayList<>();
  /** One line per decision that found candidates held by outside processes. */
  private final List<String> conflicts = new ArrayList<>();

  BatchDecision(RegistryState start, PortRegistry.Dependencies deps,
      Map<String, Instant> heartbeats) {
    this.running = start;
    this.deps = deps;
    this.heartbeats = heartbeats;
  }

  List<RegistryEvent> events() {
    return List.copyOf(events);
  }

  /** After the journal write: send every reply, then log what was decided. */
  void replyAndLog(Logger log) {
    replies.forEach(Runnable::run);
    logEvents(log);
  }

  void allocate(PortRegistry.Allocate cmd) {
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
    if (!cmd.request().dryRun() && taken[0] > 0) {
      List<String> trail = d instanceof AllocationDecision.Allocate a ? a.event().reasons()
          : d instanceof AllocationDecision.Rejected r ? r.reasons() : List.of();
      conflicts.add("[" + cmd.request().serviceType() + "]: " + taken[0]
          + " candidate(s) held by outside processes; " + String.join("; ", trail));
    }
    PortRegistry.AllocateReply reply;
    if (d instanceof AllocationDecision.Allocate a) {
      record(a.event());
      reply = new PortRegistry.Allocated(a.event().allocation(), a.message(), a.event().reasons());
    } else if (d instanceof AllocationDecision.Existing e) {
      reply = new PortRegistry.Existing(e.allocation(), e.singleton(), e.message());
    } else if (d instanceof AllocationDecision.DryRun r) {
      reply = new PortRegistry.DryRunResult(r.port(), r.message());
    } else {
      AllocationDecision.Rejected r = (AllocationDecision.Rejected) d;
      reply = new PortRegistry.AllocateRejected(r.code(), r.message(), r.reasons());
    }
    replies.add(() -> cmd.replyTo().tell(reply));
  }

  void release(PortRegistry.Release cmd) {
    var event = running.decideRelease(cmd.id(), cmd.reason(), cmd.requestId(), cmd.actor(),
        deps.clock().instant());
    if (event.isEmpty()) {
      replies.add(() -> cmd.replyTo().tell(new PortRegistry.ReleaseRejected(
          ErrorCode.ALLOCATION_NOT_FOUND, "Lock ID " + cmd.id() + " not found")));
      return;
    }
    Allocation released = running.byId(cmd.id()).orElseThrow();
    record(event.get());
    replies.add(() -> cmd.replyTo().tell(
        new PortRegistry.Released(released, "Port " + released.port() + " released")));
  }

  void register(PortRegistry.RegisterInstance cmd) {
    InstanceRegistered event = new InstanceRegistered(cmd.instanceId(), cmd.workingDirectory(),
        cmd.metadataJson(), cmd.pid(), deps.clock().instant(), cmd.requestId(), "registered",
        cmd.actor());
    record(event);
    Instance registered = running.instance(cmd.instanceId()).orElseThrow();
    replies.add(() -> {
      heartbeats.remove(cmd.instanceId());
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
      heartbeats.remove(cmd.instanceId());
      cmd.replyTo().tell(new InstanceReply.Deregistered(cmd.instanceId(), released, "Instance "
          + cmd.instanceId() + " deregistered; " + released + " allocation(s) released"));
    });
  }

  private void record(RegistryEvent event) {
    events.add(event);
    running = running.apply(event);
  }

  private void logEvents(Logger log) {
    for (String conflict : conflicts) {
      log.warn("Port conflict with an outside process while allocating for {}", conflict);
    }
    for (RegistryEvent e : events) {
      if (e instanceof PortAllocated a) {
        String reasons = String.join("; ", a.reasons());
        log.atInfo().addKeyValue("lockId", a.allocation().id())
            .addKeyValue("port", a.allocation().port())
            .addKeyValue("serviceType", a.allocation().serviceType())
            .addKeyValue("requestId", a.requestId())
            .log("Allocated port [{}] ({})", a.allocation().port(), reasons);
      } else if (e instanceof PortReleased) {
        log.atInfo().addKeyValue("requestId", e.requestId())
            .log("Released [{}] ({})", e, e.reason());
      } else if (e instanceof InstanceRegistered r) {
        log.atInfo().addKeyValue("requestId", e.requestId())
            .log("Registered instance [{}]", r.instanceId());
      } else {
        log.atInfo().addKeyValue("requestId", e.requestId())
            .log("Deregistered instance [{}]", ((InstanceDeregistered) e).instanceId());
      }
    }
  }
}
