package dev.styxy.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The systemd unit {@code daemon install-service} writes. */
class InstallServiceCommandTest {
  @Test
  void unitRunsTheDaemonInTheForegroundAndRestartsItOnFailure() {
    String unit = InstallServiceCommand.unit(List.of("/jdk/bin/java", "@/opt/styxy/jvm opts",
        "-jar", "/opt/styxy/styxy.jar", "daemon", "run"), Path.of("/home/u/.styxy"));

    assertTrue(unit.contains("\nExecStart=/jdk/bin/java \"@/opt/styxy/jvm opts\" -jar "
        + "/opt/styxy/styxy.jar daemon run\n"), unit);
    assertTrue(unit.contains("\nRestart=on-failure\n"), unit);
    assertTrue(unit.contains("\nEnvironment=STYXY_HOME=/home/u/.styxy\n"), unit);
    assertTrue(unit.contains("\nWantedBy=default.target\n"), unit);
  }

  @Test
  void quotingEscapesWhatSystemdWouldReadOtherwise() {
    assertEquals("plain", InstallServiceCommand.quote("plain"));
    assertEquals("100%%", InstallServiceCommand.quote("100%"));
    assertEquals("\"a \\\"b\\\"\"", InstallServiceCommand.quote("a \"b\""));
  }

  @Test
  void defaultFileFollowsXdgConfigHome() {
    assertEquals(Path.of("/x/systemd/user/styxy.service"),
        InstallServiceCommand.defaultFile(Map.of("XDG_CONFIG_HOME", "/x"), Path.of("/h")));
    assertEquals(Path.of("/h/.config/systemd/user/styxy.service"),
        InstallServiceCommand.defaultFile(Map.of(), Path.of("/h")));
  }
}
