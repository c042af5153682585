package dev.styxy.config;

import static dev.styxy.config.Require.require;

import com.typesafe.config.Config;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * All of Styxy's own settings ({@code styxy { … }} in HOCON), validated once at start-up.
 *
 * @param home the home folder ({@code $STYXY_HOME}, default {@code ~/.styxy})
 * @param skipAuth disable token checks (tests only; logged as a warning)
 * @param disk free space thresholds of the home folder's file system, for {@code /health}
 * @param journal where the registry journals: the H2 file in the home folder or PostgreSQL
 */
public record StyxySettings(
    Path home, boolean skipAuth, HttpSettings http, RegistrySettings registry,
    HealthSettings health, RecoverySettings recovery, DiskSettings disk,
    JournalSettings journal) {

  public StyxySettings {
    require(home != null, "styxy.home", "must be set", home);
    require(disk != null, "styxy.disk", "must be set", disk);
    require(journal != null, "styxy.journal", "must be set", journal);
  }

  /** With the embedded H2 journal. */
  public StyxySettings(Path home, boolean skipAuth, HttpSettings http, RegistrySettings registry,
      HealthSettings health, RecoverySettings recovery, DiskSettings disk) {
    this(home, skipAuth, http, registry, health, recovery, disk, JournalSettings.h2());
  }

  /** With the default {@link DiskSettings}. */
  public StyxySettings(Path home, boolean skipAuth, HttpSettings http, RegistrySettings registry,
      HealthSettings health, RecoverySettings recovery) {
    this(home, skipAuth, http, registry, health, recovery, DiskSettings.defaults());
  }

  /** With the default {@link RecoverySettings}. */
  public StyxySettings(Path home, boolean skipAuth, HttpSettings http, RegistrySettings registry,
      HealthSettings health) {
    this(home, skipAuth, http, registry, health, RecoverySettings.defaults());
  }

  /**
   * Reads {@code styxy.*} from a resolved config. Any invalid value throws
   * {@link IllegalArgumentException} or {@code ConfigException} naming the key.
   */
  public static StyxySettings fromConfig(Config root) {
    // Full paths, not getConfig("styxy"): a sub-config's errors would name only "port".
    String home = root.getString("styxy.home");
    require(!home.isBlank(), "styxy.home", "must not be empty", "\"\"");
    Path homePath;
    try {
      homePath = Path.of(home).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("styxy.home is not a valid path, was " + home, e);
    }
    return new StyxySettings(homePath,
        root.getBoolean("styxy.skip-auth"), HttpSettings.read(root, "styxy.http."),
        RegistrySettings.read(root, "styxy.registry."),
        HealthSettings.read(root, "styxy.health."),
        RecoverySettings.read(root, "styxy.recovery."),
        DiskSettings.read(root, "styxy.disk."), JournalSettings.read(root));
  }

  public StyxySettings withHttp(HttpSettings newHttp) {
    return new StyxySettings(home, skipAuth, newHttp, registry, health, recovery, disk, journal);
  }

  public StyxySettings withHealth(HealthSettings newHealth) {
    return new StyxySettings(home, skipAuth, http, registry, newHealth, recovery, disk, journal);
  }

  public Path authTokenFile() {
    return home.resolve("auth.token");
  }

  public Path userConfigFile() {
    return home.resolve("config.json");
  }

  public Path pidFile() {
    return home.resolve("daemon.pid");
  }

  public Path lockFile() {
    return home.resolve("daemon.lock");
  }

  /** The folder of the H2 journal file (unused with {@code styxy.journal = postgres}). */
  public Path journalDir() {
    return home.resolve("journal");
  }

  /** The {@code AUTO_ALLOCATION} audit trail, JSON lines as the original wrote it. */
  public Path auditLog() {
    return home.resolve("audit.log");
  }

  public Path logDir() {
    return home.resolve("logs");
  }
}
