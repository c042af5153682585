package dev.styxy.coordinator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DashboardCommandTest {
  @TempDir
  Path dir;

  @Test
  void theUrlCarriesTheTokenInItsFragment() {
    DaemonEndpoint endpoint =
        new DaemonEndpoint("http://127.0.0.1:7000", "ab+cd/ef", dir.resolve("auth.token"));
    assertEquals("http://127.0.0.1:7000/#token=ab%2Bcd%2Fef", DashboardCommand.url(endpoint));
  }

  @Test
  void withoutATokenTheUrlIsThePlainPage() {
    DaemonEndpoint endpoint =
        new DaemonEndpoint("http://127.0.0.1:7000", null, dir.resolve("auth.token"));
    assertEquals("http://127.0.0.1:7000/", DashboardCommand.url(endpoint));
  }

  @Test
  void aBrowserIsOpenedOnlyWithADisplayAndXdgOpen() throws Exception {
    Path bin = Files.createDirectory(dir.resolve("bin"));
    Path xdgOpen = Files.createFile(bin.resolve("xdg-open"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    String path = "/nonexistent:" + bin;
    assertTrue(DashboardCommand.displayAvailable(Map.of("DISPLAY", ":0", "PATH", path)));
    assertTrue(DashboardCommand.displayAvailable(Map.of("WAYLAND_DISPLAY", "w-0", "PATH", path)));
    assertFalse(DashboardCommand.displayAvailable(Map.of("PATH", path)), "no display");
    assertFalse(DashboardCommand.displayAvailable(Map.of("DISPLAY", ":0", "PATH", "/nonexistent")),
        "no xdg-open");
    Files.delete(xdgOpen);
  }

  @Test
  void theLauncherPageIsOwnerOnlyAndForwardsToTheEscapedUrl() throws Exception {
    Files.writeString(dir.resolve(DashboardCommand.LAUNCHER), "an older page");
    Path page = DashboardCommand.writeLauncher(dir, "http://127.0.0.1:7000/#token=a\"b<c&d");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(page)));
    String html = Files.readString(page);
    assertTrue(html.contains("content=\"0;url=http://127.0.0.1:7000/#token=a&quot;b&lt;c&amp;d\""),
        html);
    assertFalse(html.contains("older"), html);
  }
}
