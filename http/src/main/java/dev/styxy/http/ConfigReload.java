package dev.styxy.http;

import dev.styxy.actors.CatalogReloaded;
import dev.styxy.actors.PortRegistry;
import dev.styxy.config.ConfigProblem;
import dev.styxy.config.ServiceCatalog;
import dev.styxy.config.ServiceCatalogLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Scheduler;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * Re-reads {@code config.json} and, when it loads, has the registry decide with it from its next
 * decision on ({@code POST /config/reload}, {@code styxy config reload}, SIGHUP). A file that does
 * not load (what would stop a start-up) is refused with its problem and the running configuration
 * stays; what start-up only warns about (overlapping ranges) comes back as warnings. The
 * {@code recovery.health_monitoring} keys take effect at the next start.
 */
public final class ConfigReload {

  /** What a reload did. */
  public sealed interface Outcome {}

  /** The new catalog is in use. */
  public record Reloaded(int types, List<String> warnings, String message) implements Outcome {}

  /** The file does not load; nothing changed. */
  public record Refused(String problem) implements Outcome {}

  private final ActorRef<PortRegistry.Command> registry;
  private final Path userConfigFile;
  private final Executor blocking;
  private final Duration timeout;
  private final Scheduler scheduler;

  /**
   * @param registry the registry or the batcher in front of it
   * @param blocking where the file is read
   * @param timeout how long to wait for the registry
   */
  public ConfigReload(ActorRef<PortRegistry.Command> registry, Path userConfigFile,
      Executor blocking, Duration timeout, Scheduler scheduler) {
    this.registry = registry;
    this.userConfigFile = userConfigFile;
    this.blocking = blocking;
    this.timeout = timeout;
    this.scheduler = scheduler;
  }

  /** Loads the file off the caller's thread, then hands the catalog to the registry. */
  public CompletionStage<Outcome> reload(String requestId, String actor) {
    return CompletableFuture.supplyAsync(this::load, blocking).thenCompose(loaded -> {
      if (loaded instanceof Refused refused) {
        return CompletableFuture.completedFuture(refused);
      }
      ServiceCatalog catalog = ((Loaded) loaded).catalog();
      CompletionStage<CatalogReloaded> done = AskPattern.ask(registry,
          replyTo -> new PortRegistry.ReloadCatalog(catalog, requestId, actor, replyTo),
          timeout, scheduler);
      return done.thenApply(r -> new Reloaded(r.types(), catalog.rangeOverlaps(), r.message()));
    });
  }

  private record Loaded(ServiceCatalog catalog) implements Outcome {}

  private Outcome load() {
    try {
      return new Loaded(ServiceCatalogLoader.load(userConfigFile));
    } catch (ConfigProblem e) {
      return new Refused(e.getMessage() + "; the running configuration is unchanged");
    }
  }
}
