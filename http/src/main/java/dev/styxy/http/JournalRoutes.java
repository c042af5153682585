package dev.styxy.http;

import static org.apache.pekko.http.javadsl.server.Directives.*;

import dev.styxy.actors.JournalImported;
import dev.styxy.actors.audit.RegistryJournal;
import dev.styxy.http.api.JournalImportResponse;
import dev.styxy.persistence.RegistryState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.stream.Stream;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.HttpCharsets;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/**
 * {@code GET /journal/export[?to=N]} streams the registry's journaled events as JSON lines
 * ({@link JournalLines}), read from the journal through Persistence Query, up to sequence number
 * {@code N} when given; its last line sums up the state they add up to. {@code POST
 * /journal/import} with {@code {"path":"/abs/file.jsonl"}} reads such a file (the daemon reads
 * it, like {@code POST /import}, since an export is far larger than a request body may be),
 * checks it against its own summary line, and journals its events as they are, only into a
 * journal with no events yet (409 {@code JOURNAL_NOT_EMPTY} otherwise). This is how a registry
 * moves between H2 and PostgreSQL, and how it is backed up, without the CLI touching a journal.
 */
final class JournalRoutes {
  /** Larger files are refused: 100,000 events take about 40 MB. */
  static final long MAX_FILE_BYTES = 1L << 30;
  private static final ContentType.WithFixedCharset NDJSON =
      MediaTypes.applicationWithFixedCharset("x-ndjson", HttpCharsets.UTF_8).toContentType();

  private final RegistryClient registry;
  private final RegistryJournal journal;
  private final JournalLines lines;
  private final RequestBodies bodies;
  private final Executor blocking;
  private final Clock clock;

  JournalRoutes(RegistryClient registry, RegistryJournal journal, JournalLines lines,
      long maxBodyBytes, Duration readTimeout, Executor blocking, Clock clock) {
    this.registry = registry;
    this.journal = journal;
    this.lines = lines;
    this.bodies = new RequestBodies(maxBodyBytes, readTimeout);
    this.blocking = blocking;
    this.clock = clock;
  }

  Route routes() {
    return pathPrefix("journal", () -> concat(
        path("export", () -> get(() -> parameterOptional("to", this::export))),
        path("import", () -> post(this::importJournal))));
  }

  private Route export(Optional<String> to) {
    long last = to.map(JournalRoutes::sequenceNr).orElse(Long.MAX_VALUE);
    Source<String, ?> events = journal.events(1, last).statefulMap(Fold::new,
        (fold, entry) -> Pair.create(fold.add(entry), lines.eventLine(entry.seq(),
            entry.event())),
        fold -> Optional.of(lines.summaryLine(lines.summary(fold.count, fold.last, fold.state))));
    Source<ByteString, ?> body = Source.single(lines.header(clock.instant())).concat(events)
        .map(line -> ByteString.fromString(line + "\n", StandardCharsets.UTF_8));
    return complete(HttpEntities.createChunked(NDJSON, body));
  }

  private static long sequenceNr(String text) {
    try {
      long value = Long.parseLong(text);
      if (value >= 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiProblem.invalidArgument("Query parameter 'to' must be a sequence number >= 0");
  }

  private Route importJournal() {
    return ApiGuards.caller(caller -> bodies.bytes(bytes -> {
      Path path = ImportRoutes.parse(bytes, "a journal export");
      CompletionStage<JournalImported> done = CompletableFuture
          .supplyAsync(() -> read(path), blocking)
          .thenCompose(parsed -> registry.importJournal(parsed.events()));
      return onSuccess(done, reply -> {
        if (reply.refused() != null) {
          return complete(ApiErrors.response(caller.requestId(), reply.refused(),
              reply.message()));
        }
        RegistryState state = reply.state();
        return Replies.ok(new JournalImportResponse(true, reply.message(),
            lines.summary(reply.lastSequenceNr(), reply.lastSequenceNr(), state)));
      });
    }));
  }

  /** The file's events, once they add up to what its summary line says. */
  private JournalLines.Parsed read(Path path) {
    JournalLines.Parsed parsed;
    try {
      if (!Files.isRegularFile(path)) {
        throw ApiProblem.invalidArgument("Cannot import " + path + ": "
            + (Files.exists(path) ? "not a regular file" : "no such file"));
      }
      if (Files.size(path) > MAX_FILE_BYTES) {
        throw ApiProblem.invalidArgument("Cannot import " + path + ": larger than "
            + MAX_FILE_BYTES + " bytes");
      }
      try (Stream<String> text = Files.lines(path, StandardCharsets.UTF_8)) {
        parsed = lines.parse(text);
      }
    } catch (IOException | UncheckedIOException e) {
      throw ApiProblem.invalidArgument("Cannot import " + path + ": " + e.getMessage());
    }
    Fold fold = new Fold();
    parsed.events().forEach(e -> fold.add(new RegistryJournal.Journaled(fold.count + 1, e)));
    var differences = lines.summary(fold.count, fold.last, fold.state)
        .differences(parsed.summary());
    if (!differences.isEmpty()) {
      throw ApiProblem.invalidArgument("Cannot import " + path + ": its events do not add up "
          + "to its summary line (" + String.join("; ", differences) + "): the file was altered");
    }
    return parsed;
  }

  /** The state the events seen so far add up to; one per export or import. */
  private static final class Fold {
    private long count;
    private long last;
    private RegistryState state = RegistryState.empty();

    Fold add(RegistryJournal.Journaled entry) {
      count++;
      last = entry.seq();
      state = state.apply(entry.event());
      return this;
    }
  }
}
