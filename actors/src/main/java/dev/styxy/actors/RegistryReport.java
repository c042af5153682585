package dev.styxy.actors;

import dev.styxy.persistence.CborSerializable;
import dev.styxy.persistence.Reconciliation;
import java.util.List;

/**
 * What the {@link PortRegistry} tells whoever supervises it (the {@link RecoverySupervisor},
 * through a message adapter): when an incarnation starts, when it is ready, when the journal
 * fails, and the first successful write after a start. Never more than a few per incarnation.
 */
public sealed interface RegistryReport extends CborSerializable {

  /** A new incarnation of the registry started (first start, or restart after a crash). */
  record Started() implements RegistryReport {}

  /** Replay and the reconciliation pass are done; the registry serves requests. */
  record Ready(Reconciled summary) implements RegistryReport {}

  /** Deciding a request threw; the registry is about to be restarted by its supervisor. */
  record Crashed(String cause) implements RegistryReport {}

  /** A journal write or the replay failed; the registry restarts with backoff and replays. */
  record JournalFailed(String cause) implements RegistryReport {}

  /** The first journal write of this incarnation succeeded: the journal takes writes again. */
  record WriteSucceeded() implements RegistryReport {}

  /**
   * The summary of one replay and its reconciliation pass.
   *
   * @param live live allocations after the pass
   * @param checked live allocations the pass looked at (0 when reconciliation is off)
   * @param foreign allocations whose port a foreign process holds (reported, not released)
   * @param replayMillis from the start of the incarnation (or restart) to the end of replay
   * @param reconcileMillis deciding and journaling the pass
   * @param journalEvents the journal's highest sequence number after replay: the events it holds
   */
  record Reconciled(int live, int checked, int orphaned, int duplicates,
      List<Reconciliation.Flagged> foreign, long replayMillis, long reconcileMillis,
      long journalEvents) implements CborSerializable {
    public Reconciled {
      foreign = List.copyOf(foreign);
    }
  }
}
