package dev.styxy.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HomeFolderTest {
  @TempDir
  Path parent;

  @Test
  void missingHomeIsCreatedOwnerOnlyWithItsSubfolders() throws Exception {
    Path home = parent.resolve("styxy-home");

    List<String> warnings = HomeFolder.prepare(home, home.resolve("logs"));

    assertTrue(warnings.isEmpty(), warnings.toString());
    assertTrue(Files.isDirectory(home.resolve("logs")));
    assumeTrue(FilePermissions.posix());
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home)));
  }

  @Test
  void looseExistingHomeIsNarrowedTo0700WithAWarning() throws Exception {
    assumeTrue(FilePermissions.posix());
    Path home = Files.createDirectory(parent.resolve("loose"));
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));

    List<String> warnings = HomeFolder.prepare(home);

    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home)));
    assertEquals(1, warnings.size());
    assertTrue(warnings.get(0).contains("had mode 0755"), warnings.get(0));
  }

  @Test
  void homeThatIsAFileStopsStartUp() throws Exception {
    Path home = Files.writeString(parent.resolve("not-a-folder"), "x");

    StartupFailure failure = assertThrows(StartupFailure.class, () -> HomeFolder.prepare(home));

    assertTrue(failure.getMessage().contains("is not a folder"), failure.getMessage());
  }

  @Test
  void looseConfigIsNarrowedTo0600WithAWarningAndMissingOnesAreLeftAlone() throws Exception {
    assumeTrue(FilePermissions.posix());
    Path config = Files.writeString(parent.resolve("config.json"), "{}");
    Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-rw-r--"));

    List<String> warnings =
        HomeFolder.narrowSecrets(config, parent.resolve("missing.json"));

    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(config)));
    assertEquals(1, warnings.size());
    assertTrue(warnings.get(0).contains("had mode 0664"), warnings.get(0));
    assertTrue(HomeFolder.narrowSecrets(config).isEmpty(), "already owner-only");
  }

  @Test
  void aHomeOwnedByAnotherUserStopsStartUp() throws Exception {
    assumeTrue(FilePermissions.posix());
    assumeTrue("root".equals(System.getProperty("user.name")), "only root can give a folder away");
    Path home = Files.createDirectory(parent.resolve("theirs"));
    UserPrincipal nobody;
    try {
      nobody = home.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
    } catch (UserPrincipalNotFoundException e) {
      assumeTrue(false, "no user nobody");
      return;
    }
    Files.setOwner(home, nobody);

    StartupFailure failure = assertThrows(StartupFailure.class, () -> HomeFolder.prepare(home));

    assertTrue(failure.getMessage().contains("belongs to user nobody"), failure.getMessage());
  }
}
