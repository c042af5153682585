package dev.styxy.coordinator.cli;

import dev.styxy.http.api.AuditEventView;
import dev.styxy.http.api.AuditResponse;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code styxy audit}: the audit trail from the daemon's journal ({@code GET /audit}), newest
 * first, as a table. {@code --port P --at TIME} answers "who had port P at that time and why was
 * it released": the last allocation of P at or before TIME and the release of that lock id.
 */
@Command(name = "audit", description = "Show the audit trail (allocations, releases and why).")
public final class AuditCommand extends ClientCommand {
  @Option(names = "--port", paramLabel = "PORT", description = "Only events of this port.")
  Integer port;

  @Option(names = "--lock-id", paramLabel = "ID", description = "Only events of this lock id.")
  String lockId;

  @Option(names = "--service-type", paramLabel = "TYPE", description = "Only this type.")
  String serviceType;

  @Option(names = "--event", paramLabel = "EVENT",
      description = "Only this event: allocated, released, health_changed, …")
  String event;

  @Option(names = "--since", paramLabel = "TIME",
      description = "Only events at or after TIME (ISO time, local date/time, or an age: 2h).")
  String since;

  @Option(names = "--until", paramLabel = "TIME", description = "Only events at or before TIME.")
  String until;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "50",
      description = "At most N events (1..1000, default ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--before", paramLabel = "SEQ",
      description = "Only events older than this sequence number (the 'next' of a page).")
  Long before;

  @Option(names = "--at", paramLabel = "TIME",
      description = "With --port: who held the port at TIME, and how that allocation ended.")
  String at;

  Clock clock = Clock.systemDefaultZone();

  /** Allocations show their decision trail only with {@code --json}; it can be long. */
  private static final String ALLOCATED = "allocated";

  @Override
  ApiReply send(DaemonClient client) {
    if (at == null) {
      return client.get("/audit" + query(), true);
    }
    if (port == null) {
      throw new CliFailure(ExitCodes.USAGE, "INVALID_ARGUMENT", "--at needs --port");
    }
    return HolderAtTime.ask(client, port, TimeArgument.parse("--at", at, clock));
  }

  @Override
  int render(ApiReply reply, PrintWriter out) {
    if (at != null) {
      return HolderAtTime.render(reply, out);
    }
    AuditResponse page = reply.as(AuditResponse.class);
    out.print(format(page.events()));
    if (page.next() != null) {
      out.println("(more: --before " + page.next() + ")");
    }
    return ExitCodes.OK;
  }

  @Override
  int jsonExitCode(ApiReply reply) {
    return at != null ? HolderAtTime.exitCode(reply) : super.jsonExitCode(reply);
  }

  private String query() {
    StringJoiner q = new StringJoiner("&", "?", "");
    q.setEmptyValue("");
    add(q, "port", port == null ? null : port.toString());
    add(q, "lock_id", lockId);
    add(q, "service_type", serviceType);
    add(q, "event", event);
    add(q, "since", since == null ? null : TimeArgument.parse("--since", since, clock).toString());
    add(q, "until", until == null ? null : TimeArgument.parse("--until", until, clock).toString());
    add(q, "limit", Integer.toString(limit));
    add(q, "before", before == null ? null : before.toString());
    return q.toString();
  }

  static void add(StringJoiner q, String name, String value) {
    if (value != null) {
      q.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
  }

  /** The table: time, event, port, type, lock id, owner, actor, reason and detail. */
  static String format(List<AuditEventView> events) {
    if (events.isEmpty()) {
      return "No audit events match\n";
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"TIME", "EVENT", "PORT", "TYPE", "LOCK ID", "OWNER", "BY", "REASON"});
    for (AuditEventView e : events) {
      rows.add(new String[] {e.timestamp(), e.event(), text(e.port()), text(e.serviceType()),
          e.lockId() == null ? "-" : e.lockId().substring(0, Math.min(8, e.lockId().length())),
          owner(e.owner()), text(e.actor()), reason(e)});
    }
    int[] width = new int[rows.get(0).length];
    rows.forEach(r -> {
      for (int i = 0; i < r.length; i++) {
        width[i] = Math.max(width[i], r[i].length());
      }
    });
    StringBuilder out = new StringBuilder();
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < r.length; i++) {
        line.append(i == r.length - 1 ? r[i] : pad(r[i], width[i] + 2));
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  /** {@code web (instance claude-a, pid 4242)}, or {@code -}. */
  static String owner(AuditEventView.Owner o) {
    if (o == null) {
      return "-";
    }
    StringJoiner extra = new StringJoiner(", ", " (", ")");
    extra.setEmptyValue("");
    if (o.instanceId() != null && !"default".equals(o.instanceId())) {
      extra.add("instance " + o.instanceId());
    }
    if (o.pid() != null) {
      extra.add("pid " + o.pid());
    }
    String name = o.serviceName() != null ? o.serviceName() : "instance " + o.instanceId();
    return name + extra;
  }

  private static String reason(AuditEventView e) {
    String reason = text(e.reason());
    return e.detail() == null || ALLOCATED.equals(e.event()) ? reason
        : reason + ": " + e.detail();
  }

  static String text(Object value) {
    return value == null ? "-" : value.toString();
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(Math.max(0, width - s.length()));
  }

}
