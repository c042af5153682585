package dev.styxy.coordinator;

import dev.styxy.config.JournalSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The PostgreSQL journal's password, read once at start: from the environment variable named by
 * {@code styxy.postgres.password-env} when it is set, else from the first line of
 * {@code styxy.postgres.password-file}, which must be readable by its owner only. The value is
 * handed to the connection pool and never logged or printed.
 */
final class PostgresPassword {
  private PostgresPassword() {}

  /**
   * @param environment the process environment ({@link System#getenv()} in production)
   * @return the password; empty when neither source is set (trust or peer authentication)
   * @throws StartupFailure naming the key when the file is missing, unreadable or too open
   */
  static Optional<String> resolve(JournalSettings journal, Map<String, String> environment) {
    String fromEnv = journal.passwordEnv().isEmpty() ? null
        : environment.get(journal.passwordEnv());
    if (fromEnv != null && !fromEnv.isEmpty()) {
      return Optional.of(fromEnv);
    }
    if (journal.passwordFile().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(readFile(journal.passwordFile().get()));
  }

  private static String readFile(Path file) {
    try {
      if (FilePermissions.posix()) {
        String mode = FilePermissions.octal(Files.getPosixFilePermissions(file));
        if (!FilePermissions.OWNER_FILE.containsAll(Files.getPosixFilePermissions(file))) {
          throw new StartupFailure("styxy.postgres.password-file " + file + " must be "
              + "readable by its owner only (mode 0600), is " + mode + "; run: chmod 600 "
              + file);
        }
      }
      String password = Files.readAllLines(file, StandardCharsets.UTF_8).stream().findFirst()
          .orElse("").strip();
      if (password.isEmpty()) {
        throw new StartupFailure("styxy.postgres.password-file " + file + " is empty");
      }
      return password;
    } catch (NoSuchFileException e) {
      throw new StartupFailure("styxy.postgres.password-file " + file + " does not exist", e);
    } catch (IOException e) {
      throw new StartupFailure("styxy.postgres.password-file " + file + " cannot be read: "
          + e.getMessage(), e);
    }
  }
}
