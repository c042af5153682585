package dev.styxy.coordinator;

import dev.styxy.actors.Journal;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;

/**
 * Checks at start that the journal file can be opened; when it is corrupt, moves it to
 * {@code backups/journal-<timestamp>.mv.db} in the home folder so the daemon starts with an empty
 * journal instead of failing (and being restarted into the same failure) forever. Only a file
 * that H2 calls corrupt, or that is readable but is not an H2 file at all, is moved; any other
 * failure (locked, permissions, disk) is left for start-up to report.
 */
final class JournalQuarantine {
  /** H2: file corrupted while reading, unsupported file format version. */
  private static final Set<Integer> CORRUPT = Set.of(90030, 90048);
  /** H2: an I/O error, which is what a file that is not an H2 file at all gives. */
  private static final int IO_ERROR = 90028;
  /** The start of every H2 MVStore file header. */
  private static final byte[] HEADER = "H:2,".getBytes(StandardCharsets.US_ASCII);
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private JournalQuarantine() {}

  /**
   * @return why the journal was moved away (for {@code /health} until acknowledged); empty when
   *     there is no journal file yet or it opens
   * @throws StartupFailure when a corrupt journal cannot be moved
   */
  static Optional<String> check(Path journalDir, Path home, Clock clock, Logger log) {
    Path file = Journal.file(journalDir);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    String url = "jdbc:h2:file:" + journalDir.toAbsolutePath().resolve("journal")
        + ";DB_CLOSE_ON_EXIT=FALSE;IFEXISTS=TRUE";
    try (Connection c = DriverManager.getConnection(url, "sa", "")) {
      return Optional.empty();
    } catch (SQLException e) {
      if (!corrupt(e, file)) {
        return Optional.empty();
      }
      Path backup = home.resolve("backups").resolve("journal-" + STAMP.format(clock.instant())
          + ".mv.db");
      try {
        Files.createDirectories(backup.getParent());
        Files.move(file, backup);
      } catch (IOException io) {
        throw new StartupFailure("the journal " + file + " is corrupt and cannot be moved to "
            + backup + ": " + io.getMessage(), io);
      }
      String first = e.getMessage() == null ? e.getClass().getSimpleName()
          : e.getMessage().lines().findFirst().orElse("");
      String reason = "the journal could not be read (" + first + "); it was moved to " + backup
          + " and the daemon started with an empty journal";
      log.error("Journal unreadable at start: {}", reason);
      return Optional.of(reason);
    }
  }

  private static boolean corrupt(SQLException e, Path file) {
    if (CORRUPT.contains(e.getErrorCode())) {
      return true;
    }
    return e.getErrorCode() == IO_ERROR && Files.isReadable(file) && !startsWithHeader(file);
  }

  private static boolean startsWithHeader(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] start = in.readNBytes(HEADER.length);
      return Arrays.equals(start, HEADER);
    } catch (IOException e) {
      return true;
    }
  }
}
