package dev.styxy.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthTokenTest {
  @TempDir
  Path home;

  @Test
  void missingTokenIsCreatedAs64LowercaseHexCharactersOwnerOnly() throws Exception {
    Path file = home.resolve("auth.token");

    AuthToken token = AuthToken.loadOrCreate(file, new SecureRandom());

    assertTrue(token.created());
    assertTrue(token.value().matches("[0-9a-f]{64}"), token.masked());
    assertEquals(token.value(), Files.readString(file).trim());
    assumeTrue(FilePermissions.posix());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
  }

  @Test
  void existingTokenIsReadTrimmedAndKept() throws Exception {
    Path file = home.resolve("auth.token");
    String value = "0123456789abcdef0123456789abcdef-custom";
    Files.writeString(file, "  " + value + "\n");

    AuthToken token = AuthToken.loadOrCreate(file, new SecureRandom());

    assertFalse(token.created());
    assertEquals(value, token.value());
  }

  @Test
  void tooShortTokenStopsStartUpAndSaysToDeleteTheFile() throws Exception {
    Path file = home.resolve("auth.token");
    Files.writeString(file, "short\n");

    StartupFailure failure = assertThrows(StartupFailure.class,
        () -> AuthToken.loadOrCreate(file, new SecureRandom()));

    assertTrue(failure.getMessage().contains("too short (5 characters"), failure.getMessage());
    assertTrue(failure.getMessage().contains("delete the file"), failure.getMessage());
    assertFalse(failure.getMessage().contains("short\n"));
  }

  @Test
  void looseFileModeIsNarrowedTo0600WithAWarning() throws Exception {
    assumeTrue(FilePermissions.posix());
    Path file = home.resolve("auth.token");
    Files.writeString(file, "a".repeat(64));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    AuthToken token = AuthToken.loadOrCreate(file, new SecureRandom());

    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals(1, token.warnings().size());
    assertTrue(token.warnings().get(0).contains("had mode 0644"), token.warnings().get(0));
    assertFalse(token.warnings().get(0).contains("aaaa"), "never show the token");
  }

  @Test
  void maskShowsOnlyTheFirstAndLastFourCharacters() {
    assertEquals("abcd***wxyz", AuthToken.mask("abcdefghijklmnopqrstuvwxyz"));
    assertEquals("***", AuthToken.mask("tiny"));
  }

  @Test
  void generatedTokensDiffer() {
    SecureRandom random = new SecureRandom();
    assertFalse(AuthToken.generate(random).equals(AuthToken.generate(random)));
  }
}
