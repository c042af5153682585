package dev.styxy.actors;

import dev.styxy.persistence.RegistryEvent;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.stream.javadsl.Source;

/**
 * The registry's journaled events as they are stored, read through Persistence Query
 * ({@code jdbc-read-journal}, which shares the journal's connection pool): the source of
 * {@code GET /journal/export}. Reads never go through the registry actor, so an export of a
 * long journal does not hold up allocations.
 */
public final class JournalReader {
  private final ActorSystem<?> system;

  /** Looks the read journal up on first use, so a system without a JDBC journal can build one. */
  public JournalReader(ActorSystem<?> system) {
    this.system = system;
  }

  /** One journaled event with its sequence number. */
  public record Entry(long sequenceNr, RegistryEvent event) {}

  /** The events with sequence numbers 1 to {@code to} as stored now; the stream then completes. */
  public Source<Entry, NotUsed> events(long to) {
    JdbcReadJournal readJournal = PersistenceQuery.get(system)
        .getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());
    return readJournal.currentEventsByPersistenceId(PortRegistry.PERSISTENCE_ID.id(), 1, to)
        .map(envelope -> new Entry(envelope.sequenceNr(), (RegistryEvent) envelope.event()));
  }
}
