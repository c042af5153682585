package dev.styxy.actors;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.styxy.config.JournalSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.persistence.jdbc.db.SlickDatabase;
import org.apache.pekko.persistence.jdbc.db.SlickExtension;
import org.apache.pekko.persistence.jdbc.db.SlickExtensionImpl;

/**
 * The journal's persistence settings and schema: pekko-persistence-jdbc on one embedded H2 file
 * ({@code journal.mv.db}) holding events and snapshots, no server to install; or the same plugin
 * on a PostgreSQL database ({@code styxy.journal = postgres}). Journal, snapshot store and read
 * journal share one connection pool ({@code shared-databases.default}) either way.
 *
 * <p>{@code WRITE_DELAY=0} makes H2 write every commit to the file before the commit returns, so an
 * acknowledged allocation survives {@code kill -9} of the daemon (H2 otherwise keeps up to a second
 * of commits in memory). Small payloads are stored inline ({@link #MAX_INPLACE_LOB}). The pool
 * fails in 5 s instead of Hikari's 180 s when the file is locked.
 */
public final class Journal {
  private Journal() {}

  /**
   * Payloads (events, snapshots) up to this many bytes are stored in the row instead of H2's
   * separate LOB map. The journal's payload columns are BLOBs, and H2's default (256 bytes) sends
   * nearly every event through the LOB map: two extra map writes per row and more pages per commit.
   * Inline storage halves the CPU and bytes written per commit (measured: 200 to 115 us per
   * one-row commit). A storage layout choice only; what is committed and when is unchanged.
   */
  static final int MAX_INPLACE_LOB = 8192;

  /** The H2 file of the journal in {@code dir}. */
  public static Path file(Path dir) {
    return dir.resolve("journal.mv.db");
  }

  /** Persistence settings for an H2 journal in {@code dir}; put them in front of the app config. */
  public static Config h2(Path dir) {
    String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("journal")
        + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;MAX_LENGTH_INPLACE_LOB=" + MAX_INPLACE_LOB;
    return database("slick.jdbc.H2Profile$", "org.h2.Driver", url, "sa", "", 4, 5000);
  }

  /**
   * Persistence settings for the PostgreSQL journal of {@code settings}; put them in front of the
   * app config. The tables live in the URL's database, in the role's default schema (choose
   * another with {@code ?currentSchema=name} in the URL).
   *
   * @param password from {@code styxy.postgres.password-env} or {@code password-file}; empty for
   *     a server that does not ask for one
   */
  public static Config postgres(JournalSettings settings, Optional<String> password) {
    return database("slick.jdbc.PostgresProfile$", "org.postgresql.Driver", settings.url(),
        settings.user(), password.orElse(""), settings.maxConnections(),
        settings.connectionTimeout().toMillis());
  }

  /** {@link #h2} in {@code dir} or {@link #postgres}, as {@code settings} say. */
  public static Config of(JournalSettings settings, Path dir, Optional<String> password) {
    return settings.postgres() ? postgres(settings, password) : h2(dir);
  }

  private static Config database(String profile, String driver, String url, String user,
      String password, int connections, long timeoutMs) {
    Map<String, Object> db = new HashMap<>();
    db.put("profile", profile);
    db.put("db.url", url);
    db.put("db.driver", driver);
    db.put("db.user", user);
    db.put("db.password", password);
    db.put("db.numThreads", connections);
    db.put("db.maxConnections", connections);
    db.put("db.connectionTimeout", timeoutMs);
    return ConfigFactory.parseMap(db).atPath("pekko-persistence-jdbc.shared-databases.default")
        .withFallback(ConfigFactory.parseString("""
        pekko.persistence {
          journal.plugin = "jdbc-journal"
          snapshot-store.plugin = "jdbc-snapshot-store"
          journal.auto-start-journals = ["jdbc-journal"]
        }
        pekko-persistence-jdbc.shared-databases.default.db {
          connectionPool = "HikariCP"
          minConnections = 1
        }
        jdbc-journal.use-shared-db = "default"
        jdbc-snapshot-store.use-shared-db = "default"
        jdbc-read-journal.use-shared-db = "default"
        jdbc-durable-state-store.use-shared-db = "default"
        """));
  }

  /** Whether {@code config} (with the settings above) journals to PostgreSQL. */
  static boolean isPostgres(Config config) {
    return config.getString("pekko-persistence-jdbc.shared-databases.default.profile")
        .contains("Postgres");
  }

  /**
   * Creates the journal and snapshot tables if they are missing; safe on every start. Fails when a
   * statement fails (read-only file, full disk), so start-up stops with the cause instead of the
   * registry failing later with "table not found". The plugin's {@code SchemaUtils.applyScript}
   * is not used because it logs statement failures at DEBUG and completes normally.
   */
  public static CompletionStage<Done> createSchema(ActorSystem<?> system) {
    Config config = system.settings().config();
    List<String> statements = statements(ddl(isPostgres(config)
        ? "/db/postgres-schema.sql" : "/db/h2-schema.sql"));
    SlickDatabase db = ((SlickExtensionImpl) SlickExtension.get(system))
        .database(config.getConfig("jdbc-journal"));
    return CompletableFuture.supplyAsync(() -> apply(db, statements),
        system.dispatchers().lookup(DispatcherSelector.blocking()));
  }

  private static Done apply(SlickDatabase db, List<String> statements) {
    try (Connection c = db.database().source().createConnection();
        Statement st = c.createStatement()) {
      for (String sql : statements) {
        st.execute(sql);
      }
      return Done.getInstance();
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create the journal tables: " + e.getMessage(), e);
    }
  }

  /** The script's statements, without comment lines; statements are separated by semicolons. */
  static List<String> statements(String script) {
    String code = script.lines().filter(line -> !line.strip().startsWith("--"))
        .collect(Collectors.joining("\n"));
    return Arrays.stream(code.split(";")).map(String::strip).filter(sql -> !sql.isEmpty())
        .toList();
  }

  private static String ddl(String resource) {
    try (InputStream in = Journal.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
