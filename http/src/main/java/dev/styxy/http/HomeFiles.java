package dev.styxy.http;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The file-system facts of {@code GET /health}: the journal file's size and the free space of the
 * home folder's file system. Blocking (file system calls): run on the blocking dispatcher.
 *
 * @param journalBytes the journal file's size; null without a file
 * @param freeBytes usable bytes on the home folder's file system; null when unreadable
 * @param totalBytes that file system's size; null when unreadable
 * @param diskError why the free space could not be read; null when it was
 */
record HomeFiles(Long journalBytes, Long freeBytes, Long totalBytes, String diskError) {

  /** Reads both facts now. */
  static HomeFiles read(HealthSources sources) {
    Long journal = size(sources.journalFile());
    try {
      FileStore store = Files.getFileStore(sources.home());
      return new HomeFiles(journal, store.getUsableSpace(), store.getTotalSpace(), null);
    } catch (IOException | SecurityException e) {
      return new HomeFiles(journal, null, null, "cannot read the free space of "
          + sources.home() + ": " + e.getMessage());
    }
  }

  private static Long size(Path file) {
    if (file == null) {
      return null;
    }
    try {
      return Files.size(file);
    } catch (IOException | SecurityException e) {
      // No file yet, or no access to it: no size to report; a journal that cannot be written
      // shows up as the journal component's failure.
      return null;
    }
  }
}
