package dev.styxy.actors;

import dev.styxy.persistence.CborSerializable;
import dev.styxy.persistence.ErrorCode;
import dev.styxy.persistence.RegistryState;

/**
 * Answer to {@link PortRegistry.ImportJournal}: the events were journaled and the registry holds
 * {@code state}, or nothing was written because of {@code refused}.
 *
 * @param lastSequenceNr the journal's last sequence number after the import
 * @param state the registry's state right after the import's write, before anything else
 * @param refused {@code null} on success; {@code JOURNAL_NOT_EMPTY} when the journal already
 *     held events
 * @param message a one-line summary, or why nothing was imported
 */
public record JournalImported(long lastSequenceNr, RegistryState state, ErrorCode refused,
    String message) implements CborSerializable {

  static JournalImported done(long lastSequenceNr, RegistryState state) {
    return new JournalImported(lastSequenceNr, state, null,
        "Imported " + lastSequenceNr + " event(s)");
  }

  static JournalImported refused(long lastSequenceNr, String why) {
    return new JournalImported(lastSequenceNr, null, ErrorCode.JOURNAL_NOT_EMPTY, why);
  }
}
