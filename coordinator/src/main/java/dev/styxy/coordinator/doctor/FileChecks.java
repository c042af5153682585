package dev.styxy.coordinator.doctor;

import dev.styxy.coordinator.FilePermissions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The checks of the home folder's files that need no daemon: owner-only modes of the home folder
 * ({@code 0700}) and the token ({@code 0600}), the token's length, and the journal file's size and
 * access. Each problem comes with the command that fixes it.
 */
final class FileChecks {
  /** The daemon refuses a shorter token at start. */
  static final int MIN_TOKEN_LENGTH = 32;
  /** A journal this large is worth a look: snapshots normally keep it small. */
  static final long LARGE_JOURNAL_BYTES = 1L << 30;

  private static final Set<PosixFilePermission> GROUP_OR_OTHER = Set.of(
      PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
      PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
      PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

  private FileChecks() {}

  /** The home folder's and the token file's modes, and the token's length. */
  static List<Finding> permissions(Path home, Path tokenFile) {
    List<Finding> findings = new ArrayList<>();
    if (!Files.isDirectory(home)) {
      findings.add(Finding.warn("home", "the home folder " + home + " does not exist; the daemon "
          + "creates it at its first start", "styxy daemon start"));
      return findings;
    }
    findings.add(mode("home", home, "0700", "other users can list the home folder"));
    if (!Files.exists(tokenFile)) {
      findings.add(Finding.ok("token", "no token file at " + tokenFile + " (the daemon creates "
          + "it at its first start, unless it runs with auth disabled)"));
      return findings;
    }
    Finding mode = mode("token", tokenFile, "0600", "other users can read the API token");
    findings.add(mode.status() == Finding.Severity.OK ? length(tokenFile) : mode);
    return findings;
  }

  /** Fails when {@code path} grants anything to group or others. */
  private static Finding mode(String check, Path path, String wanted, String risk) {
    if (!FilePermissions.posix()) {
      return Finding.ok(check, path + " (no POSIX permissions on this file system)");
    }
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path);
      String actual = FilePermissions.octal(perms);
      if (perms.stream().anyMatch(GROUP_OR_OTHER::contains)) {
        return Finding.fail(check, path + " has mode " + actual + ": " + risk,
            "chmod " + wanted.substring(1) + " " + path);
      }
      return Finding.ok(check, path + " has mode " + actual);
    } catch (IOException e) {
      return Finding.fail(check, "cannot read the mode of " + path + ": " + e.getMessage(),
          "sudo chown $(id -un) " + path);
    }
  }

  private static Finding length(Path tokenFile) {
    try {
      int length = Files.readString(tokenFile, StandardCharsets.UTF_8).strip().length();
      if (length < MIN_TOKEN_LENGTH) {
        return Finding.fail("token", tokenFile + " holds " + length + " characters; the daemon "
            + "refuses tokens shorter than " + MIN_TOKEN_LENGTH,
            "rm " + tokenFile + " && styxy daemon restart");
      }
      return Finding.ok("token", tokenFile + " is owner-only and holds a " + length
          + "-character token");
    } catch (IOException e) {
      return Finding.fail("token", "cannot read " + tokenFile + ": " + e.getMessage(),
          "sudo chown $(id -un) " + tokenFile + " && chmod 600 " + tokenFile);
    }
  }

  /** The journal file's size, and whether this user can open it. */
  static Finding journal(Path journalFile) {
    if (!Files.exists(journalFile)) {
      return Finding.ok("journal", "no journal file at " + journalFile
          + " yet (created at the daemon's first start)");
    }
    if (!Files.isReadable(journalFile) || !Files.isWritable(journalFile)) {
      return Finding.fail("journal", journalFile + " cannot be read and written by this user; "
          + "a daemon run as this user cannot open it", "sudo chown $(id -un) " + journalFile);
    }
    try {
      long size = Files.size(journalFile);
      if (size >= LARGE_JOURNAL_BYTES) {
        return Finding.warn("journal", journalFile + " is " + Bytes.human(size) + "; snapshots "
            + "normally keep it far smaller, so look for a client allocating in a loop "
            + "(GET /allocations/history)", null);
      }
      return Finding.ok("journal", journalFile + " is " + Bytes.human(size));
    } catch (IOException e) {
      return Finding.fail("journal", "cannot read the size of " + journalFile + ": "
          + e.getMessage(), null);
    }
  }
}
