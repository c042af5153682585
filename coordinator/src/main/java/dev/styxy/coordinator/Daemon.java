package dev.styxy.coordinator;

import com.typesafe.config.Config;
import dev.styxy.actors.Journal;
import dev.styxy.actors.os.BindProbe;
import dev.styxy.actors.os.PortHolder;
import dev.styxy.actors.os.ProcNet;
import dev.styxy.config.ConfigProblem;
import dev.styxy.config.HealthSettings;
import dev.styxy.config.HttpSettings;
import dev.styxy.config.JournalSettings;
import dev.styxy.config.ServiceCatalog;
import dev.styxy.config.ServiceCatalogLoader;
import dev.styxy.config.StyxySettings;
import dev.styxy.http.ApiJson;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The foreground daemon once logging runs: resolves the token, the service catalog and the port,
 * starts the actor system with the {@link Guardian}, waits until the API is bound, and then until
 * the system terminates. Every start-up problem becomes one {@link StartupFailure} line.
 *
 * <p>Loaded only after {@link LogSetup#daemon}, because of its static logger.
 */
final class Daemon {
  private static final Logger log = LoggerFactory.getLogger(Daemon.class);

  /** Start-up (schema, registry, bind) must finish within this, or the daemon gives up. */
  static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  static final Duration SCHEMA_TIMEOUT = Duration.ofSeconds(30);

  private final Config config;
  private final StyxySettings settings;
  private final DaemonLock lock;
  private final List<String> warnings;
  private final PrintWriter out;
  private final boolean json;
  private final String version = Version.current();
  /** The PostgreSQL password, once {@link #prepare} has read it; never logged. */
  private Optional<String> password = Optional.empty();

  /**
   * @param config the resolved configuration {@code settings} came from
   * @param lock held; closed by {@link #run} or by the exit hook
   * @param warnings collected before logging started
   * @param json print the ready line as a JSON object ({@code daemon run --json})
   */
  Daemon(Config config, StyxySettings settings, DaemonLock lock, List<String> warnings,
      PrintWriter out, boolean json) {
    this.config = config;
    this.settings = settings;
    this.lock = lock;
    this.warnings = List.copyOf(warnings);
    this.out = out;
    this.json = json;
  }

  /**
   * Runs until the daemon stops.
   *
   * @return 0 after a shutdown by signal (the {@link ExitHook} then ends the process), 1 when the
   *     actor system stopped on its own
   * @throws StartupFailure when start-up fails; the actor system is already terminated then
   */
  int run() {
    log.atInfo().addKeyValue("pid", ProcessHandle.current().pid())
        .log("Starting Styxy [{}] with home [{}]", version, settings.home());
    warnings.forEach(log::warn);
    CompletableFuture<InetSocketAddress> ready = new CompletableFuture<>();
    ActorSystem<Guardian.Command> system = startOrRelease(ready);
    ExitHook exitHook = ExitHook.install(system, lock, settings.pidFile());
    system.getWhenTerminated().thenRun(() -> ready.completeExceptionally(
        new StartupFailure("the daemon stopped during start-up; see the log in "
            + settings.logDir())));
    Optional<InetSocketAddress> address = awaitReady(ready, system, exitHook);
    if (address.isEmpty()) {
      return 0;
    }
    exitHook.writePidFile();
    announce(address.get());
    system.getWhenTerminated().toCompletableFuture().join();
    if (exitHook.stopRequested()) {
      return 0;
    }
    log.error("The actor system terminated without a stop request; exiting with status 1");
    exitHook.terminateFromMain(system);
    return 1;
  }

  /** Prepares and starts the actor system; on failure releases the lock before rethrowing. */
  private ActorSystem<Guardian.Command> startOrRelease(
      CompletableFuture<InetSocketAddress> ready) {
    try {
      return startSystem(prepare(), ready);
    } catch (StartupFailure failure) {
      lock.close();
      LogSetup.stop();
      throw failure;
    }
  }

  /**
   * The bound address once the guardian reports ready; empty when a signal stopped the daemon
   * during start-up (a clean exit).
   *
   * @throws StartupFailure after terminating the system, when start-up failed or timed out
   */
  private Optional<InetSocketAddress> awaitReady(CompletableFuture<InetSocketAddress> ready,
      ActorSystem<Guardian.Command> system, ExitHook exitHook) {
    try {
      return Optional.of(ready.get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
    } catch (ExecutionException | TimeoutException | InterruptedException e) {
      if (exitHook.stopRequested()) {
        return Optional.empty();
      }
      StartupFailure failure = asFailure(e);
      exitHook.terminateFromMain(system);
      throw failure;
    }
  }

  /** The ready line: logged, and printed on stdout for whoever started the daemon. */
  private void announce(InetSocketAddress address) {
    String url = "http://" + hostForUrl(settings.http().host()) + ":" + address.getPort();
    String line = "Styxy " + version + " ready on " + url + " (home " + settings.home() + ")";
    log.atInfo().addKeyValue("port", address.getPort()).log(line);
    out.println(json ? readyJson(url, ProcessHandle.current().pid(), settings.home(), version)
        : line);
    out.flush();
  }

  /** The ready line of {@code daemon run --json}: one JSON object. */
  static String readyJson(String url, long pid, Path home, String version) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", true);
    body.put("url", url);
    body.put("pid", pid);
    body.put("home", home.toString());
    body.put("version", version);
    return ApiJson.write(body);
  }

  private Guardian.Startup prepare() {
    String token = authToken();
    ServiceCatalog catalog = catalog();
    HttpSettings http = settings.http();
    PortGuard.requireAuthOffLoopback(http.host(), token != null);
    ProcNet procNet = new ProcNet();
    BindProbe bindProbe = new BindProbe(settings.registry().checkIpv6(), procNet);
    int port = http.port();
    if (port == 0) {
      port = PortGuard.pickFreePort(http.host());
      log.info("Port 0 requested; picked free port [{}]", port);
    } else {
      PortGuard.requireFree(http.host(), port,
          p -> procNet.holderOf(p).map(PortHolder::describe));
    }
    HealthSettings health = settings.health().withOverrides(catalog.healthMonitoring());
    log.info("Health watching [{}]: every [{}], release after [{}] failures [{}], grace [{}]",
        health.enabled() ? "on" : "off", health.checkInterval(), health.maxFailures(),
        health.cleanupStaleAllocations() ? "on" : "off", health.gracePeriod());
    StyxySettings effective = settings.withHttp(http.withPort(port)).withHealth(health);
    JournalSettings journal = settings.journal();
    if (journal.postgres()) {
      // A server database is not quarantined: its integrity is the server's job, and an
      // unreachable one fails the schema step with one line naming the URL.
      password = PostgresPassword.resolve(journal, System.getenv());
      log.info("Journal: PostgreSQL at [{}] as [{}]", journal.urlForLog(), journal.user());
    }
    String journalReset = journal.postgres() ? null : JournalQuarantine.check(
        settings.journalDir(), settings.home(), Clock.systemUTC(), log).orElse(null);
    return new Guardian.Startup(effective, catalog, token, bindProbe, procNet, version,
        SCHEMA_TIMEOUT, OriginalStateFile.atStart(settings.home(),
            journal.postgres() ? null : settings.journalDir(), log),
        journalReset);
  }

  private String authToken() {
    if (settings.skipAuth()) {
      log.warn("Auth is DISABLED (styxy.skip-auth / STYXY_SKIP_AUTH=true): any local process can "
          + "change allocations. Use this for tests only.");
      return null;
    }
    AuthToken token = AuthToken.loadOrCreate(settings.authTokenFile(), new SecureRandom());
    token.warnings().forEach(log::warn);
    log.info("Auth token [{}] {} [{}]", token.masked(),
        token.created() ? "created in" : "loaded from", settings.authTokenFile());
    return token.value();
  }

  private ServiceCatalog catalog() {
    ServiceCatalog catalog;
    try {
      catalog = ServiceCatalogLoader.load(settings.userConfigFile());
    } catch (ConfigProblem e) {
      throw new StartupFailure(e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new StartupFailure(settings.userConfigFile().getFileName() + ": " + e.getMessage(),
          e);
    }
    catalog.rangeOverlaps().forEach(o -> log.warn("Service type ranges overlap: {}", o));
    log.info("Loaded [{}] service types", catalog.types().size());
    return catalog;
  }

  private ActorSystem<Guardian.Command> startSystem(Guardian.Startup startup,
      CompletableFuture<InetSocketAddress> ready) {
    try {
      Config systemConfig = Journal.of(settings.journal(), settings.journalDir(), password)
          .withFallback(config).resolve();
      return ActorSystem.create(Guardian.create(startup, ready), "styxy", systemConfig);
    } catch (RuntimeException | LinkageError e) {
      log.error("Cannot start the actor system", e);
      throw new StartupFailure("cannot start the actor system: " + Guardian.rootMessage(e), e);
    }
  }

  private StartupFailure asFailure(Exception e) {
    if (e instanceof ExecutionException && e.getCause() instanceof StartupFailure failure) {
      return failure;
    }
    if (e instanceof TimeoutException) {
      log.error("Start-up did not finish within [{}]", READY_TIMEOUT);
      return new StartupFailure("the daemon was not ready within " + READY_TIMEOUT.toSeconds()
          + " s; see the log in " + settings.logDir());
    }
    Throwable cause = e.getCause() == null ? e : e.getCause();
    log.error("Start-up failed", cause);
    return new StartupFailure("start-up failed: " + Guardian.rootMessage(cause), cause);
  }

  /** {@code ::1} must be written {@code [::1]} in a URL. */
  static String hostForUrl(String host) {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }
}
