package dev.styxy.coordinator;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The real {@code target/styxy.jar} in a child JVM, for the integration tests: {@code daemon run}
 * with {@code STYXY_HOME} and {@code STYXY_PORT} set, output captured to files, and a small HTTP
 * client holding the daemon's token. Always {@link #close()} it (SIGTERM, then kill).
 */
final class DaemonProcess implements AutoCloseable {
  static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
  /** Variables of the test's own environment that must not leak into a child. */
  private static final List<String> SCRUBBED = List.of("STYXY_HOME", "STYXY_PORT",
      "STYXY_SKIP_AUTH", "STYXY_URL", "STYXY_DAEMON_PORT", "CLAUDE_INSTANCE_ID", "STYXY_JOURNAL",
      "STYXY_POSTGRES_URL", "STYXY_POSTGRES_USER", "STYXY_POSTGRES_PASSWORD",
      "STYXY_POSTGRES_PASSWORD_FILE");
  /** The PostgreSQL database of each home, when the tests run against PostgreSQL. */
  private static final Map<Path, String> DATABASES = new ConcurrentHashMap<>();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Process process;
  private final Path home;
  private final int port;
  private final Path stdout;
  private final Path stderr;

  private DaemonProcess(Process process, Path home, int port, Path stdout, Path stderr) {
    this.process = process;
    this.home = home;
    this.port = port;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /** The jar under test; failsafe passes its path, a run from the module folder finds it too. */
  static Path jar() {
    return Path.of(System.getProperty("styxy.jar", "target/styxy.jar")).toAbsolutePath();
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /**
   * A loopback port that was free a moment ago, below the kernel's ephemeral range. Polling a port
   * inside that range before the daemon listens can make the client connect to itself (the kernel
   * may pick the target port as the source port), which would then hold the port the daemon wants.
   */
  static int freePort() {
    int below = ephemeralLow();
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(20_000, below);
      try (ServerSocket socket = new ServerSocket()) {
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
        return port;
      } catch (IOException taken) {
        // try another one
      }
    }
    throw new IllegalStateException("no free loopback port between 20000 and " + below);
  }

  private static int ephemeralLow() {
    try {
      // readAllLines, not readString: on procfs readString can return only the first byte.
      String range =
          Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim();
      return Math.max(20_001, Integer.parseInt(range.split("\\s+")[0]));
    } catch (IOException | RuntimeException e) {
      return 32_768;
    }
  }

  /** JVM options for short-lived CLI runs: start fast, never run long enough to need C2. */
  static final List<String> CLI_JVM = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

  /** A child process of the jar with a clean Styxy environment plus {@code env}. */
  static ProcessBuilder jarProcess(List<String> jvmOptions, Map<String, String> env,
      Path outputs, String name, String... args) {
    List<String> command = new ArrayList<>();
    command.add(java());
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", jar().toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    SCRUBBED.forEach(builder.environment()::remove);
    builder.environment().putAll(env);
    builder.redirectOutput(outputs.resolve(name + ".out").toFile());
    builder.redirectError(outputs.resolve(name + ".err").toFile());
    return builder;
  }

  /** One finished CLI run: exit status and both output streams. */
  record CliRun(int status, String out, String err) {
    String all() {
      return "status " + status + "\nstdout:\n" + out + "\nstderr:\n" + err;
    }
  }

  /** Runs the CLI ({@code args}) with {@code env} to its end, at most 30 s. */
  static CliRun cli(Map<String, String> env, Path outputs, String name, String... args)
      throws IOException, InterruptedException {
    Process p = jarProcess(CLI_JVM, env, outputs, name, args).start();
    try {
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        fail("CLI did not finish: " + String.join(" ", args));
      }
    } finally {
      p.destroyForcibly();
    }
    return new CliRun(p.exitValue(), read(outputs.resolve(name + ".out")),
        read(outputs.resolve(name + ".err")));
  }

  /** Starts {@code daemon run}; {@code outputs} receives {@code name.out} and {@code name.err}. */
  static DaemonProcess start(Path home, int port, Path outputs, String name) {
    return start(home, port, outputs, name, List.of());
  }

  /** Starts {@code daemon run} with extra JVM options (e.g. {@code -Dstyxy.health.…}). */
  static DaemonProcess start(Path home, int port, Path outputs, String name,
      List<String> jvmOptions) {
    return start(home, port, outputs, name, jvmOptions, journalEnvironment(home));
  }

  /**
   * The journal settings of a daemon on {@code home}: none (the H2 default), or with
   * {@code -Dstyxy.it.journal=postgres} a PostgreSQL database of its own, the same one for every
   * start on that home.
   */
  static Map<String, String> journalEnvironment(Path home) {
    if (!PostgresServer.selected()) {
      return Map.of();
    }
    PostgresServer server = PostgresServer.get();
    return server.environment(DATABASES.computeIfAbsent(home.toAbsolutePath(),
        h -> server.newDatabase()));
  }

  /** Starts {@code daemon run} with {@code journal} (environment variables) as the journal. */
  static DaemonProcess start(Path home, int port, Path outputs, String name,
      List<String> jvmOptions, Map<String, String> journal) {
    Map<String, String> env = new HashMap<>(journal);
    env.put("STYXY_HOME", home.toString());
    env.put("STYXY_PORT", Integer.toString(port));
    ProcessBuilder builder = jarProcess(jvmOptions, env, outputs, name, "daemon", "run");
    try {
      return new DaemonProcess(builder.start(), home, port,
          outputs.resolve(name + ".out"), outputs.resolve(name + ".err"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts the daemon and waits until {@code GET /status} answers "running". */
  static DaemonProcess startReady(Path home, int port, Path outputs, String name) {
    DaemonProcess daemon = start(home, port, outputs, name);
    daemon.awaitReady();
    return daemon;
  }

  void awaitReady() {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        fail("daemon exited with " + process.exitValue() + " before it was ready; " + output());
      }
      try {
        HttpResponse<String> status = get("/status");
        // Mutations get 503 until the registry has replayed and reconciled: wait for READY.
        if (status.statusCode() == 200 && status.body().contains("\"state\":\"READY\"")) {
          return;
        }
      } catch (UncheckedIOException e) {
        // not listening yet
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
    }
    fail("daemon not ready within " + READY_TIMEOUT.toSeconds() + " s; " + output());
  }

  /** Waits for the process to end on its own. */
  int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      fail("daemon still running after " + timeout.toSeconds() + " s; " + output());
    }
    return process.exitValue();
  }

  /** {@code kill -9}: no shutdown hook, no flush, nothing but what is already on disk. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  Process process() {
    return process;
  }

  int port() {
    return port;
  }

  String token() {
    try {
      return Files.readString(home.resolve("auth.token"), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String stdout() {
    return read(stdout);
  }

  String stderr() {
    return read(stderr);
  }

  String output() {
    return "stdout:\n" + stdout() + "\nstderr:\n" + stderr();
  }

  HttpResponse<String> get(String path) {
    return send(request(path).GET());
  }

  HttpResponse<String> post(String path, String json) {
    return send(request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl() + path))
        .timeout(Duration.ofSeconds(10));
    if (Files.exists(home.resolve("auth.token"))) {
      builder.header("Authorization", "Bearer " + token());
    }
    return builder;
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  HttpResponse<String> send(HttpRequest.Builder builder) {
    try {
      return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** SIGTERM, then {@code kill -9} if it has not ended within 15 s. */
  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }
}
