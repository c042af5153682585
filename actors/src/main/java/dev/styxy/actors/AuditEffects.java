package dev.styxy.actors;

import dev.styxy.actors.audit.AuditEntry;
import dev.styxy.actors.audit.AuditTrail;
import dev.styxy.actors.audit.LiveEvents;
import dev.styxy.persistence.RegistryEvent;
import dev.styxy.persistence.RegistryState;
import dev.styxy.persistence.ServiceTypeAutoAllocated;
import java.util.List;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * The audit side of a journal write: for each event, in journal order, one {@code audit.log}
 * line ({@link AuditTrail}) and one entry for live followers ({@link LiveEvents}). Called from
 * {@link AfterWrite} only, so replay repeats nothing. Each event is described against the state
 * just before it, which names the owner of a released or probed allocation.
 */
final class AuditEffects {
  private AuditEffects() {}

  /**
   * @param before the state the write started from
   * @param lastSeq the sequence number of the last of {@code events}
   */
  static void afterWrite(List<RegistryEvent> events, RegistryState before, long lastSeq,
      ActorSystem<?> system) {
    RegistryState state = before;
    long seq = lastSeq - events.size() + 1;
    for (RegistryEvent e : events) {
      AuditEntry entry = AuditEntry.journaled(seq++, e, state);
      if (e instanceof ServiceTypeAutoAllocated t) {
        AuditTrail.write(entry, AutoTypeEffects.auditLine(t, events));
      } else {
        AuditTrail.write(entry);
      }
      LiveEvents.publish(system, entry);
      state = state.apply(e);
    }
  }
}
