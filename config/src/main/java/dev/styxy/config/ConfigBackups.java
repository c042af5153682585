package dev.styxy.config;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The {@code config-backups} folder: a copy of {@code config.json} taken before each change, named
 * as the original named them ({@code config-2026-11-23T01-51-22-758Z.json}, with {@code -1},
 * {@code -2}… added when two land in the same millisecond). Only the newest {@link #KEEP} are
 * kept; files that do not follow the naming are never touched.
 */
final class ConfigBackups {
  static final String FOLDER = "config-backups";
  static final int KEEP = 10;

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss-SSS'Z'").withZone(ZoneOffset.UTC);
  private static final Pattern NAME = Pattern.compile(
      "config-(\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}-\\d{3}Z)(?:-(\\d{1,9}))?\\.json");

  private final Path folder;
  private final Clock clock;

  ConfigBackups(Path folder, Clock clock) {
    this.folder = folder;
    this.clock = clock;
  }

  /** Saves {@code content} as the newest backup, then deletes all but the newest {@link #KEEP}. */
  Path save(byte[] content) throws IOException {
    AtomicFile.createFolder(folder);
    String stamp = STAMP.format(clock.instant());
    // After the newest backup of the same millisecond, even if older ones were rotated away.
    long first = list().stream().filter(f -> stamp(f).equals(stamp))
        .mapToLong(f -> suffix(f) + 1).max().orElse(0);
    for (long n = first; ; n++) {
      Path file = folder.resolve("config-" + stamp + (n == 0 ? "" : "-" + n) + ".json");
      try {
        AtomicFile.create(file, content);
        rotate();
        return file;
      } catch (FileAlreadyExistsException taken) {
        // Same millisecond as an earlier backup: try the next suffix.
      }
    }
  }

  /** Backups, oldest first. */
  List<Path> list() throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> NAME.matcher(f.getFileName().toString()).matches())
          .sorted(Comparator.comparing(ConfigBackups::stamp)
              .thenComparingLong(ConfigBackups::suffix))
          .toList();
    }
  }

  private void rotate() throws IOException {
    List<Path> all = list();
    for (Path old : all.subList(0, Math.max(0, all.size() - KEEP))) {
      Files.deleteIfExists(old);
    }
  }

  private static String stamp(Path file) {
    Matcher m = NAME.matcher(file.getFileName().toString());
    return m.matches() ? m.group(1) : "";
  }

  private static long suffix(Path file) {
    Matcher m = NAME.matcher(file.getFileName().toString());
    return m.matches() && m.group(2) != null ? Long.parseLong(m.group(2)) : 0;
  }
}
