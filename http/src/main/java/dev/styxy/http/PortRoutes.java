package dev.styxy.http;

import static org.apache.pekko.http.javadsl.server.Directives.*;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import dev.styxy.actors.os.BindProbe;
import dev.styxy.actors.os.PortHolder;
import dev.styxy.actors.os.ProcNet;
import dev.styxy.http.api.CheckResponse;
import dev.styxy.http.api.PortInUse;
import dev.styxy.http.api.ScanResponse;
import dev.styxy.http.api.SystemUsage;
import dev.styxy.persistence.Allocation;
import dev.styxy.persistence.RegistryState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /check/{port}} and {@code GET /scan}: what the registry and the operating system say
 * about ports. Unlike the original (W8), ports inside managed ranges are checked against the OS
 * too. The OS work (bind tests, {@code /proc} reads) runs on the blocking dispatcher while the
 * registry is asked, and the two answers are combined.
 */
final class PortRoutes {
  private static final Pattern PORT_TEXT = Pattern.compile("\\d{1,5}");
  private static final int DEFAULT_SCAN_START = 3000;
  private static final int DEFAULT_SCAN_SPAN = 100;
  private static final int MAX_PORT = 65535;

  private final RegistryClient registry;
  private final BindProbe bindProbe;
  private final ProcNet procNet;
  private final Executor blocking;

  PortRoutes(RegistryClient registry, BindProbe bindProbe, ProcNet procNet, Executor blocking) {
    this.registry = registry;
    this.bindProbe = bindProbe;
    this.procNet = procNet;
    this.blocking = blocking;
  }

  Route routes() {
    return concat(
        pathPrefix("check", () -> path(segment(), port -> get(() -> check(port)))),
        pathPrefix("scan", () -> pathEndOrSingleSlash(() -> get(() ->
            parameterOptional("start", start -> parameterOptional("end", end ->
                scan(start, end)))))));
  }

  private Route check(String text) {
    if (!PORT_TEXT.matcher(text).matches() || !inRange(Integer.parseInt(text))) {
      throw ApiProblem.invalidArgument("Invalid port number: " + clip(text)
          + " (expected an integer between 1 and 65535)");
    }
    int port = Integer.parseInt(text);
    CompletableFuture<Optional<SystemUsage>> os =
        CompletableFuture.supplyAsync(() -> osUsage(port), blocking);
    return onSuccess(registry.state().thenCombine(os, (view, usage) -> {
      Optional<Allocation> held = view.state().atPort(port);
      return new CheckResponse(port, held.isEmpty() && usage.isEmpty(),
          ApiViews.recordOrNull(held), usage.orElse(null));
    }), Replies::ok);
  }

  /** Empty when the OS lets the port be bound; otherwise who holds it. Blocking. */
  private Optional<SystemUsage> osUsage(int port) {
    if (bindProbe.isFree(port)) {
      return Optional.empty();
    }
    return Optional.of(ApiViews.usage(bindProbe.holder(port)));
  }

  private Route scan(Optional<String> startText, Optional<String> endText) {
    int start = queryPort("start", startText.orElse(Integer.toString(DEFAULT_SCAN_START)));
    int end = endText.isPresent() ? queryPort("end", endText.get())
        : Math.min(start + DEFAULT_SCAN_SPAN - 1, MAX_PORT);
    if (end < start) {
      throw ApiProblem.invalidArgument("end (" + end + ") must not be below start (" + start
          + ")");
    }
    CompletableFuture<Map<Integer, PortHolder>> holders =
        CompletableFuture.supplyAsync(() -> procNet.holdersIn(start, end), blocking);
    return onSuccess(registry.state().thenCombine(holders,
        (view, found) -> scanResult(start, end, view.state(), found)), Replies::ok);
  }

  private static ScanResponse scanResult(int start, int end, RegistryState state,
      Map<Integer, PortHolder> holders) {
    TreeSet<Integer> used = new TreeSet<>(holders.keySet());
    for (Allocation a : state.allocations()) {
      if (a.port() >= start && a.port() <= end) {
        used.add(a.port());
      }
    }
    List<PortInUse> ports = new ArrayList<>(used.size());
    for (int port : used) {
      PortHolder holder = holders.get(port);
      ports.add(new PortInUse(port, ApiViews.recordOrNull(state.atPort(port)),
          holder == null ? null : ApiViews.usage(Optional.of(holder))));
    }
    return new ScanResponse(start + "-" + end, ports);
  }

  private static int queryPort(String name, String text) {
    if (!PORT_TEXT.matcher(text).matches() || !inRange(Integer.parseInt(text))) {
      throw ApiProblem.invalidArgument(name + " must be a port number between 1 and 65535, was '"
          + clip(text) + "'");
    }
    return Integer.parseInt(text);
  }

  private static boolean inRange(int port) {
    return port >= 1 && port <= MAX_PORT;
  }

  private static String clip(String text) {
    String clean = text.replaceAll("\\p{Cntrl}", "");
    return clean.length() > 20 ? clean.substring(0, 20) + "..." : clean;
  }
}
