package dev.styxy.coordinator.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Home folder and token modes, the token's length, the journal file. */
class FileChecksTest {
  private static final String TOKEN = "ab".repeat(32);

  @TempDir Path dir;

  private Path home(String mode) throws IOException {
    Path home = Files.createDirectory(dir.resolve("home"));
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString(mode));
    return home;
  }

  private static Path token(Path home, String content, String mode) throws IOException {
    Path token = Files.writeString(home.resolve("auth.token"), content);
    Files.setPosixFilePermissions(token, PosixFilePermissions.fromString(mode));
    return token;
  }

  @Test
  void ownerOnlyHomeAndTokenAreOk() throws IOException {
    Path home = home("rwx------");
    Path token = token(home, TOKEN + "\n", "rw-------");

    List<Finding> findings = FileChecks.permissions(home, token);

    assertEquals(2, findings.size(), findings.toString());
    findings.forEach(f -> assertEquals(Finding.Severity.OK, f.status(), f.toString()));
    assertTrue(findings.get(1).found().contains("64-character token"), findings.toString());
  }

  @Test
  void tokenReadableByOthersFailsWithTheChmodThatFixesIt() throws IOException {
    Path home = home("rwx------");
    Path token = token(home, TOKEN, "rw-r--r--");

    Finding f = FileChecks.permissions(home, token).get(1);

    assertEquals(Finding.Severity.FAIL, f.status());
    assertEquals("token", f.check());
    assertTrue(f.found().contains("mode 0644"), f.found());
    assertEquals("chmod 600 " + token, f.fix());
  }

  @Test
  void homeOpenToOthersFailsWithChmod700() throws IOException {
    Path home = home("rwxr-xr-x");
    Path token = token(home, TOKEN, "rw-------");

    Finding f = FileChecks.permissions(home, token).get(0);

    assertEquals(Finding.Severity.FAIL, f.status());
    assertEquals("chmod 700 " + home, f.fix());
  }

  @Test
  void tokenTooShortForTheDaemonFailsWithRemoveAndRestart() throws IOException {
    Path home = home("rwx------");
    Path token = token(home, "short", "rw-------");

    Finding f = FileChecks.permissions(home, token).get(1);

    assertEquals(Finding.Severity.FAIL, f.status());
    assertTrue(f.found().contains("5 characters"), f.found());
    assertEquals("rm " + token + " && styxy daemon restart", f.fix());
  }

  @Test
  void missingTokenIsNotAProblemBeforeTheFirstStart() throws IOException {
    Path home = home("rwx------");

    List<Finding> findings = FileChecks.permissions(home, home.resolve("auth.token"));

    assertEquals(Finding.Severity.OK, findings.get(1).status());
    assertTrue(findings.get(1).found().startsWith("no token file"), findings.toString());
  }

  @Test
  void missingHomeWarnsThatTheDaemonNeverStartedThere() {
    Path home = dir.resolve("nowhere");

    List<Finding> findings = FileChecks.permissions(home, home.resolve("auth.token"));

    assertEquals(1, findings.size());
    assertEquals(Finding.Severity.WARN, findings.get(0).status());
    assertEquals("styxy daemon start", findings.get(0).fix());
  }

  @Test
  void journalSizeIsReported() throws IOException {
    Path journal = Files.write(dir.resolve("journal.mv.db"), new byte[3 * 1024]);

    Finding f = FileChecks.journal(journal);

    assertEquals(Finding.Severity.OK, f.status());
    assertTrue(f.found().endsWith("is 3.0 KiB"), f.found());
  }

  @Test
  void journalOfAGibibyteOrMoreWarns() throws IOException {
    Path journal = dir.resolve("journal.mv.db");
    try (RandomAccessFile sparse = new RandomAccessFile(journal.toFile(), "rw")) {
      sparse.setLength(FileChecks.LARGE_JOURNAL_BYTES);
    }

    Finding f = FileChecks.journal(journal);

    assertEquals(Finding.Severity.WARN, f.status());
    assertTrue(f.found().contains("1.0 GiB"), f.found());
    assertNull(f.fix());
  }

  @Test
  void noJournalYetIsOk() {
    assertEquals(Finding.Severity.OK, FileChecks.journal(dir.resolve("none.mv.db")).status());
  }

  @Test
  void bytesArePrintedWithBinaryUnits() {
    assertEquals("512 B", Bytes.human(512));
    assertEquals("1.5 KiB", Bytes.human(1536));
    assertEquals("100.0 MiB", Bytes.human(100L << 20));
  }
}
