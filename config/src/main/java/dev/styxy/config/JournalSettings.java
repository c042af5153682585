package dev.styxy.config;

import static dev.styxy.config.Require.require;

import com.typesafe.config.Config;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the registry journals ({@code styxy.journal} and {@code styxy.postgres}): the embedded H2
 * file in the home folder (the default, no server), or a PostgreSQL database through the same
 * pekko-persistence-jdbc plugin. The password is never a setting: it comes from the environment
 * variable named by {@code passwordEnv} or from {@code passwordFile}, read at start.
 *
 * @param kind {@code styxy.journal}
 * @param url {@code styxy.postgres.url}, a {@code jdbc:postgresql:} URL; empty for H2
 * @param user {@code styxy.postgres.user}
 * @param passwordEnv {@code styxy.postgres.password-env}: the variable holding the password
 * @param passwordFile {@code styxy.postgres.password-file}: a file holding it (mode 0600)
 * @param maxConnections {@code styxy.postgres.max-connections}
 * @param connectionTimeout {@code styxy.postgres.connection-timeout}: how long a start or a write
 *     waits for a connection before it fails
 */
public record JournalSettings(Kind kind, String url, String user, String passwordEnv,
    Optional<Path> passwordFile, int maxConnections, Duration connectionTimeout) {

  /** The journal's database. */
  public enum Kind {
    H2, POSTGRES;

    /** The name used in config: {@code h2}, {@code postgres}. */
    public String configName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The JDBC URL prefix of PostgreSQL's driver. */
  public static final String POSTGRES_URL_PREFIX = "jdbc:postgresql:";

  public JournalSettings {
    require(kind != null, "styxy.journal", "must be h2 or postgres", kind);
    passwordFile = passwordFile == null ? Optional.empty() : passwordFile;
    if (kind == Kind.POSTGRES) {
      require(url != null && url.startsWith(POSTGRES_URL_PREFIX), "styxy.postgres.url",
          "must be a " + POSTGRES_URL_PREFIX + "//host:port/database URL when styxy.journal = "
              + "postgres", url == null || url.isEmpty() ? "empty" : url);
      require(user != null && !user.isBlank(), "styxy.postgres.user", "must not be empty",
          "\"" + user + "\"");
    }
    require(maxConnections >= 1 && maxConnections <= 100, "styxy.postgres.max-connections",
        "must be between 1 and 100", maxConnections);
    require(connectionTimeout != null && connectionTimeout.toMillis() >= 250,
        "styxy.postgres.connection-timeout", "must be >= 250ms", connectionTimeout);
  }

  /** The default: the embedded H2 file. */
  public static JournalSettings h2() {
    return new JournalSettings(Kind.H2, "", "", "STYXY_POSTGRES_PASSWORD", Optional.empty(), 4,
        Duration.ofSeconds(5));
  }

  public boolean postgres() {
    return kind == Kind.POSTGRES;
  }

  /** Reads {@code styxy.journal} and the keys under {@code styxy.postgres.}. */
  static JournalSettings read(Config c) {
    String name = c.getString("styxy.journal").strip().toLowerCase(Locale.ROOT);
    Kind kind = switch (name) {
      case "h2" -> Kind.H2;
      case "postgres", "postgresql" -> Kind.POSTGRES;
      default -> throw new IllegalArgumentException(
          "styxy.journal must be h2 or postgres, was " + c.getString("styxy.journal"));
    };
    String file = c.getString("styxy.postgres.password-file");
    Optional<Path> passwordFile;
    try {
      passwordFile = file.isBlank() ? Optional.empty()
          : Optional.of(Path.of(file).toAbsolutePath().normalize());
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException(
          "styxy.postgres.password-file is not a valid path, was " + file, e);
    }
    return new JournalSettings(kind, c.getString("styxy.postgres.url").strip(),
        c.getString("styxy.postgres.user").strip(),
        c.getString("styxy.postgres.password-env").strip(), passwordFile,
        c.getInt("styxy.postgres.max-connections"),
        c.getDuration("styxy.postgres.connection-timeout"));
  }

  /** The URL without its query string, which may carry options but should not be logged. */
  public String urlForLog() {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query);
  }
}
