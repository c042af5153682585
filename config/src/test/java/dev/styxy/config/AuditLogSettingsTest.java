package dev.styxy.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;

class AuditLogSettingsTest {
  @Test
  void referenceKeepsFiveFilesOfTenMebibytes() {
    AuditLogSettings s = AuditLogSettings.fromConfig(
        ConfigFactory.defaultReference().getConfig("styxy.audit"));
    assertEquals(new AuditLogSettings(10L * 1024 * 1024, 5), s);
  }

  @Test
  void outOfRangeValuesNameTheKey() {
    IllegalArgumentException files = assertThrows(IllegalArgumentException.class,
        () -> new AuditLogSettings(1 << 20, 21));
    assertEquals("styxy.audit.max-files must be within 1..20, was 21", files.getMessage());
    IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
        () -> AuditLogSettings.fromConfig(ConfigFactory.parseString("max-file-size = 10, "
            + "max-files = 5")));
    assertEquals("styxy.audit.max-file-size must be within 1KiB..1GiB, was 10",
        size.getMessage());
  }
}
