package dev.styxy.actors;

import dev.styxy.persistence.AllocationId;
import dev.styxy.persistence.CborSerializable;
import dev.styxy.persistence.ErrorCode;
import dev.styxy.persistence.Instance;
import java.time.Instant;
import java.util.List;

/**
 * The registry's answers to the instance commands ({@link PortRegistry.RegisterInstance},
 * {@link PortRegistry.InstanceHeartbeat}, {@link PortRegistry.DeregisterInstance}), and the
 * listing returned for {@link PortRegistry.ListInstances}.
 */
public sealed interface InstanceReply extends CborSerializable {
  /** Registered, journaled. */
  record Registered(Instance instance, String message) implements InstanceReply {}

  /** Deregistered, journaled together with the release of {@code released} allocations. */
  record Deregistered(String instanceId, int released, String message)
      implements InstanceReply {}

  /** The heartbeat was recorded at {@code lastHeartbeat}. */
  record HeartbeatRecorded(String instanceId, Instant lastHeartbeat)
      implements InstanceReply {}

  /** Refused ({@code INSTANCE_NOT_FOUND}, or {@code REGISTRY_UNAVAILABLE} from the batcher). */
  record InstanceRejected(ErrorCode code, String message) implements InstanceReply {}

  /** Answer to {@link PortRegistry.ListInstances}: the instances, ordered by id. */
  record InstanceList(List<InstanceEntry> instances) implements CborSerializable {
    public InstanceList {
      instances = List.copyOf(instances);
    }
  }

  /** One registered instance and the lock ids of its live allocations, ordered by port. */
  record InstanceEntry(Instance instance, List<AllocationId> activeAllocations)
      implements CborSerializable {
    public InstanceEntry {
      activeAllocations = List.copyOf(activeAllocations);
    }
  }
}
