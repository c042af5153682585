package dev.styxy.coordinator;

import dev.styxy.actors.ConfigMirror;
import dev.styxy.actors.Journal;
import dev.styxy.actors.LiveWatchers;
import dev.styxy.actors.PortRegistry;
import dev.styxy.actors.RecoverySupervisor;
import dev.styxy.actors.RegistryBatcher;
import dev.styxy.actors.RegistryDependencies;
import dev.styxy.actors.StartupImport;
import dev.styxy.actors.audit.RegistryJournal;
import dev.styxy.actors.health.ListeningPorts;
import dev.styxy.actors.health.OsHealthProbe;
import dev.styxy.actors.health.OsOwners;
import dev.styxy.actors.metrics.StyxyMetrics;
import dev.styxy.actors.os.BindProbe;
import dev.styxy.actors.os.ForeignHolders;
import dev.styxy.actors.os.PortHolder;
import dev.styxy.actors.os.ProcNet;
import dev.styxy.config.EphemeralPortRange;
import dev.styxy.config.HealthSettings;
import dev.styxy.config.HttpSettings;
import dev.styxy.config.JournalSettings;
import dev.styxy.config.PortRange;
import dev.styxy.config.ServiceCatalog;
import dev.styxy.config.StyxySettings;
import dev.styxy.config.UserConfigWriter;
import dev.styxy.http.ApiRoutes;
import dev.styxy.http.ConfigFiles;
import dev.styxy.http.HealthSources;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The root actor of the daemon. It brings the system up in order: journal schema, then the
 * {@link RecoverySupervisor} (which spawns the {@link PortRegistry}, recovering from the journal,
 * with its {@link RegistryBatcher} in front) and the {@link ConfigMirror} that writes
 * auto-allocated types into {@code config.json}, then the HTTP API ({@link ApiRoutes#bind}
 * registers the binding with CoordinatedShutdown, so a stop unbinds first and drains requests).
 * It reports the outcome once, through the {@code ready} future the main thread waits on: the
 * bound address, or a {@link StartupFailure} whose message is the line to print.
 *
 * <p>Phases: {@code creatingSchema} → {@code startingRegistry} → {@code binding} →
 * {@code running}. HTTP binds while the registry still replays: requests get 503 until the
 * supervisor reports it ready. Any failure before {@code running} stops the guardian, which
 * terminates the actor system. It watches the supervisor: the registry is restarted with backoff
 * after crashes and journal failures, so if it stops for good the supervisor stops, this actor
 * stops too, and the process exits non-zero for the service manager to restart it.
 */
public final class Guardian {
  /**
   * How long the shared reading of listening sockets, and what the OS said about an owner PID,
   * are reused by other watchers: at most this, and at most a quarter of the probe interval, so
   * the reuse never delays a release by more than a fraction of one interval.
   */
  private static final Duration OS_VIEW_MAX_AGE = Duration.ofMillis(500);
  /** How long a stop waits for the config mirror's last write. */
  private static final Duration MIRROR_SYNC_TIMEOUT = Duration.ofSeconds(5);

  /** Messages of the start-up sequence; all private, nothing outside talks to the guardian. */
  public sealed interface Command {}

  private enum SchemaReady implements Command { INSTANCE }

  private record SchemaFailed(Throwable cause) implements Command {}

  private record HttpBound(ServerBinding binding) implements Command {}

  private record HttpBindFailed(Throwable cause) implements Command {}

  private enum RegistryStopped implements Command { INSTANCE }

  private record FrontDoor(ActorRef<PortRegistry.Command> batcher) implements Command {}

  private record FrontDoorFailed(Throwable cause) implements Command {}

  /**
   * What the daemon needs, resolved by the main thread before the actor system starts.
   *
   * @param settings validated settings, with the final HTTP port (never 0)
   * @param authToken the API token, {@code null} when auth is disabled
   * @param schemaTimeout how long the journal schema step may take before start-up fails
   * @param stateImport the original's {@code daemon.state} to import after the first replay
   * @param journalReset why a corrupt journal was moved away at this start, reported as
   *     {@code DEGRADED} until acknowledged; {@code null} when it was not
   */
  public record Startup(StyxySettings settings, ServiceCatalog catalog, String authToken,
      BindProbe bindProbe, ProcNet procNet, String version, Duration schemaTimeout,
      StartupImport stateImport, String journalReset) {}

  private final ActorContext<Command> context;
  private final Startup startup;
  private final CompletableFuture<InetSocketAddress> ready;
  /** The daemon's metrics, shared by the registry, its supervisor and the HTTP API. */
  private final StyxyMetrics metrics = new StyxyMetrics().withJvmMetrics();

  private Guardian(ActorContext<Command> context, Startup startup,
      CompletableFuture<InetSocketAddress> ready) {
    this.context = context;
    this.startup = startup;
    this.ready = ready;
  }

  /**
   * @param ready completed with the bound address, or exceptionally with a {@link StartupFailure}
   */
  public static Behavior<Command> create(Startup startup,
      CompletableFuture<InetSocketAddress> ready) {
    return Behaviors.setup(ctx -> new Guardian(ctx, startup, ready).creatingSchema());
  }

  private Behavior<Command> creatingSchema() {
    CompletableFuture<?> schema;
    try {
      schema = Journal.createSchema(context.getSystem()).toCompletableFuture();
    } catch (RuntimeException e) {
      schema = CompletableFuture.failedFuture(e);
    }
    long timeoutMs = startup.schemaTimeout().toMillis();
    context.pipeToSelf(schema.orTimeout(timeoutMs, TimeUnit.MILLISECONDS),
        (done, error) -> error == null ? SchemaReady.INSTANCE : new SchemaFailed(error));
    return Behaviors.receive(Command.class)
        .onMessageEquals(SchemaReady.INSTANCE, this::startRegistry)
        .onMessage(SchemaFailed.class, m -> fail(journalProblem(m.cause()), m.cause()))
        .build();
  }

  private Behavior<Command> startRegistry() {
    StyxySettings settings = startup.settings();
    Clock clock = Clock.systemUTC();
    PortRange ephemeral = EphemeralPortRange.read();
    ActorRef<ConfigMirror.Command> mirror = context.spawn(
        Behaviors.supervise(ConfigMirror.create(
            new UserConfigWriter(settings.userConfigFile(), clock)))
            .onFailure(SupervisorStrategy.restart()),
        "config-mirror", DispatcherSelector.fromConfig(ApiRoutes.BLOCKING_DISPATCHER));
    RegistryDependencies deps = new RegistryDependencies(startup.catalog(), settings.registry(),
        startup.bindProbe(), settings.http().port(), clock)
        .withHealth(health(settings.health(), clock))
        .withEphemeralRange(ephemeral).withConfigMirror(mirror).withMetrics(metrics)
        .withRecovery(new RegistryDependencies.Recovery(null,
            new ForeignHolders(startup.procNet()), settings.recovery().reconcile(),
            new LiveWatchers(), startup.stateImport()));
    // A stop writes what the mirror still holds; what a kill loses is rebuilt at the next start.
    CoordinatedShutdown.get(context.getSystem()).addTask(CoordinatedShutdown.PhaseServiceStop(),
        "config-mirror-sync", () -> AskPattern.ask(mirror, ConfigMirror.Sync::new,
            MIRROR_SYNC_TIMEOUT, context.getSystem().scheduler()));
    ActorRef<RecoverySupervisor.Command> supervisor = context.spawn(
        RecoverySupervisor.create(deps, settings.recovery(), settings.http().askTimeout(),
            startup.journalReset()),
        "recovery-supervisor");
    context.watchWith(supervisor, RegistryStopped.INSTANCE);
    context.ask(frontDoorType(), supervisor, startup.schemaTimeout(),
        RecoverySupervisor.GetFrontDoor::new,
        (door, error) -> error == null ? new FrontDoor(door) : new FrontDoorFailed(error));
    return Behaviors.receive(Command.class)
        .onMessage(FrontDoor.class, m -> bind(supervisor, m.batcher(), ephemeral))
        .onMessage(FrontDoorFailed.class, m -> fail("the port registry did not start: "
            + rootMessage(m.cause()), m.cause()))
        .onMessageEquals(RegistryStopped.INSTANCE, this::registryStoppedDuringStartUp)
        .build();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Class<ActorRef<PortRegistry.Command>> frontDoorType() {
    return (Class) ActorRef.class;
  }

  private Behavior<Command> bind(ActorRef<RecoverySupervisor.Command> supervisor,
      ActorRef<PortRegistry.Command> batcher, PortRange ephemeral) {
    StyxySettings settings = startup.settings();
    HttpSettings http = settings.http();
    ConfigFiles files = new ConfigFiles(settings.userConfigFile(), ephemeral);
    HealthSources health = new HealthSources(settings.home(), settings.journal().postgres()
        ? null : Journal.file(settings.journalDir()), settings.disk(),
        settings.health().enabled());
    ApiRoutes api = new ApiRoutes(context.getSystem(), batcher, supervisor, files, health,
        http, settings.health().maxLeaseTtl(), startup.authToken(), startup.bindProbe(),
        startup.procNet(), http.port(), startup.version(), metrics,
        RegistryJournal.jdbc(context.getSystem()));
    HangupReload.install(api.configReload());
    Route routes = api.routes();
    CompletionStage<ServerBinding> bound =
        ApiRoutes.bind(context.getSystem(), routes, http.host(), http.port());
    context.pipeToSelf(bound, (binding, error) ->
        error == null ? new HttpBound(binding) : new HttpBindFailed(error));
    return Behaviors.receive(Command.class)
        .onMessage(HttpBound.class, this::onBound)
        .onMessage(HttpBindFailed.class, m -> fail(bindProblem(m.cause()), m.cause()))
        .onMessageEquals(RegistryStopped.INSTANCE, this::registryStoppedDuringStartUp)
        .build();
  }

  /** The real health layer: OS probes on the probe dispatcher, listeners read from /proc. */
  private RegistryDependencies.Health health(HealthSettings settings, Clock clock) {
    Executor probeThreads = context.getSystem().dispatchers()
        .lookup(DispatcherSelector.fromConfig("styxy.health-probe-dispatcher"));
    Duration quarter = settings.checkInterval().dividedBy(4);
    Duration maxAge = quarter.compareTo(OS_VIEW_MAX_AGE) < 0 ? quarter : OS_VIEW_MAX_AGE;
    OsOwners owners = new OsOwners(maxAge);
    ListeningPorts listening = new ListeningPorts(startup.procNet(), maxAge, clock);
    return new RegistryDependencies.Health(settings,
        new OsHealthProbe(listening, owners, probeThreads, settings.probeTimeout()), owners);
  }

  private Behavior<Command> registryStoppedDuringStartUp() {
    return fail("the port registry stopped during start-up; see the log in "
        + startup.settings().logDir(), null);
  }

  private Behavior<Command> onBound(HttpBound bound) {
    InetSocketAddress address = bound.binding().localAddress();
    context.getLog().atInfo().addKeyValue("port", address.getPort())
        .log("HTTP API bound to [{}]", address);
    ready.complete(address);
    return running();
  }

  private Behavior<Command> running() {
    return Behaviors.receive(Command.class)
        .onMessageEquals(RegistryStopped.INSTANCE, this::onRegistryStopped)
        .build();
  }

  private Behavior<Command> onRegistryStopped() {
    context.getLog().error("The recovery supervisor stopped (the port registry stopped for "
        + "good); stopping the daemon so that it can be restarted");
    return Behaviors.stopped();
  }

  private Behavior<Command> fail(String line, Throwable cause) {
    if (cause == null) {
      context.getLog().error("Start-up failed: {}", line);
    } else {
      context.getLog().error("Start-up failed: " + line, cause);
    }
    ready.completeExceptionally(new StartupFailure(line, cause));
    return Behaviors.stopped();
  }

  private String journalProblem(Throwable cause) {
    JournalSettings journal = startup.settings().journal();
    String where = journal.postgres()
        ? "the PostgreSQL journal at " + journal.urlForLog() + " as " + journal.user()
        : "the journal in " + startup.settings().journalDir();
    return "cannot open " + where + ": " + rootMessage(cause);
  }

  private String bindProblem(Throwable cause) {
    HttpSettings http = startup.settings().http();
    if (PortGuard.isBindFailure(cause)) {
      // The holder lookup reads /proc; acceptable once, on the way out of a failed start.
      return PortGuard.inUse(http.host(), http.port(),
          startup.procNet().holderOf(http.port()).map(PortHolder::describe));
    }
    return "cannot listen on " + http.host() + ":" + http.port() + ": " + rootMessage(cause);
  }

  /** The innermost cause's message on one line: the part that names the real problem. */
  static String rootMessage(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.getClass().getSimpleName()
        : root.getMessage();
    String firstLine = message.strip().lines().findFirst().orElse("");
    return firstLine.length() > 300 ? firstLine.substring(0, 297) + "..." : firstLine;
  }
}
