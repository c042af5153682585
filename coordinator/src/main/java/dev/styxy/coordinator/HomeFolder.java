package dev.styxy.coordinator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The daemon's home folder ({@code $STYXY_HOME}, default {@code ~/.styxy}): created owner-only
 * ({@code 0700}) because it holds the auth token, and narrowed to {@code 0700} when an existing one
 * is looser. Runs before logging starts, so it returns its warnings for the caller to log.
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
}
