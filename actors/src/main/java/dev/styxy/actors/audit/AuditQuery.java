package dev.styxy.actors.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * {@code GET /audit}: the journal read backwards, newest first, in windows of sequence numbers,
 * stopping as soon as a page is full, so the newest events of a long journal cost one small read.
 * Pages continue with a cursor ({@code before}: only events with lower sequence numbers).
 *
 * <p>One page reads at most {@link #MAX_SCAN} events; a filter that matches rarely can end a
 * page early, with a cursor to go on. Events are in journal order, which is time order: a page
 * stops at the first event older than {@code since}.
 */
public final class AuditQuery {
  /** The largest page. */
  public static final int MAX_LIMIT = 1000;
  /** The page size when the client names none. */
  public static final int DEFAULT_LIMIT = 100;
  /** Events read per page at most, so one request never reads the whole of a huge journal. */
  public static final int MAX_SCAN = 50_000;
  /**
   * The first window (or the page size, if larger); each further window of the same page is twice
   * as large, up to {@link #MAX_WINDOW}.
   */
  static final int FIRST_WINDOW = 128;
  static final int MAX_WINDOW = 4096;

  private final RegistryJournal journal;
  private final ActorSystem<?> system;

  public AuditQuery(RegistryJournal journal, ActorSystem<?> system) {
    this.journal = journal;
    this.system = system;
  }

  /**
   * What to return; every field may be {@code null} (no filter).
   *
   * @param since only events at or after this time
   * @param until only events at or before this time
   * @param event only this kind of event ({@link AuditEntry#ALLOCATED}, …)
   */
  public record Filter(Instant since, Instant until, Integer port, String lockId,
      String serviceType, String event) {
    boolean matches(AuditEntry e) {
      return (since == null || !e.at().isBefore(since))
          && (until == null || !e.at().isAfter(until))
          && (port == null || port.equals(e.port()))
          && (lockId == null || lockId.equals(e.lockId()))
          && (serviceType == null || serviceType.equals(e.serviceType()))
          && (event == null || event.equals(e.event()));
    }
  }

  /**
   * One page, newest first.
   *
   * @param next the cursor for the following (older) page, {@code null} when there is none
   */
  public record Page(List<AuditEntry> events, Long next) {
    public Page {
      events = List.copyOf(events);
    }
  }

  /**
   * The newest {@code limit} entries matching {@code filter} with sequence numbers below
   * {@code before} ({@code null}: from the newest event).
   */
  public CompletionStage<Page> page(Filter filter, Long before, int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ", was " + limit);
    }
    return journal.highestSequenceNr().thenCompose(highest -> {
      long top = before == null ? highest : Math.min(highest, before - 1);
      return scan(new Scan(filter, limit), top,
          Math.min(MAX_WINDOW, Math.max(FIRST_WINDOW, limit)));
    });
  }

  /** The running state of one page's read. */
  private static final class Scan {
    final Filter filter;
    final int limit;
    final List<AuditEntry> found = new ArrayList<>();
    long scanned;
    boolean olderThanSince;

    Scan(Filter filter, int limit) {
      this.filter = filter;
      this.limit = limit;
    }

    boolean full() {
      return found.size() >= limit;
    }
  }

  private CompletionStage<Page> scan(Scan s, long top, int window) {
    if (top < 1) {
      return CompletableFuture.completedFuture(new Page(s.found, null));
    }
    long bottom = Math.max(1, top - window + 1);
    return journal.eventList(bottom, top, system).thenCompose(events -> {
      for (int i = events.size() - 1; i >= 0 && !s.full() && !s.olderThanSince; i--) {
        RegistryJournal.Journaled j = events.get(i);
        AuditEntry entry = AuditEntry.journaled(j.seq(), j.event(), null);
        if (s.filter.since() != null && entry.at().isBefore(s.filter.since())) {
          s.olderThanSince = true;
        } else if (s.filter.matches(entry)) {
          s.found.add(entry);
        }
      }
      s.scanned += top - bottom + 1;
      if (s.full()) {
        return CompletableFuture.completedFuture(
            new Page(s.found, s.found.get(s.found.size() - 1).seq()));
      }
      if (s.olderThanSince || bottom == 1) {
        return CompletableFuture.completedFuture(new Page(s.found, null));
      }
      if (s.scanned >= MAX_SCAN) {
        return CompletableFuture.completedFuture(new Page(s.found, bottom));
      }
      return scan(s, bottom - 1, Math.min(MAX_WINDOW, window * 2));
    });
  }
}
