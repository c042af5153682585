package dev.styxy.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code styxy.health}: the shipped defaults, each validation rule and config.json overrides. */
class HealthSettingsTest {

  private static Config config(String hocon) {
    return ConfigFactory.parseString(hocon)
        .withFallback(ConfigFactory.defaultReference())
        .resolve();
  }

  private static HealthSettings read(String hocon) {
    return StyxySettings.fromConfig(config(hocon)).health();
  }

  private static HealthSettings defaults() {
    return read("");
  }

  /** Asserts that reading {@code hocon} fails with a one-line message naming {@code key}. */
  private static String assertRejectedNaming(
      Class<? extends RuntimeException> type, String hocon, String key) {
    String message = assertThrows(type, () -> read(hocon)).getMessage();
    assertTrue(message.contains(key), message);
    assertFalse(message.contains("\n"), message);
    return message;
  }

  @Test
  void referenceConfGivesTheDocumentedDefaults() {
    assertEquals(new HealthSettings(true, Duration.ofSeconds(30), 3, true, Duration.ofSeconds(60),
        Duration.ofSeconds(2), 0.2, Duration.ofSeconds(1), Duration.ofMinutes(10),
        Duration.ofDays(7)), defaults());
  }

  @Test
  void styxySettingsExposeTheHealthSectionAsRead() {
    StyxySettings settings = StyxySettings.fromConfig(config(
        "styxy.health { enabled = false, check-interval = 5s, max-failures = 7 }"));

    assertFalse(settings.health().enabled());
    assertEquals(Duration.ofSeconds(5), settings.health().checkInterval());
    assertEquals(7, settings.health().maxFailures());
    assertEquals(Duration.ofSeconds(60), settings.health().gracePeriod());
  }

  @Test
  void sectionReadFromItsOwnSubConfigEqualsTheFullRead() {
    Config root = config("styxy.health.jitter = 0.1");

    assertEquals(StyxySettings.fromConfig(root).health(),
        HealthSettings.fromConfig(root.getConfig("styxy.health")));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "check-interval = 9ms         | styxy.health.check-interval       | must be >= 10ms",
    "max-failures = 0             | styxy.health.max-failures         | must be >= 1",
    "grace-period = -1s           | styxy.health.grace-period         | must be >= 0",
    "probe-timeout = 5ms          | styxy.health.probe-timeout        | must be >= 10ms",
    "jitter = 0.51                | styxy.health.jitter               | must be within 0..0.5",
    "jitter = -0.1                | styxy.health.jitter               | must be within 0..0.5",
    "sweep-interval = 0s          | styxy.health.sweep-interval       | must be >= 10ms",
    "instance-stale-after = -1m   | styxy.health.instance-stale-after | must be >= 0",
    "max-lease-ttl = 999ms        | styxy.health.max-lease-ttl        | must be >= 1s",
  })
  void valueOutsideItsRuleIsRejectedNamingTheKey(String setting, String key, String rule) {
    String message = assertRejectedNaming(IllegalArgumentException.class,
        "styxy.health." + setting, key);

    assertTrue(message.contains(rule), message);
  }

  @Test
  void smallestAllowedValuesAreAccepted() {
    HealthSettings s = read("styxy.health { check-interval = 10ms, max-failures = 1, "
        + "grace-period = 0s, probe-timeout = 10ms, jitter = 0, sweep-interval = 10ms, "
        + "instance-stale-after = 0s, max-lease-ttl = 1s }");

    assertEquals(new HealthSettings(true, Duration.ofMillis(10), 1, true, Duration.ZERO,
        Duration.ofMillis(10), 0, Duration.ofMillis(10), Duration.ZERO, Duration.ofSeconds(1)), s);
  }

  @Test
  void jitterOfOneHalfIsAccepted() {
    assertEquals(0.5, read("styxy.health.jitter = 0.5").jitter());
  }

  @Test
  void durationOfTheWrongTypeIsRejectedNamingTheFullKey() {
    assertRejectedNaming(ConfigException.class, "styxy.health.check-interval = soon",
        "styxy.health.check-interval");
  }

  @Test
  void booleanOfTheWrongTypeIsRejectedNamingTheFullKey() {
    assertRejectedNaming(ConfigException.class,
        "styxy.health.cleanup-stale-allocations = sometimes",
        "styxy.health.cleanup-stale-allocations");
  }

  @Test
  void overridesWithNothingSetKeepEverySetting() {
    HealthSettings base = defaults();

    assertEquals(base, base.withOverrides(HealthMonitoring.NONE));
  }

  @Test
  void overridingOnlyEnabledKeepsTheIntervalAndTheOtherKeys() {
    // The original's shallow merge (W20) lost check_interval_ms when a file gave only enabled.
    HealthSettings base = read("styxy.health { check-interval = 45s, max-failures = 5 }");

    HealthSettings merged = base.withOverrides(new HealthMonitoring(false, null, null, null));

    assertEquals(new HealthSettings(false, Duration.ofSeconds(45), 5, true,
        base.gracePeriod(), base.probeTimeout(), base.jitter(), base.sweepInterval(),
        base.instanceStaleAfter(), base.maxLeaseTtl()), merged);
  }

  @Test
  void overridingOnlyTheIntervalKeepsEnabledAndTheOtherKeys() {
    HealthSettings base = defaults();

    HealthSettings merged = base.withOverrides(new HealthMonitoring(null, 1500, null, null));

    assertEquals(new HealthSettings(true, Duration.ofMillis(1500), 3, true, base.gracePeriod(),
        base.probeTimeout(), base.jitter(), base.sweepInterval(), base.instanceStaleAfter(),
        base.maxLeaseTtl()), merged);
  }

  @Test
  void overridingEveryFileKeyReplacesExactlyThoseFour() {
    HealthSettings base = read("styxy.health { grace-period = 5s, jitter = 0.3 }");

    HealthSettings merged = base.withOverrides(new HealthMonitoring(false, 250, 9, false));

    assertEquals(new HealthSettings(false, Duration.ofMillis(250), 9, false,
        Duration.ofSeconds(5), Duration.ofSeconds(2), 0.3, Duration.ofSeconds(1),
        Duration.ofMinutes(10), Duration.ofDays(7)), merged);
  }

  @Test
  void overridingWithValuesEqualToTheDefaultsChangesNothing() {
    HealthSettings base = defaults();

    assertEquals(base, base.withOverrides(new HealthMonitoring(true, 30_000, 3, true)));
  }

  @Test
  void overriddenSettingsAreValidatedAgain() {
    HealthSettings base = defaults();

    String message = assertThrows(IllegalArgumentException.class,
        () -> base.withOverrides(new HealthMonitoring(null, null, 0, null))).getMessage();

    assertTrue(message.contains("max-failures"), message);
  }
}
