package dev.styxy.coordinator;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Optional;
import java.util.Set;

/**
 * Owner-only permissions for the home folder and the secrets in it. On file systems without POSIX
 * permissions every method is a no-op, so the daemon still starts there.
 */
public final class FilePermissions {
  /** {@code 0700}: the home folder. */
  static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
  /** {@code 0600}: the token, the PID and lock files. */
  static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");

  private FilePermissions() {}

  public static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }

  /** The attribute to create a file or folder with {@code perms}, or none off POSIX. */
  static FileAttribute<?>[] attributes(Set<PosixFilePermission> perms) {
    return posix()
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(perms)}
        : new FileAttribute<?>[0];
  }

  /**
   * Narrows {@code path} to {@code wanted} if it grants anything more (group or other bits).
   *
   * @return the old mode in octal (e.g. {@code "0644"}) when it was changed, else empty
   */
  static Optional<String> restrict(Path path, Set<PosixFilePermission> wanted) throws IOException {
    if (!posix()) {
      return Optional.empty();
    }
    Set<PosixFilePermission> actual = Files.getPosixFilePermissions(path);
    if (wanted.containsAll(actual)) {
      return Optional.empty();
    }
    Files.setPosixFilePermissions(path, wanted);
    return Optional.of(octal(actual));
  }

  /**
   * The owner of {@code path} when it is not the user running this JVM; empty when it is ours or
   * the file system does not say.
   */
  static Optional<String> foreignOwner(Path path) throws IOException {
    if (!posix()) {
      return Optional.empty();
    }
    UserPrincipal owner = Files.getOwner(path);
    UserPrincipal self = path.getFileSystem().getUserPrincipalLookupService()
        .lookupPrincipalByName(System.getProperty("user.name"));
    return owner.equals(self) ? Optional.empty() : Optional.of(owner.getName());
  }

  /** {@code rwxr-xr-x} as {@code "0755"}. */
  public static String octal(Set<PosixFilePermission> perms) {
    int mode = 0;
    for (PosixFilePermission p : perms) {
      mode |= 1 << (8 - p.ordinal());
    }
    return String.format("0%03o", mode);
  }
}
