package dev.styxy.actors;

import dev.styxy.persistence.ErrorCode;
import java.util.List;

/**
 * Answers a mutation with {@code REGISTRY_UNAVAILABLE} (HTTP 503 with {@code Retry-After}) in the
 * reply type of its protocol. Used by the {@link RegistryBatcher} (queue full, registry down) and
 * by the {@link PortRegistry} (a write failed, or deciding crashed). A {@link PortRegistry.Cleanup}
 * has no refusal in its protocol, so it gets nothing and its client times out into 503.
 */
final class Refusals {
  private Refusals() {}

  /** @return false when {@code m} has no refusal in its protocol (a cleanup) */
  static boolean refuse(PortRegistry.Mutation m, String why) {
    ErrorCode code = ErrorCode.REGISTRY_UNAVAILABLE;
    if (m instanceof PortRegistry.Allocate a) {
      a.replyTo().tell(new AllocateReply.AllocateRejected(code, why, List.of()));
    } else if (m instanceof PortRegistry.Release r) {
      r.replyTo().tell(new ReleaseReply.ReleaseRejected(code, why));
    } else if (m instanceof PortRegistry.RegisterInstance r) {
      r.replyTo().tell(new InstanceReply.InstanceRejected(code, why));
    } else if (m instanceof PortRegistry.DeregisterInstance d) {
      d.replyTo().tell(new InstanceReply.InstanceRejected(code, why));
    } else if (m instanceof PortRegistry.RenewLease l) {
      l.replyTo().tell(new LeaseReply.LeaseRejected(code, why));
    } else if (m instanceof PortRegistry.ImportState i) {
      i.replyTo().tell(StateImported.refused(code, why));
    } else {
      return false;
    }
    return true;
  }
}
