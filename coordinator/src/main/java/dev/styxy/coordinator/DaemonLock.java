package dev.styxy.coordinator;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import java.util.Optional;

/**
 * The one-daemon-per-home guard: an exclusive OS lock on {@code daemon.lock} in the home folder,
 * held for the life of the process. The kernel drops it when the process dies, even by
 * {@code kill -9}, so a crashed daemon never blocks the next one. It is taken before the journal is
 * opened, so a second daemon fails in well under a second instead of waiting on the H2 file lock.
 *
 * <p>The holder writes its PID into the lock file, so a refused daemon can name it even before the
 * holder has written {@code daemon.pid}.
 */
final class DaemonLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private DaemonLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock or fails with the "already running" line.
   *
   * @throws StartupFailure if another daemon holds it or the file cannot be opened
   */
  static DaemonLock acquire(Path home, Path lockFile, Path pidFile) {
    FileChannel channel;
    try {
      channel = FileChannel.open(lockFile,
          EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE),
          FilePermissions.attributes(FilePermissions.OWNER_FILE));
    } catch (IOException e) {
      throw new StartupFailure("cannot open the lock file " + lockFile + ": " + e, e);
    }
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null; // held by this very JVM
    } catch (IOException e) {
      closeQuietly(channel);
      throw new StartupFailure("cannot lock " + lockFile + ": " + e, e);
    }
    if (lock == null) {
      closeQuietly(channel);
      throw new StartupFailure(alreadyRunning(home, holderPid(pidFile, lockFile)));
    }
    try {
      byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(pid), 0);
      FilePermissions.restrict(lockFile, FilePermissions.OWNER_FILE);
    } catch (IOException e) {
      // The lock itself is what matters; the PID inside is only a courtesy for the next daemon.
    }
    return new DaemonLock(channel, lock);
  }

  /** The line a second daemon prints. */
  static String alreadyRunning(Path home, Optional<Long> pid) {
    String who = pid.map(p -> " (pid " + p + ")").orElse("");
    return "Another Styxy daemon" + who + " is already running with home " + home
        + "; stop it first";
  }

  /** The running daemon's PID from {@code daemon.pid}, else from the lock file. */
  static Optional<Long> holderPid(Path pidFile, Path lockFile) {
    return readPid(pidFile).or(() -> readPid(lockFile));
  }

  static Optional<Long> readPid(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
      long pid = Long.parseLong(text);
      return pid > 0 ? Optional.of(pid) : Optional.empty();
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Releases the lock; the next daemon may start. */
  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException e) {
      // Closing the channel below releases it as well.
    }
    closeQuietly(channel);
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // Nothing left to do with a channel that will not close; the OS frees it at exit.
    }
  }
}
