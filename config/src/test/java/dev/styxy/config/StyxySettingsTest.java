package dev.styxy.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Reading {@code styxy.*} from HOCON over the shipped reference.conf. */
class StyxySettingsTest {

  private static Config config(String hocon) {
    return ConfigFactory.parseString(hocon)
        .withFallback(ConfigFactory.defaultReference())
        .resolve();
  }

  /** Asserts that reading {@code hocon} fails with a one-line message naming {@code key}. */
  private static void assertRejectedNaming(
      Class<? extends RuntimeException> type, String hocon, String key) {
    String message =
        assertThrows(type, () -> StyxySettings.fromConfig(config(hocon))).getMessage();
    assertTrue(message.contains(key), message);
    assertFalse(message.contains("\n"), message);
  }

  @Test
  void referenceConfGivesTheOriginalsDefaults() {
    StyxySettings settings = StyxySettings.fromConfig(config(""));
    assertEquals(9876, settings.http().port());
    assertEquals("127.0.0.1", settings.http().host());
    assertEquals(10240, settings.http().maxBodyBytes());
    assertEquals(Duration.ofSeconds(5), settings.http().askTimeout());
    assertEquals(1000, settings.registry().snapshotEvery());
    assertFalse(settings.skipAuth());
  }

  @Test
  void homeIsAnAbsolutePathAndFilesLiveInsideIt() {
    StyxySettings settings = StyxySettings.fromConfig(config("styxy.home = \"rel/home\""));
    assertTrue(settings.home().isAbsolute());
    assertEquals(settings.home().resolve("config.json"), settings.userConfigFile());
    assertEquals(Path.of("rel/home").toAbsolutePath(), settings.home());
  }

  @Test
  void portAbove65535IsRejectedNamingTheKey() {
    assertRejectedNaming(IllegalArgumentException.class, "styxy.http.port = 70000",
        "styxy.http.port");
  }

  @Test
  void snapshotEveryZeroIsRejectedNamingTheKey() {
    assertRejectedNaming(IllegalArgumentException.class, "styxy.registry.snapshot-every = 0",
        "styxy.registry.snapshot-every");
  }

  @Test
  void emptyHomeIsRejectedNamingTheKey() {
    assertRejectedNaming(IllegalArgumentException.class, "styxy.home = \"\"", "styxy.home");
  }

  @Test
  void portOfTheWrongTypeIsRejectedNamingTheFullKey() {
    assertRejectedNaming(ConfigException.class, "styxy.http.port = \"nine\"",
        "styxy.http.port");
  }

  @Test
  void durationWithAnUnknownUnitIsRejectedNamingTheFullKey() {
    assertRejectedNaming(ConfigException.class, "styxy.http.ask-timeout = 5 parsecs",
        "styxy.http.ask-timeout");
  }

  @Test
  void booleanOfTheWrongTypeIsRejectedNamingTheFullKey() {
    assertRejectedNaming(ConfigException.class, "styxy.registry.check-ipv6 = maybe",
        "styxy.registry.check-ipv6");
  }

  @Test
  void sectionSettingsStillReadFromTheirOwnSubConfig() {
    Config http = config("styxy.http.port = 0").getConfig("styxy.http");
    assertEquals(0, HttpSettings.fromConfig(http).port());
  }

  @Test
  void recoveryDefaultsComeFromReferenceConf() {
    RecoverySettings recovery = StyxySettings.fromConfig(config("")).recovery();
    assertEquals(RecoverySettings.defaults(), recovery);
  }

  @Test
  void recoveryMaxRestartsZeroIsRejectedNamingTheKey() {
    assertRejectedNaming(IllegalArgumentException.class, "styxy.recovery.max-restarts = 0",
        "styxy.recovery.max-restarts");
  }

  @Test
  void recoveryWindowZeroIsRejectedNamingTheKey() {
    assertRejectedNaming(IllegalArgumentException.class, "styxy.recovery.restart-window = 0s",
        "styxy.recovery.restart-window");
  }

  @Test
  void diskThresholdsDefaultTo1GibAnd100Mib() {
    StyxySettings settings = StyxySettings.fromConfig(config(""));
    assertEquals(DiskSettings.defaults(), settings.disk());
    assertEquals(1L << 30, settings.disk().warnBelowFreeBytes());
    assertEquals(100L << 20, settings.disk().failBelowFreeBytes());
  }

  @Test
  void diskThresholdsAcceptByteSizes() {
    StyxySettings settings = StyxySettings.fromConfig(config(
        "styxy.disk { warn-below-free = 5GB, fail-below-free = 0 }"));
    assertEquals(5_000_000_000L, settings.disk().warnBelowFreeBytes());
    assertEquals(0, settings.disk().failBelowFreeBytes());
  }

  @Test
  void diskWarnBelowTheFailThresholdIsRejectedNamingTheKey() {
    assertRejectedNaming(IllegalArgumentException.class,
        "styxy.disk { warn-below-free = 10MiB, fail-below-free = 20MiB }",
        "styxy.disk.warn-below-free");
  }

  @Test
  void diskThresholdThatIsNotASizeIsRejectedNamingTheKey() {
    assertRejectedNaming(ConfigException.class, "styxy.disk.fail-below-free = lots",
        "styxy.disk.fail-below-free");
  }

  @Test
  void theJournalIsTheEmbeddedH2FileByDefault() {
    assertEquals(JournalSettings.Kind.H2, StyxySettings.fromConfig(config("")).journal().kind());
  }

  @Test
  void aPostgresJournalIsReadWithItsKeys() {
    JournalSettings journal = StyxySettings.fromConfig(config("styxy.journal = postgres\n"
        + "styxy.postgres.url = \"jdbc:postgresql://db:5432/styxy?ssl=true\"\n"
        + "styxy.postgres.password-file = \"/etc/styxy/pw\"")).journal();
    assertTrue(journal.postgres());
    assertEquals("styxy", journal.user());
    assertEquals("jdbc:postgresql://db:5432/styxy", journal.urlForLog());
    assertEquals(Path.of("/etc/styxy/pw"), journal.passwordFile().orElseThrow());
    assertEquals(Duration.ofSeconds(5), journal.connectionTimeout());
  }

  @Test
  void anUnknownJournalIsRejectedNamingTheKey() {
    assertRejectedNaming(IllegalArgumentException.class, "styxy.journal = mysql",
        "styxy.journal");
  }

  @Test
  void aPostgresJournalWithoutAUrlIsRejectedNamingTheKey() {
    assertRejectedNaming(IllegalArgumentException.class, "styxy.journal = postgres",
        "styxy.postgres.url");
  }

  @Test
  void aZeroConnectionPoolIsRejectedNamingTheKey() {
    assertRejectedNaming(IllegalArgumentException.class, "styxy.postgres.max-connections = 0",
        "styxy.postgres.max-connections");
  }
}
