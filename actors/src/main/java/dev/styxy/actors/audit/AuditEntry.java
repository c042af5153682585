package dev.styxy.actors.audit;

import dev.styxy.persistence.Allocation;
import dev.styxy.persistence.AllocationId;
import dev.styxy.persistence.HealthChanged;
import dev.styxy.persistence.InstanceDeregistered;
import dev.styxy.persistence.InstanceRegistered;
import dev.styxy.persistence.LeaseRenewed;
import dev.styxy.persistence.PortAllocated;
import dev.styxy.persistence.PortReleased;
import dev.styxy.persistence.RegistryEvent;
import dev.styxy.persistence.RegistryState;
import dev.styxy.persistence.ServiceTypeAutoAllocated;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * One line of the audit trail: a journaled event, or a recovery or supervision action (which is
 * not journaled and has no sequence number). The same entry becomes an {@code audit.log} line
 * ({@link AuditTrail}), an item of {@code GET /audit} and an item of {@code GET /events}; it is
 * published on the system event stream after the journal write ({@link LiveEvents}).
 *
 * @param seq the journal sequence number, {@code null} for actions that are not journaled
 * @param event what happened, one of the constants below
 * @param port the port concerned, {@code null} when none
 * @param lockId the allocation's lock id, {@code null} when none
 * @param owner who holds (or held) the port or the instance; {@code null} when unknown, e.g. for
 *     a release read back from the journal alone (its allocation event names the owner)
 * @param detail a short human sentence: the decision trail, the health transition, the range
 * @param counts figures of a recovery summary ({@code live}, {@code replay_ms}, …), else empty
 */
public record AuditEntry(Long seq, Instant at, String event, Integer port, String lockId,
    String serviceType, Owner owner, String requestId, String actor, String reason,
    String detail, Map<String, Long> counts) {

  public static final String ALLOCATED = "allocated";
  public static final String RELEASED = "released";
  public static final String HEALTH_CHANGED = "health_changed";
  public static final String LEASE_RENEWED = "lease_renewed";
  public static final String INSTANCE_REGISTERED = "instance_registered";
  public static final String INSTANCE_DEREGISTERED = "instance_deregistered";
  public static final String AUTO_ALLOCATED = "auto_allocated";
  /** A replay and its reconciliation pass finished; the registry serves requests. */
  public static final String RECOVERED = "recovered";
  /** The registry crashed or its journal failed; it restarts with backoff. */
  public static final String RESTARTING = "registry_restarting";
  /** The registry stopped for good; the daemon exits. */
  public static final String STOPPED = "registry_stopped";
  /** Someone acknowledged the start-up notice that kept the daemon DEGRADED. */
  public static final String ACKNOWLEDGED = "degraded_acknowledged";

  /** The actor recorded on recovery and supervision actions. */
  public static final String RECOVERY_ACTOR = "recovery";

  /** The {@code action} written to {@code audit.log}, in the original's UPPER_SNAKE style. */
  private static final Map<String, String> ACTIONS = Map.ofEntries(
      Map.entry(ALLOCATED, "PORT_ALLOCATED"), Map.entry(RELEASED, "PORT_RELEASED"),
      Map.entry(HEALTH_CHANGED, "HEALTH_CHANGED"), Map.entry(LEASE_RENEWED, "LEASE_RENEWED"),
      Map.entry(INSTANCE_REGISTERED, "INSTANCE_REGISTERED"),
      Map.entry(INSTANCE_DEREGISTERED, "INSTANCE_DEREGISTERED"),
      Map.entry(AUTO_ALLOCATED, "AUTO_ALLOCATION"), Map.entry(RECOVERED, "REGISTRY_RECOVERED"),
      Map.entry(RESTARTING, "REGISTRY_RESTARTING"), Map.entry(STOPPED, "REGISTRY_STOPPED"),
      Map.entry(ACKNOWLEDGED, "DEGRADED_ACKNOWLEDGED"));

  public AuditEntry {
    counts = counts == null ? Map.of() : Map.copyOf(counts);
  }

  /**
   * Who holds a port (or is an instance).
   *
   * @param serviceName the allocation's service name, {@code null} for an instance
   * @param projectPath the allocation's project, or the instance's working directory
   * @param pid the owner process, {@code null} when the client gave none
   */
  public record Owner(String serviceName, String instanceId, String projectPath, Long pid) {
    static Owner of(Allocation a) {
      return new Owner(a.serviceName(), a.instanceId(), a.projectPath(), a.pid());
    }
  }

  /** The {@code audit.log} action of this entry. */
  public String action() {
    return ACTIONS.getOrDefault(event, event.toUpperCase(Locale.ROOT));
  }

  /** Whether {@code GET /events} streams it: everything but lease renewals (one per heartbeat). */
  public boolean streamed() {
    return !LEASE_RENEWED.equals(event);
  }

  /**
   * The entry of journaled event {@code e} with sequence number {@code seq}.
   *
   * @param before the registry state just before {@code e}, which names the owner of a released
   *     or probed allocation; {@code null} when reading the journal alone
   */
  public static AuditEntry journaled(long seq, RegistryEvent e, RegistryState before) {
    if (e instanceof PortAllocated a) {
      Allocation al = a.allocation();
      return entry(seq, e, ALLOCATED, al.port(), al.id(), al.serviceType(), Owner.of(al),
          String.join("; ", a.reasons()));
    }
    if (e instanceof PortReleased r) {
      Allocation held = held(before, r.id());
      return entry(seq, e, RELEASED, r.port(), r.id(), r.serviceType(),
          held == null ? null : Owner.of(held), null);
    }
    if (e instanceof HealthChanged h) {
      Allocation held = held(before, h.id());
      String detail = h.from() + " -> " + h.status().state()
          + (h.status().detail().isEmpty() ? "" : " (" + h.status().detail() + ")");
      return entry(seq, e, HEALTH_CHANGED, h.port(), h.id(),
          held == null ? null : held.serviceType(), held == null ? null : Owner.of(held), detail);
    }
    if (e instanceof LeaseRenewed l) {
      Allocation held = held(before, l.id());
      return entry(seq, e, LEASE_RENEWED, l.port(), l.id(),
          held == null ? null : held.serviceType(), held == null ? null : Owner.of(held),
          "lease until " + l.expiresAt());
    }
    if (e instanceof InstanceRegistered i) {
      return entry(seq, e, INSTANCE_REGISTERED, null, null, null,
          new Owner(null, i.instanceId(), i.workingDirectory(), i.pid()), null);
    }
    if (e instanceof InstanceDeregistered d) {
      return entry(seq, e, INSTANCE_DEREGISTERED, null, null, null,
          new Owner(null, d.instanceId(), null, null), null);
    }
    ServiceTypeAutoAllocated t = (ServiceTypeAutoAllocated) e;
    return entry(seq, e, AUTO_ALLOCATED, null, null, t.serviceType(), null, "range "
        + t.rangeStart() + "-" + t.rangeEnd() + " (" + t.chunkSize() + " ports, placement "
        + t.placement() + ")");
  }

  /** A recovery or supervision action (not journaled), by actor {@code recovery}. */
  public static AuditEntry action(Instant at, String event, String reason, String detail,
      Map<String, Long> counts) {
    return new AuditEntry(null, at, event, null, null, null, null, null, RECOVERY_ACTOR, reason,
        detail, counts);
  }

  private static AuditEntry entry(long seq, RegistryEvent e, String event, Integer port,
      AllocationId id, String serviceType, Owner owner, String detail) {
    return new AuditEntry(seq, e.at(), event, port, id == null ? null : id.value(), serviceType,
        owner, e.requestId(), e.actor(), e.reason(), detail, Map.of());
  }

  private static Allocation held(RegistryState before, AllocationId id) {
    return before == null ? null : before.byId(id).orElse(null);
  }
}
