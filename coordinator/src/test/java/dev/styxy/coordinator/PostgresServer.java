package dev.styxy.coordinator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL server of the integration tests run with {@code -Dstyxy.it.journal=postgres}
 * (failsafe's {@code postgres} execution): {@code bench/postgres-server.sh} in a child process,
 * started on first use and stopped when this JVM exits (the script stops the server and removes
 * its files when its stdin closes, which also happens if this JVM is killed). Each daemon home
 * gets a database of its own.
 *
 * <p>{@code -Dstyxy.it.postgres=false} skips these tests with a message; otherwise a server
 * that cannot be installed or started fails them.
 */
final class PostgresServer {
  private static final Pattern READY =
      Pattern.compile("READY port=(\\d+) user=(\\S+) database=(\\S+) password-file=(\\S+)");
  private static PostgresServer instance;

  private final Process process;
  private final int port;
  private final String user;
  private final String database;
  private final Path passwordFile;
  private final AtomicInteger databases = new AtomicInteger();

  private PostgresServer(Process process, Matcher ready) {
    this.process = process;
    this.port = Integer.parseInt(ready.group(1));
    this.user = ready.group(2);
    this.database = ready.group(3);
    this.passwordFile = Path.of(ready.group(4));
  }

  /** Whether the tests run against PostgreSQL ({@code -Dstyxy.it.journal=postgres}). */
  static boolean selected() {
    return "postgres".equals(System.getProperty("styxy.it.journal"));
  }

  /** Skips the calling test unless it runs against PostgreSQL. */
  static void assumeSelected() {
    Assumptions.assumeTrue(selected(), "runs in failsafe's postgres execution only");
  }

  /** The server, started on first use. */
  static synchronized PostgresServer get() {
    if ("false".equals(System.getProperty("styxy.it.postgres"))) {
      System.err.println("PostgreSQL integration tests SKIPPED (-Dstyxy.it.postgres=false)");
      Assumptions.abort("PostgreSQL integration tests disabled by -Dstyxy.it.postgres=false");
    }
    if (instance == null) {
      instance = start();
    }
    return instance;
  }

  private static PostgresServer start() {
    Path script = Path.of(System.getProperty("styxy.bench", "bench"), "postgres-server.sh")
        .toAbsolutePath();
    Path log = Path.of(System.getProperty("java.io.tmpdir"), "styxy-it-postgres-"
        + ProcessHandle.current().pid() + ".log");
    try {
      Process process = new ProcessBuilder("bash", script.toString())
          .redirectError(log.toFile()).start();
      BufferedReader out = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        Matcher ready = READY.matcher(line);
        if (ready.find()) {
          PostgresServer server = new PostgresServer(process, ready);
          Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "postgres-stop"));
          return server;
        }
      }
      process.waitFor(10, TimeUnit.SECONDS);
      throw new IllegalStateException("The PostgreSQL test server did not start (" + script
          + "); its output:\n" + Files.readString(log)
          + "\nSkip these tests with -Dstyxy.it.postgres=false");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void stop() {
    try {
      process.getOutputStream().close();
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (IOException | InterruptedException e) {
      process.destroy();
    }
  }

  /** A new, empty database; its JDBC URL. */
  String newDatabase() {
    String name = "styxy_it_" + ProcessHandle.current().pid() + "_"
        + databases.incrementAndGet();
    try (Connection c = DriverManager.getConnection(url(database), user, password());
        Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
    }
    return url(name);
  }

  /** The daemon's environment for the journal in {@code url}. */
  Map<String, String> environment(String url) {
    return Map.of("STYXY_JOURNAL", "postgres", "STYXY_POSTGRES_URL", url,
        "STYXY_POSTGRES_USER", user, "STYXY_POSTGRES_PASSWORD_FILE", passwordFile.toString());
  }

  Path passwordFile() {
    return passwordFile;
  }

  int port() {
    return port;
  }

  private String url(String name) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + name;
  }

  private String password() {
    try {
      return Files.readAllLines(passwordFile).get(0).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
