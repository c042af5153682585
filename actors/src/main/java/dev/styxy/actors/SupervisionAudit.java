package dev.styxy.actors;

import dev.styxy.actors.audit.AuditEntry;
import dev.styxy.actors.audit.AuditTrail;
import dev.styxy.actors.audit.LiveEvents;
import java.time.Instant;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * The {@link RecoverySupervisor}'s entries in the audit trail: registry restarts, the summary of
 * each replay and reconciliation, a registry stopped for good, and the acknowledgement of a
 * start-up notice. None of these is journaled (they have no sequence number); each is one
 * {@code audit.log} line and one live event for {@code GET /events}.
 */
final class SupervisionAudit {
  private final ActorSystem<?> system;

  SupervisionAudit(ActorSystem<?> system) {
    this.system = system;
  }

  /** The registry is going down and will restart with backoff. */
  void restarting(Instant at, String why, int restarts) {
    record(AuditEntry.action(at, AuditEntry.RESTARTING, why, "registry restart " + restarts
        + " since the daemon started", Map.of("restarts", (long) restarts)));
  }

  /** Replay and reconciliation are done; {@code first} for the replay at daemon start. */
  void recovered(Instant at, RegistryReport.Reconciled s, boolean first) {
    String detail = "replay of " + s.journalEvents() + " journaled events done in "
        + s.replayMillis() + " ms; " + s.live() + " live allocations; reconciliation checked "
        + s.checked() + ", released " + s.orphaned() + " orphaned and " + s.duplicates()
        + " duplicate singletons, found " + s.foreign().size() + " held by foreign processes, in "
        + s.reconcileMillis() + " ms";
    record(AuditEntry.action(at, AuditEntry.RECOVERED, first ? "start" : "restart", detail,
        Map.of("journal_events", s.journalEvents(), "live", (long) s.live(),
            "checked", (long) s.checked(), "orphaned", (long) s.orphaned(),
            "duplicates", (long) s.duplicates(), "foreign", (long) s.foreign().size(),
            "replay_ms", s.replayMillis(), "reconcile_ms", s.reconcileMillis())));
  }

  /** The registry stopped for good; the daemon exits. */
  void stopped(Instant at) {
    record(AuditEntry.action(at, AuditEntry.STOPPED, "stopped",
        "the port registry stopped for good; the daemon exits", Map.of()));
  }

  /** Someone cleared the start-up notice that kept the daemon DEGRADED. */
  void acknowledged(Instant at, String notice) {
    record(AuditEntry.action(at, AuditEntry.ACKNOWLEDGED, "acknowledged", notice, Map.of()));
  }

  private void record(AuditEntry entry) {
    AuditTrail.write(entry);
    LiveEvents.publish(system, entry);
  }
}
