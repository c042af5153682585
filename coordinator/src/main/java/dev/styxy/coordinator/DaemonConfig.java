package dev.styxy.coordinator;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigUtil;
import dev.styxy.config.AuditLogSettings;
import dev.styxy.config.StyxySettings;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Loads the daemon's configuration once, in this order of precedence: command-line flags, then
 * {@code -D} system properties, then environment variables ({@code STYXY_HOME}, {@code STYXY_PORT},
 * {@code STYXY_SKIP_AUTH}, wired by {@code ${?…}} in reference.conf), then application.conf, then
 * the reference defaults.
 *
 * <p>Flags are applied before resolution on purpose: a value substituted elsewhere (a
 * {@code ${styxy.home}} inside another key) must see the flag, which merging onto an already
 * resolved config would not achieve.
 */
final class DaemonConfig {
  private DaemonConfig() {}

  /**
   * The config paths set by {@code daemon run}'s flags; {@code null} flags are left out.
   *
   * @param home {@code --home}
   * @param port {@code --port}
   * @param bind {@code --bind}
   */
  static Map<String, Object> overrides(Path home, Integer port, String bind) {
    Map<String, Object> overrides = new LinkedHashMap<>();
    if (home != null) {
      overrides.put("styxy.home", home.toAbsolutePath().normalize().toString());
    }
    if (port != null) {
      overrides.put("styxy.http.port", port);
    }
    if (bind != null) {
      overrides.put("styxy.http.host", bind);
    }
    return overrides;
  }

  /**
   * The resolved configuration.
   *
   * @param environment where {@code ${?VAR}} substitutions look; {@link
   *     ConfigFactory#systemEnvironment()} in production, a fixed map in tests
   * @throws StartupFailure naming the key when a value is malformed
   */
  static Config load(Map<String, Object> overrides, Config environment) {
    try {
      Config layers = ConfigFactory.parseMap(overrides, "command-line flags")
          .withFallback(ConfigFactory.defaultOverrides())
          .withFallback(ConfigFactory.defaultApplication())
          .withFallback(ConfigFactory.defaultReferenceUnresolved());
      // The environment joins as the lowest layer so ${?VAR} finds it, then leaves again: the
      // daemon's config should not carry every variable of the shell that started it.
      Config resolved = layers.withFallback(environment)
          .resolve(ConfigResolveOptions.defaults().setUseSystemEnvironment(false));
      for (String variable : environment.root().keySet()) {
        if (!layers.root().containsKey(variable)) {
          resolved = resolved.withoutPath(ConfigUtil.joinPath(variable));
        }
      }
      return resolved;
    } catch (ConfigException e) {
      throw new StartupFailure("invalid setting: " + withoutOrigin(e), e);
    }
  }

  /**
   * Validated settings from a loaded config.
   *
   * @throws StartupFailure naming the key when a value is missing or out of range
   */
  static StyxySettings settings(Config config) {
    return validated(() -> StyxySettings.fromConfig(config));
  }

  /** The retention of {@code audit.log} ({@code styxy.audit}), validated like the settings. */
  static AuditLogSettings auditLog(Config config) {
    return validated(() -> AuditLogSettings.fromConfig(config.getConfig("styxy.audit")));
  }

  private static <T> T validated(Supplier<T> read) {
    try {
      return read.get();
    } catch (ConfigException e) {
      throw new StartupFailure("invalid setting: " + withoutOrigin(e), e);
    } catch (IllegalArgumentException e) {
      throw new StartupFailure("invalid setting: " + e.getMessage(), e);
    }
  }

  /**
   * A {@link ConfigException} message starts with the origin, often a long {@code jar:file:…} URL;
   * the key and the problem after it are what a person needs.
   */
  static String withoutOrigin(ConfigException e) {
    String message = String.valueOf(e.getMessage());
    if (e.origin() != null) {
      String prefix = e.origin().description() + ": ";
      if (message.startsWith(prefix)) {
        message = message.substring(prefix.length());
      }
    }
    return message.replaceAll("\\s+", " ").trim();
  }
}
