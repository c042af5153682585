package dev.styxy.actors.audit;

import dev.styxy.actors.PortRegistry;
import dev.styxy.persistence.RegistryEvent;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.query.javadsl.CurrentEventsByPersistenceIdQuery;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * The registry's journal as the read side sees it (Pekko Persistence Query): the events of the
 * one entity {@code PortRegistry|default}, by sequence number. Events are never deleted (only old
 * snapshots are), so every sequence number from 1 to the highest can be read.
 */
public interface RegistryJournal {
  /** The highest sequence number written so far, 0 for an empty journal. */
  CompletionStage<Long> highestSequenceNr();

  /** The events with sequence numbers {@code from..to} (inclusive) that exist now, ascending. */
  Source<Journaled, NotUsed> events(long from, long to);

  /** The events {@code from..to} as a list, in order. */
  default CompletionStage<List<Journaled>> eventList(long from, long to, ActorSystem<?> system) {
    return events(from, to).runWith(Sink.seq(), system);
  }

  /** An event and its sequence number. */
  record Journaled(long seq, RegistryEvent event) {}

  /**
   * The daemon's journal: pekko-persistence-jdbc's read journal ({@code jdbc-read-journal}), looked
   * up at the first read (Persistence Query keeps the one instance), so a daemon whose audit and
   * event routes are never used does not load it.
   */
  static RegistryJournal jdbc(ActorSystem<?> system) {
    Supplier<JdbcReadJournal> read = () -> PersistenceQuery.get(system.classicSystem())
        .getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());
    return over((id, from, to) -> read.get().currentEventsByPersistenceId(id, from, to),
        id -> read.get().currentLastSequenceNumberByPersistenceId(id)
            .thenApply(last -> last.orElse(0L)));
  }

  /**
   * The registry's events in {@code read}.
   *
   * @param highest the highest sequence number of a persistence id (0 when it has none)
   */
  static RegistryJournal over(CurrentEventsByPersistenceIdQuery read,
      Function<String, CompletionStage<Long>> highest) {
    String id = PortRegistry.PERSISTENCE_ID.id();
    return new RegistryJournal() {
      @Override
      public CompletionStage<Long> highestSequenceNr() {
        return highest.apply(id);
      }

      @Override
      public Source<Journaled, NotUsed> events(long from, long to) {
        return read.currentEventsByPersistenceId(id, from, to)
            .filter(env -> env.event() instanceof RegistryEvent)
            .map(env -> new Journaled(env.sequenceNr(), (RegistryEvent) env.event()));
      }
    };
  }
}
