package dev.styxy.http;

import static org.apache.pekko.http.javadsl.server.Directives.*;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import dev.styxy.actors.StateView;
import dev.styxy.actors.os.BindProbe;
import dev.styxy.config.ServiceType;
import dev.styxy.http.api.SuggestResponse;
import dev.styxy.persistence.ErrorCode;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /suggest/{serviceType}?count=N}: the ports an allocation of that type would get now,
 * in candidate order, skipping allocated ports, the daemon's own port and ports the OS reports
 * taken. Allocates nothing. Unlike the original (W23) it uses the configured and auto-allocated
 * ranges and honours allocations; the bind tests run on the blocking dispatcher.
 */
final class SuggestRoutes {
  private static final Pattern COUNT = Pattern.compile("\\d{1,3}");
  private static final int DEFAULT_COUNT = 5;
  private static final int MAX_COUNT = 100;
  private static final int MAX_ECHO = 60;

  private final RegistryClient registry;
  private final BindProbe bindProbe;
  private final int daemonPort;
  private final Executor blocking;

  SuggestRoutes(RegistryClient registry, BindProbe bindProbe, int daemonPort, Executor blocking) {
    this.registry = registry;
    this.bindProbe = bindProbe;
    this.daemonPort = daemonPort;
    this.blocking = blocking;
  }

  Route routes() {
    return pathPrefix("suggest", () -> path(segment(), type -> get(() ->
        parameterOptional("count", count -> suggest(type, count)))));
  }

  private Route suggest(String typeName, Optional<String> countText) {
    int count = count(countText);
    return onSuccess(registry.state().thenApplyAsync(view -> suggestion(view, typeName, count),
        blocking), outcome -> outcome.found() != null ? Replies.ok(outcome.found())
            : ApiGuards.requestId(id -> complete(ApiErrors.response(id, StatusCodes.NOT_FOUND,
                ErrorCode.UNKNOWN_SERVICE_TYPE, "Unknown service type '" + echo(typeName)
                    + "'. Known types: " + String.join(", ", outcome.known()), null))));
  }

  /** The suggestion, or (when {@code found} is null) the names of the known types. */
  private record Outcome(SuggestResponse found, List<String> known) {}

  /** Configured and auto-allocated types are both known. */
  private Outcome suggestion(StateView view, String typeName, int count) {
    Optional<ServiceType> type = view.serviceType(typeName);
    if (type.isEmpty()) {
      return new Outcome(null, List.copyOf(view.serviceTypes().keySet()));
    }
    ServiceType t = type.get();
    List<Integer> ports = view.state().suggest(t, count, bindProbe, daemonPort);
    return new Outcome(new SuggestResponse(t.name(), ports, ports.size(), message(t, ports)),
        List.of());
  }

  private static String message(ServiceType type, List<Integer> ports) {
    return ports.isEmpty() ? "No available ports in " + type.name() + " range"
        : "Found " + ports.size() + " available port(s)";
  }

  private static int count(Optional<String> text) {
    if (text.isEmpty()) {
      return DEFAULT_COUNT;
    }
    String value = text.get();
    if (!COUNT.matcher(value).matches() || Integer.parseInt(value) < 1
        || Integer.parseInt(value) > MAX_COUNT) {
      throw ApiProblem.invalidArgument("count must be an integer between 1 and " + MAX_COUNT
          + ", was '" + echo(value) + "'");
    }
    return Integer.parseInt(value);
  }

  private static String echo(String text) {
    String clean = text.replaceAll("\\p{Cntrl}", "");
    return clean.length() > MAX_ECHO ? clean.substring(0, MAX_ECHO) + "..." : clean;
  }
}
