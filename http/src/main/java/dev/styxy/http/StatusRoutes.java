package dev.styxy.http;

import dev.styxy.actors.RecoverySupervisor;
import dev.styxy.actors.StateView;
import dev.styxy.http.api.StatusResponse;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.http.javadsl.server.Route;
import static org.apache.pekko.http.javadsl.server.Directives.*;

/**
 * {@code GET /status}: the unauthenticated liveness probe. Always 200 with
 * {@code "status":"running"} while the process serves HTTP; {@code state} is the
 * {@link dev.styxy.actors.RecoverySupervisor}'s readiness ({@code RECOVERING}, {@code READY} or
 * {@code DEGRADED}). The counts come from the registry, asked in parallel (not after): while it
 * replays, {@code allocations} is null and {@code instances} 0.
 */
final class StatusRoutes {
  /** The longest /status waits for the registry; a liveness probe must answer fast. */
  static final Duration REGISTRY_WAIT = Duration.ofSeconds(1);

  private static final Path PROC_STATUS = Path.of("/proc/self/status");

  private final RegistryClient registry;
  private final Executor blocking;
  private final String version;
  private final Duration wait;

  StatusRoutes(RegistryClient registry, Executor blocking, String version, Duration askTimeout) {
    this.registry = registry;
    this.blocking = blocking;
    this.version = version;
    this.wait = askTimeout.compareTo(REGISTRY_WAIT) < 0 ? askTimeout : REGISTRY_WAIT;
  }

  Route routes() {
    return pathPrefix("status", () -> pathEndOrSingleSlash(() -> get(this::status)));
  }

  private Route status() {
    CompletionStage<StateView> view = registry.state(wait)
        .exceptionally(replaying -> null);
    CompletionStage<String> state = registry.readiness(wait)
        .thenApply(s -> s.state().name())
        .exceptionally(unknown -> RecoverySupervisor.Readiness.RECOVERING.name());
    CompletableFuture<StatusResponse.Memory> memory =
        CompletableFuture.supplyAsync(StatusRoutes::memory, blocking);
    return onSuccess(view.thenCombine(state, Counted::new).thenCombine(memory, this::response),
        Replies::ok);
  }

  /** The registry's view (null while it replays) and the readiness. */
  private record Counted(StateView view, String state) {}

  private StatusResponse response(Counted counted, StatusResponse.Memory memory) {
    double uptime = ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0;
    StateView view = counted.view();
    if (view == null) {
      return new StatusResponse("running", uptime, null, 0, counted.state(), version, memory,
          null);
    }
    return new StatusResponse("running", uptime, view.state().size(),
        view.state().instanceCount(), counted.state(), version, memory, view.portConflicts());
  }

  /** Resident set size from {@code /proc/self/status} plus the JVM heap. Blocking (file read). */
  static StatusResponse.Memory memory() {
    Runtime rt = Runtime.getRuntime();
    long total = rt.totalMemory();
    return new StatusResponse.Memory(rss(), total - rt.freeMemory(), total);
  }

  private static Long rss() {
    try {
      List<String> lines = Files.readAllLines(PROC_STATUS);
      for (String line : lines) {
        if (line.startsWith("VmRSS:")) {
          // "VmRSS:     123456 kB"
          String[] parts = line.substring("VmRSS:".length()).trim().split("\\s+");
          return Long.parseLong(parts[0]) * 1024L;
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux, or /proc not mounted: rss is reported as null rather than failing the probe.
    }
    return null;
  }
}
