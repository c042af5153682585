package dev.styxy.http;

import static org.apache.pekko.http.javadsl.server.Directives.*;

import dev.styxy.actors.audit.AuditQuery;
import dev.styxy.http.api.AuditResponse;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /audit}: the audit trail read from the journal (Pekko Persistence Query), newest
 * first, filtered by {@code since}, {@code until}, {@code port}, {@code lock_id},
 * {@code service_type} and {@code event}, {@code limit} per page (default 100, at most 1000),
 * continued with {@code before=<next>}. Reads the journal only, never the registry, so it answers
 * while the registry is recovering or degraded.
 */
final class AuditRoutes {
  private final AuditQuery query;

  AuditRoutes(AuditQuery query) {
    this.query = query;
  }

  Route routes() {
    return path("audit", () -> get(() -> parameterMap(params -> {
      AuditFilterParser.Parsed parsed = AuditFilterParser.parse(params);
      return onSuccess(page(parsed), Replies::ok);
    })));
  }

  private CompletionStage<AuditResponse> page(AuditFilterParser.Parsed p) {
    return query.page(p.filter(), p.before(), p.limit()).thenApply(page -> new AuditResponse(
        page.events().stream().map(AuditViews::view).toList(), page.next()));
  }
}
