package dev.styxy.http;

import static org.apache.pekko.http.javadsl.server.Directives.*;

import dev.styxy.actors.PortRegistry;
import dev.styxy.actors.RecoverySupervisor;
import dev.styxy.actors.metrics.StyxyMetrics;
import dev.styxy.actors.audit.AuditQuery;
import dev.styxy.actors.audit.RegistryJournal;
import dev.styxy.actors.os.BindProbe;
import dev.styxy.actors.os.ProcNet;
import dev.styxy.config.HttpSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.settings.ServerSettings;
import org.apache.pekko.serialization.jackson.JacksonObjectMapperProvider;

/**
 * The whole HTTP API: composes one routes class per resource behind the request guards
 * ({@link ApiGuards}: request id, DNS-rebinding protection, auth, body limit, rate limit) and the
 * JSON error handling of {@link ApiErrors}. The resulting route is sealed: every rejection and
 * failure, including unknown paths and wrong methods, is answered with the JSON error body and an
 * {@code X-Request-Id} header.
 *
 * <p>Routes ask the registry (normally the {@code RegistryBatcher} in front of the
 * {@code PortRegistry}) once per request; OS work runs on {@code styxy.blocking-dispatcher}.
 */
public final class ApiRoutes {
  /** The dispatcher for bind tests and {@code /proc} reads (defined in the actors module). */
  public static final String BLOCKING_DISPATCHER = "styxy.blocking-dispatcher";

  private static final Duration UNBIND_DEADLINE = Duration.ofSeconds(10);

  private final ApiGuards guards;
  private final RequestMetrics requestMetrics;
  private final Route resources;
  private final DashboardRoutes dashboard = new DashboardRoutes();
  private final ConfigReload configReload;

  /**
   * @param registry the registry's front door (the batcher, or the registry itself)
   * @param supervisor answers readiness for {@code /status} and {@code /health}
   * @param configFiles the user's config.json and the ephemeral range, for {@code /config/validate}
   * @param health the journal file, home folder and thresholds {@code /health} reports on
   * @param maxLeaseTtl the longest {@code lease_ttl_s} a client may ask for
   * @param authToken the API token; null disables authentication (tests only)
   * @param daemonPort the port the daemon listens on, never suggested
   * @param version the daemon version reported by {@code /status}
   * @param metrics served by {@code /metrics}; the API counts its requests and allocation
   *     latencies there
   * @param journal the registry's journal, read by {@code /audit} and {@code /events}
   */
  public ApiRoutes(ActorSystem<?> system, ActorRef<PortRegistry.Command> registry,
      ActorRef<RecoverySupervisor.Command> supervisor, ConfigFiles configFiles,
      HealthSources health, HttpSettings settings, Duration maxLeaseTtl, String authToken,
      BindProbe bindProbe, ProcNet procNet, int daemonPort, String version, StyxyMetrics metrics,
      RegistryJournal journal) {
    Executor blocking =
        system.dispatchers().lookup(DispatcherSelector.fromConfig(BLOCKING_DISPATCHER));
    RegistryClient client =
        new RegistryClient(registry, supervisor, settings.askTimeout(), system.scheduler());
    this.guards = new ApiGuards(settings, authToken, System::nanoTime);
    this.requestMetrics = new RequestMetrics(metrics);
    this.configReload = new ConfigReload(registry, configFiles.userConfigFile(), blocking,
        settings.askTimeout(), system.scheduler());
    this.resources = concat(
        new StatusRoutes(client, blocking, version, settings.askTimeout()).routes(),
        new HealthRoutes(client, health, blocking, version).routes(),
        new AllocateRoutes(client, settings.maxBodyBytes(), settings.askTimeout(), maxLeaseTtl,
            metrics).routes(),
        new CleanupRoutes(client, settings.maxBodyBytes(), settings.askTimeout()).routes(),
        new ImportRoutes(client, settings.maxBodyBytes(), settings.askTimeout(), blocking)
            .routes(),
        new InstanceRoutes(client, settings.maxBodyBytes(), settings.askTimeout()).routes(),
        new PortRoutes(client, bindProbe, procNet, blocking).routes(),
        new AllocationsRoutes(client).routes(),
        new ConfigRoutes(client, configFiles, blocking, configReload).routes(),
        new SuggestRoutes(client, bindProbe, daemonPort, blocking).routes(),
        new MetricsRoutes(metrics, blocking).routes(),
        new JournalRoutes(client, journal, new JournalLines(
            JacksonObjectMapperProvider.get(system).getOrCreate("jackson-json", Optional.empty())),
            settings.maxBodyBytes(), settings.askTimeout(), blocking, Clock.systemUTC()).routes(),
        new ShutdownRoutes(system).routes(),
        new AuditRoutes(new AuditQuery(journal, system)).routes(),
        new EventsRoutes(system, journal).routes());
  }

  /** The reload behind {@code POST /config/reload}, for the daemon's SIGHUP handler too. */
  public ConfigReload configReload() {
    return configReload;
  }

  /**
   * The sealed API route: every response is JSON (but the Prometheus text of {@code /metrics}
   * and the dashboard's static files, which are served before the guards since they hold no
   * data) and carries {@code X-Request-Id}; every response is counted ({@link RequestMetrics}).
   */
  public Route routes() {
    return requestMetrics.counted(() -> ApiGuards.withRequestId(id ->
        handleExceptions(ApiErrors.exceptionHandler(id), () ->
            handleRejections(ApiErrors.rejectionHandler(id), () ->
                concat(dashboard.routes(), guards.admit(id, () -> resources))))));
  }

  /**
   * Binds {@code routes} on {@code host:port} (0 picks a free port) and registers the binding with
   * coordinated shutdown, which stops accepting, then drains requests for up to 10 s. The server
   * records the client address for {@code remoteIP}, answers {@code HEAD} on every GET route as
   * the original did, and answers unparseable requests with the JSON error body too
   * ({@link JsonParsingErrorHandler}). A failed bind fails the returned stage; the caller decides
   * what to do.
   */
  public static CompletionStage<ServerBinding> bind(ActorSystem<?> system, Route routes,
      String host, int port) {
    ServerSettings settings = ServerSettings.create(system.classicSystem())
        .withRemoteAddressAttribute(true)
        .withTransparentHeadRequests(true)
        .withParsingErrorHandler(JsonParsingErrorHandler.class.getName());
    return Http.get(system).newServerAt(host, port).withSettings(settings).bind(routes)
        .thenApply(binding -> binding.addToCoordinatedShutdown(UNBIND_DEADLINE, system));
  }
}
