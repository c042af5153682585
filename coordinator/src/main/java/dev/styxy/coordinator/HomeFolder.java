package dev.styxy.coordinator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The daemon's home folder ({@code $STYXY_HOME}, default {@code ~/.styxy}): created owner-only
 * ({@code 0700}) because it holds the auth token, narrowed to {@code 0700} when an existing one
 * is looser, and refused when another user owns it (that user could read or swap everything in
 * it). Secret files in it ({@code config.json}; the token is {@link AuthToken}'s) are narrowed to
 * {@code 0600}. Runs before logging starts, so it returns its warnings for the caller to log.
 */
final class HomeFolder {
  private HomeFolder() {}

  /**
   * Creates {@code home} (and {@code subfolders} inside it) if missing, owner-only.
   *
   * @return warnings to log once logging runs, e.g. a mode that was fixed
   * @throws StartupFailure if the folder cannot be created or is not a folder
   */
  static List<String> prepare(Path home, Path... subfolders) {
    List<String> warnings = new ArrayList<>();
    try {
      if (Files.exists(home) && !Files.isDirectory(home)) {
        throw new StartupFailure("Styxy home " + home + " exists but is not a folder; "
            + "move it away or choose another home with --home or STYXY_HOME");
      }
      if (!Files.exists(home)) {
        Files.createDirectories(home, FilePermissions.attributes(FilePermissions.OWNER_DIR));
      }
      FilePermissions.foreignOwner(home).ifPresent(owner -> {
        throw new StartupFailure("Styxy home " + home + " belongs to user " + owner + ", not to "
            + "the user running the daemon; choose your own home with --home or STYXY_HOME");
      });
      Optional<String> old = FilePermissions.restrict(home, FilePermissions.OWNER_DIR);
      old.ifPresent(mode -> warnings.add("Styxy home " + home + " had mode " + mode
          + ", which lets other users read the auth token; changed it to 0700"));
      for (Path sub : subfolders) {
        if (!Files.isDirectory(sub)) {
          Files.createDirectories(sub, FilePermissions.attributes(FilePermissions.OWNER_DIR));
        }
      }
    } catch (IOException e) {
      throw new StartupFailure("cannot prepare the Styxy home " + home + ": " + e, e);
    }
    return warnings;
  }

  /**
   * Narrows each existing file of {@code files} to {@code 0600}.
   *
   * @return a warning per file whose mode was changed
   * @throws StartupFailure if a mode cannot be read or changed
   */
  static List<String> narrowSecrets(Path... files) {
    List<String> warnings = new ArrayList<>();
    for (Path file : files) {
      try {
        if (Files.isRegularFile(file)) {
          FilePermissions.restrict(file, FilePermissions.OWNER_FILE).ifPresent(mode ->
              warnings.add(file + " had mode " + mode + ", which lets other users read it; "
                  + "changed it to 0600"));
        }
      } catch (IOException e) {
        throw new StartupFailure("cannot make " + file + " owner-only: " + e, e);
      }
    }
    return warnings;
  }
}
