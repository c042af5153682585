package dev.styxy.coordinator.cli;

import dev.styxy.http.api.AuditEventView;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code styxy watch}: follows {@code GET /events} and prints one line per event ({@code --json}:
 * the event's JSON as the daemon sent it). When the connection drops it reconnects every second
 * with {@code Last-Event-ID}, so nothing journaled in between is missed. Ctrl-C ends it with
 * status 0. If the daemon cannot be reached at the start, or refuses the request, it exits with
 * the usual status (5, 1 …).
 */
@Command(name = "watch", description = "Follow allocations, releases and health changes live.")
public final class WatchCommand implements Callable<Integer> {
  static final Duration RECONNECT_AFTER = Duration.ofSeconds(1);

  @Option(names = "--json", description = "Print each event's JSON, one per line.")
  boolean json;

  @Spec
  CommandSpec spec;

  private String lastEventId;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    sun.misc.Signal.handle(new sun.misc.Signal("INT"), signal -> {
      out.flush();
      System.exit(ExitCodes.OK);
    });
    DaemonClient client = new DaemonClient(DaemonEndpoint.fromEnvironment(System.getenv(),
        Path.of(System.getProperty("user.home"))));
    boolean connectedOnce = false;
    while (true) {
      try {
        DaemonClient.LineStream response = client.stream("/events", lastEventId);
        try (var lines = response.lines()) {
          if (response.status() != 200) {
            String body = String.join("\n", lines.toList());
            err.println(ClientCommand.problemLine(new ApiReply(response.status(), body),
                client.endpoint()));
            err.flush();
            return ExitCodes.forStatus(response.status());
          }
          connectedOnce = true;
          follow(lines.iterator(), out);
        }
        err.println("Connection to the daemon closed; reconnecting");
      } catch (CliFailure failure) {
        if (!connectedOnce) {
          err.println(failure.getMessage());
          err.flush();
          return failure.exitCode();
        }
        err.println(failure.getMessage() + "; retrying");
      } catch (UncheckedIOException dropped) {
        err.println("Connection to the daemon lost; reconnecting");
      }
      err.flush();
      Thread.sleep(RECONNECT_AFTER.toMillis());
    }
  }

  /**
   * Reads server-sent events until the stream ends, printing each and keeping its id; the type
   * is in the data too, and comment lines (keep-alives) are skipped.
   */
  private void follow(Iterator<String> lines, PrintWriter out) {
    String id = null;
    StringBuilder data = new StringBuilder();
    while (lines.hasNext()) {
      String line = lines.next();
      if (line.isEmpty()) {
        if (data.length() > 0) {
          print(data.toString(), out);
          if (id != null) {
            lastEventId = id;
          }
        }
        id = null;
        data.setLength(0);
      } else if (line.startsWith("id:")) {
        id = line.substring(3).strip();
      } else if (line.startsWith("data:")) {
        data.append(line.substring(5).strip());
      }
    }
  }

  private void print(String data, PrintWriter out) {
    out.println(json ? data : line(new ApiReply(200, data).as(AuditEventView.class)));
    out.flush();
  }

  /** {@code TIME  EVENT  port P  TYPE  lock L  OWNER  by ACTOR  REASON: DETAIL}. */
  static String line(AuditEventView e) {
    StringBuilder s = new StringBuilder(e.timestamp()).append("  ").append(e.event());
    if (e.port() != null) {
      s.append("  port ").append(e.port());
    }
    if (e.serviceType() != null) {
      s.append("  ").append(e.serviceType());
    }
    if (e.lockId() != null) {
      s.append("  lock ").append(e.lockId());
    }
    if (e.owner() != null) {
      s.append("  ").append(AuditCommand.owner(e.owner()));
    }
    s.append("  by ").append(AuditCommand.text(e.actor()));
    if (e.reason() != null) {
      s.append("  ").append(e.reason());
    }
    if (e.detail() != null) {
      s.append(": ").append(e.detail());
    }
    return s.toString();
  }
}
