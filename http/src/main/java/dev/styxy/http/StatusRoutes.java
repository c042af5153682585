package dev.styxy.http;

import dev.styxy.actors.PortRegistry;
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
 * {@code "status":"running"} while the process serves HTTP; {@code state} is {@code READY} when the
 * registry answers within a second and {@code RECOVERING} (with {@code allocations} null and
 * {@code instances} 0) while it is still replaying its journal.
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
    CompletableFuture<StatusResponse.Memory> memory =
        CompletableFuture.supplyAsync(StatusRoutes::memory, blocking);
    return onSuccess(view.thenCombine(memory, this::response), Replies::ok);
  }

  /** {@code view} is null while the registry replays its journal. */
  private StatusResponse response(StateView view, StatusResponse.Memory memory) {
    double uptime = ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0;
    if (view == null) {
      return new StatusResponse("running", uptime, null, 0, "RECOVERING", version, memory, null);
    }
    return new StatusResponse("running", uptime, view.state().size(),
        view.state().instanceCount(), "READY", version, memory, view.portConflicts());
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
