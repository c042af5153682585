package dev.styxy.coordinator;

import dev.styxy.actors.Journal;
import dev.styxy.actors.StartupImport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;

/**
 * The original Node.js daemon's state file, {@code daemon.state} in the home folder. On the first
 * start of this daemon (no journal file yet) its content is imported after replay; the file is
 * only read, never changed or removed.
 */
final class OriginalStateFile {
  /** The file's name in the home folder, as the original wrote it. */
  static final String NAME = "daemon.state";

  private OriginalStateFile() {}

  static Path in(Path home) {
    return home.resolve(NAME);
  }

  /**
   * What to import at this start: the file's content when the H2 journal in {@code journalDir}
   * does not exist yet and the file does; nothing otherwise. A file that cannot be read is logged
   * and not imported: the daemon starts anyway. The registry imports it only if its journal has
   * no events after replay, which is the only test for a server journal.
   *
   * @param journalDir the H2 journal's folder; {@code null} for a PostgreSQL journal
   */
  static StartupImport atStart(Path home, Path journalDir, Logger log) {
    Path file = in(home);
    boolean journalExists = journalDir != null && Files.exists(Journal.file(journalDir));
    if (journalExists || !Files.isRegularFile(file)) {
      return StartupImport.none();
    }
    try {
      byte[] content = Files.readAllBytes(file);
      log.info("An original [{}] exists: importing it after replay if the journal is new",
          file);
      return StartupImport.of(content, file.toString());
    } catch (IOException e) {
      log.warn("Cannot read the original state file [{}], not importing it: {}", file,
          e.getMessage());
      return StartupImport.none();
    }
  }
}
