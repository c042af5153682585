package dev.styxy.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.styxy.config.StyxySettings;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DaemonConfigTest {
  private static final Config NO_ENV = ConfigFactory.empty();

  private static StyxySettings settings(Map<String, Object> overrides, Config env) {
    return DaemonConfig.settings(DaemonConfig.load(overrides, env));
  }

  private static Config env(Map<String, String> vars) {
    return ConfigFactory.parseMap(vars, "test environment");
  }

  @Test
  void withoutFlagsOrEnvironmentTheReferenceDefaultsApply() {
    StyxySettings s = settings(Map.of(), NO_ENV);

    assertEquals(9876, s.http().port());
    assertEquals("127.0.0.1", s.http().host());
    assertFalse(s.skipAuth());
    assertEquals(Path.of(System.getProperty("user.home"), ".styxy"), s.home());
  }

  @Test
  void environmentVariablesOverrideTheDefaults() {
    StyxySettings s = settings(Map.of(), env(Map.of("STYXY_PORT", "4321",
        "STYXY_HOME", "/tmp/styxy-env-home", "STYXY_SKIP_AUTH", "true")));

    assertEquals(4321, s.http().port());
    assertEquals(Path.of("/tmp/styxy-env-home"), s.home());
    assertTrue(s.skipAuth());
  }

  @Test
  void commandLineFlagsOverrideTheEnvironment() {
    Map<String, Object> flags =
        DaemonConfig.overrides(Path.of("/tmp/styxy-flag-home"), 5555, "::1");

    StyxySettings s = settings(flags, env(Map.of("STYXY_PORT", "4321",
        "STYXY_HOME", "/tmp/styxy-env-home")));

    assertEquals(5555, s.http().port());
    assertEquals("::1", s.http().host());
    assertEquals(Path.of("/tmp/styxy-flag-home"), s.home());
  }

  @Test
  void relativeHomeFlagBecomesAbsolute() {
    StyxySettings s = settings(DaemonConfig.overrides(Path.of("rel"), null, null), NO_ENV);

    assertTrue(s.home().isAbsolute());
    assertEquals("rel", s.home().getFileName().toString());
  }

  @Test
  void malformedEnvironmentValueIsOneLineNamingTheKey() {
    StartupFailure failure = assertThrows(StartupFailure.class,
        () -> settings(Map.of(), env(Map.of("STYXY_PORT", "not-a-port"))));

    assertTrue(failure.getMessage().startsWith("invalid setting: styxy.http.port"),
        failure.getMessage());
    assertFalse(failure.getMessage().contains("\n"));
  }

  @Test
  void outOfRangePortIsOneLineNamingTheKey() {
    StartupFailure failure = assertThrows(StartupFailure.class,
        () -> settings(DaemonConfig.overrides(null, 70000, null), NO_ENV));

    assertEquals("invalid setting: styxy.http.port must be within 0..65535, was 70000",
        failure.getMessage());
  }
}
