package dev.styxy.http;

import static org.apache.pekko.http.javadsl.server.Directives.*;

import dev.styxy.actors.audit.AuditEntry;
import dev.styxy.actors.audit.LiveEvents;
import dev.styxy.actors.audit.RegistryJournal;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.http.javadsl.marshalling.sse.EventStreamMarshalling;
import org.apache.pekko.http.javadsl.model.sse.ServerSentEvent;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.OverflowStrategy;
import org.apache.pekko.stream.javadsl.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /events}: Server-Sent Events of the audit trail as it happens (everything but lease
 * renewals), each with the journal sequence number as its {@code id}; recovery and supervision
 * actions (not journaled) have no id. A client that reconnects with {@code Last-Event-ID: N}
 * first gets the journaled events after {@code N}, read from the journal, then the live ones,
 * without gaps or repeats: it subscribes before it reads.
 *
 * <p>The registry publishes on the actor system's event stream and never waits for anyone. Each
 * client has its own buffer of {@link #BUFFER} events; a client that falls that far behind is
 * dropped (its connection is closed) and can resume with {@code Last-Event-ID}. A comment line
 * every {@link #KEEP_ALIVE} keeps idle connections open.
 */
final class EventsRoutes {
  /** Events buffered per client before it counts as too slow and is dropped. */
  static final int BUFFER = 1024;
  /** The interval of keep-alive comments, well under the server's 60 s idle timeout. */
  static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

  private static final Logger LOG = LoggerFactory.getLogger(EventsRoutes.class);

  private final ActorSystem<?> system;
  private final RegistryJournal journal;
  private final int buffer;

  EventsRoutes(ActorSystem<?> system, RegistryJournal journal) {
    this(system, journal, BUFFER);
  }

  /** With a buffer of {@code buffer} events per client (tests of slow clients). */
  EventsRoutes(ActorSystem<?> system, RegistryJournal journal, int buffer) {
    this.system = system;
    this.journal = journal;
    this.buffer = buffer;
  }

  Route routes() {
    return path("events", () -> get(() -> optionalHeaderValueByName("Last-Event-ID",
        last -> {
          long after = lastEventId(last);
          return completeOK(stream(after), EventStreamMarshalling.toEventStream());
        })));
  }

  /** The events after sequence number {@code after} ({@code -1}: live ones only). */
  Source<ServerSentEvent, NotUsed> stream(long after) {
    Pair<org.apache.pekko.actor.ActorRef, Source<AuditEntry, NotUsed>> live =
        Source.<AuditEntry>actorRef(m -> Optional.empty(), m -> Optional.empty(), buffer,
            OverflowStrategy.fail()).preMaterialize(system);
    ActorRef<AuditEntry> follower = Adapter.toTyped(live.first());
    LiveEvents.subscribe(system, follower);
    Source<AuditEntry, NotUsed> entries;
    if (after < 0) {
      entries = live.second();
    } else {
      AtomicLong replayed = new AtomicLong(after);
      Source<AuditEntry, NotUsed> fromJournal = journal.events(after + 1, Long.MAX_VALUE)
          .map(j -> {
            replayed.set(j.seq());
            return AuditEntry.journaled(j.seq(), j.event(), null);
          });
      entries = fromJournal.concat(
          live.second().filter(e -> e.seq() == null || e.seq() > replayed.get()));
    }
    return entries.filter(AuditEntry::streamed).map(EventsRoutes::event)
        .keepAlive(KEEP_ALIVE, ServerSentEvent::heartbeat)
        .watchTermination((notUsed, done) -> {
          done.whenComplete((ok, error) -> {
            LiveEvents.unsubscribe(system, follower);
            if (error != null) {
              LOG.warn("Dropped a /events client: {}", error.toString());
            }
          });
          return notUsed;
        });
  }

  private static ServerSentEvent event(AuditEntry e) {
    return ServerSentEvent.create(ApiJson.write(AuditViews.view(e)), Optional.of(e.event()),
        Optional.ofNullable(e.seq()).map(String::valueOf), OptionalInt.empty());
  }

  /** The resume point; a value that is not a sequence number is a 400. */
  private static long lastEventId(Optional<String> header) {
    if (header.isEmpty() || header.get().isBlank()) {
      return -1;
    }
    try {
      long id = Long.parseLong(header.get().strip());
      if (id >= 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiProblem.invalidArgument("Header 'Last-Event-ID' must be the id of an event "
        + "received before (a journal sequence number), was '" + header.get() + "'");
  }
}
