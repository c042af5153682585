package dev.styxy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.styxy.actors.PortRegistry;
import dev.styxy.actors.RecoverySupervisor;
import dev.styxy.actors.RegistryDependencies;
import dev.styxy.actors.audit.RegistryJournal;
import dev.styxy.actors.health.HealthProbe;
import dev.styxy.actors.health.OsOwners;
import dev.styxy.actors.health.ProbeResult;
import dev.styxy.actors.metrics.StyxyMetrics;
import dev.styxy.actors.os.BindProbe;
import dev.styxy.actors.os.ProcNet;
import dev.styxy.config.AutoAllocationConfig;
import dev.styxy.config.DiskSettings;
import dev.styxy.config.EphemeralPortRange;
import dev.styxy.config.HealthSettings;
import dev.styxy.config.HttpSettings;
import dev.styxy.config.InstanceBehavior;
import dev.styxy.config.PortRange;
import dev.styxy.config.RecoverySettings;
import dev.styxy.config.RegistrySettings;
import dev.styxy.config.ServiceCatalog;
import dev.styxy.config.ServiceType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.persistence.testkit.PersistenceTestKitPlugin;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.testkit.PersistenceTestKitSnapshotPlugin;
import org.apache.pekko.persistence.testkit.query.javadsl.PersistenceTestKitReadJournal;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * Test wiring: an ActorTestKit with the in-memory journal, the real {@code PortRegistry} behind
 * a {@code RegistryBatcher}, both under the {@code RecoverySupervisor} (ready before any test),
 * a small catalog on high ports, a clock tests can move forward, and helpers to run requests
 * through a route and read the JSON reply. The registry runs without a health layer unless asked
 * for one; then its watchers use a probe that sees nothing wrong, and its owner checks look at the
 * real processes.
 */
final class ApiFixture implements AutoCloseable {
  static final String TOKEN = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  static final int DAEMON_PORT = 62999;
  static final HttpSettings SETTINGS =
      new HttpSettings("127.0.0.1", 0, 10240, 6000, Duration.ofSeconds(3));
  /** The reference health settings (maximum lease 7 days). */
  static final HealthSettings HEALTH = HealthSettings.fromConfig(
      ConfigFactory.defaultReference().getConfig("styxy.health"));

  final ActorTestKit kit;
  final MovableClock clock = new MovableClock();
  final ServiceCatalog catalog;
  final ProcNet procNet = new ProcNet();
  final BindProbe bindProbe = new BindProbe(false, procNet);
  final ActorRef<PortRegistry.Command> registry;
  /** A config.json in a fresh folder (absent until a test writes it). */
  final ConfigFiles configFiles;
  final ActorRef<RecoverySupervisor.Command> supervisor;
  /** {@code /health}'s files: a fresh home without a journal file, no disk limit. */
  final HealthSources healthSources;
  /** Shared by the registry and the routes, as in the daemon. */
  final StyxyMetrics metrics = new StyxyMetrics();

  /** A completed request: status, content type, headers and the body as text and as JSON. */
  record Reply(int status, String contentType, HttpResponse response, String body) {
    JsonNode json() {
      return ApiJson.read(body, JsonNode.class);
    }

    Optional<String> header(String name) {
      return response.getHeader(name).map(h -> h.value());
    }

    /** Asserts the JSON error body shape, the status and the code; returns the body. */
    JsonNode assertError(int expectedStatus, String code) {
      assertEquals(expectedStatus, status, body);
      assertEquals("application/json", contentType);
      JsonNode j = json();
      assertEquals(false, j.get("success").asBoolean(), body);
      assertEquals(code, j.get("code").asText(), body);
      assertTrue(j.get("error").asText().length() > 5, body);
      String id = j.get("request_id").asText();
      assertEquals(Optional.of(id), header(ApiGuards.REQUEST_ID), "request id echoed");
      return j;
    }
  }

  ApiFixture(String name) {
    this(name, catalog(), false);
  }

  /** @param withHealth give the registry a health layer (watchers, sweeps, owner checks) */
  ApiFixture(String name, boolean withHealth) {
    this(name, catalog(), withHealth);
  }

  /** With {@code catalog} instead of the default one. */
  ApiFixture(String name, ServiceCatalog catalog) {
    this(name, catalog, false);
  }

  private ApiFixture(String name, ServiceCatalog catalog, boolean withHealth) {
    this.catalog = catalog;
    Path home = tempDir();
    this.configFiles = new ConfigFiles(home.resolve("config.json"), EphemeralPortRange.FALLBACK);
    this.healthSources = new HealthSources(home, home.resolve("journal.mv.db"),
        new DiskSettings(0, 0), HEALTH.enabled());
    Config config = PersistenceTestKitPlugin.config()
        .withFallback(PersistenceTestKitSnapshotPlugin.config())
        .withFallback(
            ConfigFactory.parseString("pekko.persistence.journal.auto-start-journals = []"))
        .withFallback(ConfigFactory.load());
    kit = ActorTestKit.create(name, config);
    RegistrySettings settings = RegistrySettings.fromConfig(
        ConfigFactory.defaultReference().getConfig("styxy.registry"));
    // The registry sees every candidate free, so ports are deterministic; /check uses the real OS.
    RegistryDependencies deps = new RegistryDependencies(catalog, settings,
        port -> Optional.empty(), DAEMON_PORT, clock).withMetrics(metrics);
    if (withHealth) {
      HealthProbe quiet = target ->
          CompletableFuture.completedFuture(new ProbeResult(null, false, null, null));
      deps = deps.withHealth(new RegistryDependencies.Health(HEALTH, quiet, new OsOwners()));
    }
    supervisor = kit.spawn(RecoverySupervisor.create(deps, RecoverySettings.defaults(),
        Duration.ofSeconds(3)), "recovery-supervisor");
    TestProbe<ActorRef<PortRegistry.Command>> door = kit.createTestProbe();
    supervisor.tell(new RecoverySupervisor.GetFrontDoor(door.getRef()));
    registry = door.receiveMessage();
    awaitReady();
  }

  /** Waits until the supervisor reports READY: the batcher refuses mutations before that. */
  void awaitReady() {
    TestProbe<RecoverySupervisor.Status> status = kit.createTestProbe();
    status.awaitAssert(Duration.ofSeconds(10), () -> {
      supervisor.tell(new RecoverySupervisor.GetStatus(status.getRef()));
      assertEquals(RecoverySupervisor.Readiness.READY, status.receiveMessage().state());
      return null;
    });
  }

  private static Path tempDir() {
    try {
      Path dir = Files.createTempDirectory("styxy-api-");
      dir.toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ServiceCatalog catalog() {
    Map<String, ServiceType> types = new LinkedHashMap<>();
    types.put("web", type("web", List.of(62100, 62101), new PortRange(62100, 62149),
        InstanceBehavior.MULTI));
    types.put("ai", type("ai", List.of(62200), new PortRange(62200, 62209),
        InstanceBehavior.SINGLE));
    types.put("tiny", type("tiny", List.of(), new PortRange(62300, 62300),
        InstanceBehavior.MULTI));
    return new ServiceCatalog(types,
        new AutoAllocationConfig(false, 10, "after", 62400, 62900, false, 0));
  }

  private static ServiceType type(String name, List<Integer> preferred, PortRange range,
      InstanceBehavior behavior) {
    return new ServiceType(name, "Test " + name + " services", preferred, range, behavior,
        List.of(name + " example"), ServiceType.Source.CORE);
  }

  ApiRoutes api(HttpSettings settings, String token) {
    return api(registry, settings, token);
  }

  ApiRoutes api(ActorRef<PortRegistry.Command> ref, HttpSettings settings, String token) {
    return api(ref, supervisor, settings, token);
  }

  ApiRoutes api(ActorRef<PortRegistry.Command> ref, ActorRef<RecoverySupervisor.Command> sup,
      HttpSettings settings, String token) {
    return api(ref, sup, healthSources, settings, token);
  }

  /** With {@code health} as what {@code /health} reads besides the supervisor. */
  ApiRoutes api(ActorRef<PortRegistry.Command> ref, ActorRef<RecoverySupervisor.Command> sup,
      HealthSources health, HttpSettings settings, String token) {
    return new ApiRoutes(kit.system(), ref, sup, configFiles, health, settings,
        HEALTH.maxLeaseTtl(), token, bindProbe, procNet, DAEMON_PORT, "test-version", metrics,
        journal());
  }

  /** The in-memory journal as the read side sees it (the persistence testkit's read journal). */
  RegistryJournal journal() {
    PersistenceTestKitReadJournal read = PersistenceQuery.get(kit.system().classicSystem())
        .getReadJournalFor(PersistenceTestKitReadJournal.class,
            PersistenceTestKitReadJournal.Identifier());
    return RegistryJournal.over(read, id -> read.currentEventsByPersistenceId(id, 0,
            Long.MAX_VALUE).runWith(Sink.fold(0L, (max, env) -> Math.max(max, env.sequenceNr())),
        kit.system()));
  }

  /** Runs {@code request} through {@code route} and reads the whole reply. */
  Reply call(Route route, HttpRequest request) {
    try {
      HttpResponse response = route.handler(kit.system()).apply(request)
          .toCompletableFuture().get(10, TimeUnit.SECONDS);
      Materializer mat = Materializer.matFromSystem(kit.system());
      String body = response.entity().toStrict(5000, mat).toCompletableFuture()
          .get(10, TimeUnit.SECONDS).getData().decodeString(StandardCharsets.UTF_8);
      return new Reply(response.status().intValue(),
          response.entity().getContentType().toString(), response, body);
    } catch (Exception e) {
      throw new AssertionError("request failed: " + request, e);
    }
  }

  /** {@code request} with {@code Authorization: Bearer TOKEN}. */
  static HttpRequest authed(HttpRequest request) {
    return request.addHeader(RawHeader.create("Authorization", "Bearer " + TOKEN));
  }

  /** Counts occurrences of {@code needle} in {@code text}. */
  static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }

  @Override
  public void close() {
    kit.shutdownTestKit();
  }
}
