package dev.styxy.http;

import dev.styxy.actors.audit.AuditEntry;
import dev.styxy.actors.audit.AuditQuery;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The query of {@code GET /audit}, checked before the journal is read: every problem is an
 * {@link ApiProblem} ({@code 400 INVALID_ARGUMENT}) naming the parameter. Unknown parameters are
 * refused too, so a misspelt filter ({@code lockId=}) cannot silently return everything.
 */
final class AuditFilterParser {
  static final Set<String> PARAMETERS = Set.of("since", "until", "port", "lock_id",
      "service_type", "event", "limit", "before");
  private static final Set<String> EVENTS = Set.of(AuditEntry.ALLOCATED, AuditEntry.RELEASED,
      AuditEntry.HEALTH_CHANGED, AuditEntry.LEASE_RENEWED, AuditEntry.INSTANCE_REGISTERED,
      AuditEntry.INSTANCE_DEREGISTERED, AuditEntry.AUTO_ALLOCATED);
  private static final int MAX_TEXT = 200;

  /** A checked query: the filter, the cursor ({@code null}: newest first) and the page size. */
  record Parsed(AuditQuery.Filter filter, Long before, int limit) {}

  private AuditFilterParser() {}

  static Parsed parse(Map<String, String> query) {
    for (String name : query.keySet()) {
      if (!PARAMETERS.contains(name)) {
        throw ApiProblem.invalidArgument("Unknown query parameter '" + name + "'; use "
            + String.join(", ", new TreeSet<>(PARAMETERS)));
      }
    }
    Instant since = time(query, "since");
    Instant until = time(query, "until");
    if (since != null && until != null && since.isAfter(until)) {
      throw ApiProblem.invalidArgument("'since' (" + since + ") is after 'until' (" + until + ")");
    }
    Long port = number(query, "port", 1, 65535);
    String event = text(query, "event");
    if (event != null && !EVENTS.contains(event)) {
      throw ApiProblem.invalidArgument("Query parameter 'event' must be one of "
          + String.join(", ", new TreeSet<>(EVENTS)) + ", was '" + event + "'");
    }
    Long limit = number(query, "limit", 1, AuditQuery.MAX_LIMIT);
    Long before = number(query, "before", 1, Long.MAX_VALUE);
    AuditQuery.Filter filter = new AuditQuery.Filter(since, until,
        port == null ? null : port.intValue(), text(query, "lock_id"),
        text(query, "service_type"), event);
    return new Parsed(filter, before,
        limit == null ? AuditQuery.DEFAULT_LIMIT : limit.intValue());
  }

  /** An ISO-8601 instant with a zone ({@code 2026-11-22T14:00:00Z}, {@code …+02:00}). */
  private static Instant time(Map<String, String> query, String name) {
    String text = text(query, name);
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeException e) {
      throw ApiProblem.invalidArgument("Query parameter '" + name + "' must be an ISO-8601 time "
          + "with a zone, e.g. 2026-11-22T14:00:00Z, was '" + text + "'");
    }
  }

  private static Long number(Map<String, String> query, String name, long min, long max) {
    String text = text(query, name);
    if (text == null) {
      return null;
    }
    long value;
    try {
      value = Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw ApiProblem.invalidArgument("Query parameter '" + name + "' must be a whole number, "
          + "was '" + text + "'");
    }
    if (value < min || value > max) {
      throw ApiProblem.invalidArgument("Query parameter '" + name + "' must be within " + min
          + ".." + max + ", was " + value);
    }
    return value;
  }

  private static String text(Map<String, String> query, String name) {
    String text = query.get(name);
    if (text == null) {
      return null;
    }
    if (text.isEmpty() || text.length() > MAX_TEXT) {
      throw ApiProblem.invalidArgument("Query parameter '" + name + "' must be 1.." + MAX_TEXT
          + " characters long");
    }
    return text;
  }
}
