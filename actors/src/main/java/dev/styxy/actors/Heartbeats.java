package dev.styxy.actors;

import dev.styxy.persistence.Allocation;
import dev.styxy.persistence.AllocationId;
import dev.styxy.persistence.ErrorCode;
import dev.styxy.persistence.Instance;
import dev.styxy.persistence.InstanceDeregistered;
import dev.styxy.persistence.InstanceRegistered;
import dev.styxy.persistence.RegistryEvent;
import dev.styxy.persistence.RegistryState;
import dev.styxy.persistence.StaleAllocations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The registry's in-memory record of instance heartbeats. Heartbeats are not journaled (one every
 * 30 s per agent would flood the journal), so after a restart an instance's last heartbeat is its
 * registration time until it sends the next one; for staleness, though, nobody counts as silent
 * from before this incarnation finished replay, so a restart never removes every instance at once.
 * Used only on the registry's thread.
 */
final class Heartbeats {
  private final Map<String, Instant> last = new HashMap<>();
  private Instant recoveredAt = Instant.EPOCH;

  /** Replay finished at {@code now}: silence is counted from here at the earliest. */
  void recovered(Instant now) {
    recoveredAt = now;
  }

  /**
   * A heartbeat of {@code instanceId} at {@code now}: recorded when the instance is registered.
   *
   * @return the reply to the heartbeat: recorded, or {@code INSTANCE_NOT_FOUND}
   */
  InstanceReply beat(RegistryState state, String instanceId, Instant now) {
    if (state.instance(instanceId).isEmpty()) {
      return new InstanceReply.InstanceRejected(ErrorCode.INSTANCE_NOT_FOUND, "Instance not found");
    }
    beat(instanceId, now);
    return new InstanceReply.HeartbeatRecorded(instanceId, now);
  }

  void beat(String instanceId, Instant now) {
    last.put(instanceId, now);
  }

  /** After a journal write: a new registration or a deregistration resets what is known. */
  void afterWrite(List<RegistryEvent> events) {
    for (RegistryEvent e : events) {
      if (e instanceof InstanceRegistered r) {
        last.remove(r.instanceId());
      } else if (e instanceof InstanceDeregistered d) {
        last.remove(d.instanceId());
      }
    }
  }

  /** How sweeps judge instances: by their last sign of life and {@code staleAfter}. */
  StaleAllocations.InstancePolicy policy(Duration staleAfter) {
    return new StaleAllocations.InstancePolicy(i -> {
      Instant beat = lastHeartbeat(i);
      return beat.isAfter(recoveredAt) ? beat : recoveredAt;
    }, staleAfter);
  }

  /** Every registered instance with its live heartbeat time and its allocations. */
  InstanceReply.InstanceList list(RegistryState state) {
    List<InstanceReply.InstanceEntry> entries = new ArrayList<>();
    for (Instance i : state.instances()) {
      List<AllocationId> locks = state.ofInstance(i.id()).stream().map(Allocation::id).toList();
      entries.add(new InstanceReply.InstanceEntry(i.withHeartbeat(lastHeartbeat(i)), locks));
    }
    return new InstanceReply.InstanceList(entries);
  }

  private Instant lastHeartbeat(Instance i) {
    return last.getOrDefault(i.id(), i.lastHeartbeat());
  }
}
