package dev.styxy.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Replaces a file's content atomically: a temporary file in the same folder (mode 0600) is
 * written, synced to disk, and renamed over the target, then the folder is synced so the rename
 * survives a power cut. A failure at any step deletes the temporary file and leaves the target as
 * it was.
 */
final class AtomicFile {
  /** A step run after the temporary file is synced and before the rename; tests inject failures. */
  @FunctionalInterface
  interface Fault {
    Fault NONE = temp -> { };

    void beforeRename(Path temp) throws IOException;
  }

  private AtomicFile() {}

  static void write(Path target, byte[] bytes, Fault fault) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp",
        ownerOnly("rw-------"));
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      fault.beforeRename(temp);
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    syncFolder(dir);
  }

  /** Creates {@code file} with {@code bytes}, mode 0600; fails if it exists. */
  static void create(Path file, byte[] bytes) throws IOException {
    Files.createFile(file, ownerOnly("rw-------"));
    Files.write(file, bytes, StandardOpenOption.TRUNCATE_EXISTING);
  }

  /** Creates {@code dir} (and parents) with mode 0700 when missing. */
  static void createFolder(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir, ownerOnly("rwx------"));
    }
  }

  private static FileAttribute<?>[] ownerOnly(String perms) {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
        ? new FileAttribute<?>[] {
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(perms))}
        : new FileAttribute<?>[0];
  }

  /** Best effort: some platforms cannot open a folder for syncing, and then it is skipped. */
  private static void syncFolder(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // The rename itself succeeded; only its durability across a power cut is not forced.
    }
  }
}
