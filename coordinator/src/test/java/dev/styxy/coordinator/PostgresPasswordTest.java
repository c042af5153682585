package dev.styxy.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.styxy.config.JournalSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the PostgreSQL password comes from, and the 0600 rule for its file. */
class PostgresPasswordTest {
  @TempDir
  Path dir;

  private static JournalSettings settings(Path file) {
    return new JournalSettings(JournalSettings.Kind.POSTGRES, "jdbc:postgresql://h/db", "styxy",
        "PG_PASS", Optional.ofNullable(file), 4, Duration.ofSeconds(5));
  }

  private Path file(String content, String mode) throws Exception {
    Path file = Files.writeString(dir.resolve("pw"), content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    return file;
  }

  @Test
  void theEnvironmentVariableWinsOverTheFile() throws Exception {
    Path file = file("from-file\n", "rw-------");
    assertEquals(Optional.of("from-env"),
        PostgresPassword.resolve(settings(file), Map.of("PG_PASS", "from-env")));
  }

  @Test
  void theFilesFirstLineIsThePassword() throws Exception {
    Path file = file("s3cret\nignored\n", "rw-------");
    assertEquals(Optional.of("s3cret"), PostgresPassword.resolve(settings(file), Map.of()));
  }

  @Test
  void noSourceMeansNoPassword() {
    assertEquals(Optional.empty(), PostgresPassword.resolve(settings(null), Map.of()));
  }

  @Test
  void aFileReadableByOthersIsRefusedWithTheFix() throws Exception {
    Path file = file("s3cret\n", "rw-r--r--");
    StartupFailure failure = assertThrows(StartupFailure.class,
        () -> PostgresPassword.resolve(settings(file), Map.of()));
    assertEquals("styxy.postgres.password-file " + file + " must be readable by its owner only "
        + "(mode 0600), is 0644; run: chmod 600 " + file, failure.getMessage());
  }

  @Test
  void aMissingOrEmptyFileIsRefusedNamingTheKey() throws Exception {
    Path missing = dir.resolve("nope");
    assertEquals("styxy.postgres.password-file " + missing + " does not exist",
        assertThrows(StartupFailure.class,
            () -> PostgresPassword.resolve(settings(missing), Map.of())).getMessage());
    Path empty = file("\n", "rw-------");
    assertEquals("styxy.postgres.password-file " + empty + " is empty",
        assertThrows(StartupFailure.class,
            () -> PostgresPassword.resolve(settings(empty), Map.of())).getMessage());
  }
}
