package dev.styxy.actors.os;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Which OS user a process belongs to, for the PIDs clients name as owners ({@code pid} of
 * {@code POST /allocate} and {@code POST /instance/register}). Only processes of the daemon's own
 * user may be named: another user's process would otherwise keep an allocation or an instance
 * alive for as long as that stranger's process runs.
 *
 * <p>On Linux the user is the real UID of the process, the first field of the {@code Uid:} line
 * of {@code /proc/PID/status}, compared with the daemon's own (read the same way from
 * {@code /proc/self/status}). Without {@code /proc} the process owner's name from
 * {@link ProcessHandle.Info#user()} is compared with the daemon's; a process whose owner the OS
 * does not tell is treated as another user's. Stateless apart from the daemon's own UID, read
 * once; thread-safe.
 */
public final class ProcessUsers {
  /** What the OS says about a PID named by a client. */
  public enum Verdict {
    /** A live process of the daemon's user. */
    SAME_USER,
    /** A live process of another user, or one whose owner cannot be told. */
    OTHER_USER,
    /** No live process has that PID (or this user cannot see it). */
    NO_PROCESS
  }

  private final Path root;
  private final OptionalLong ownUid;

  /** Reads the real {@code /proc}. */
  public ProcessUsers() {
    this(Path.of("/proc"));
  }

  /** Reads a {@code /proc}-shaped tree under {@code procRoot}, so tests can supply a fake one. */
  public ProcessUsers(Path procRoot) {
    this.root = procRoot;
    this.ownUid = realUid(procRoot.resolve("self"));
  }

  /** Whether {@code pid} names a live process of the daemon's user. */
  public Verdict check(long pid) {
    if (ownUid.isPresent()) {
      OptionalLong uid = realUid(root.resolve(Long.toString(pid)));
      if (uid.isEmpty()) {
        return Verdict.NO_PROCESS;
      }
      return uid.getAsLong() == ownUid.getAsLong() ? Verdict.SAME_USER : Verdict.OTHER_USER;
    }
    Optional<ProcessHandle> handle = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    if (handle.isEmpty()) {
      return Verdict.NO_PROCESS;
    }
    Optional<String> user = handle.get().info().user();
    Optional<String> own = ProcessHandle.current().info().user();
    return user.isPresent() && user.equals(own) ? Verdict.SAME_USER : Verdict.OTHER_USER;
  }

  /** The real UID from {@code dir/status}; empty when there is no such file or line. */
  private static OptionalLong realUid(Path dir) {
    List<String> lines;
    try {
      lines = Files.readAllLines(dir.resolve("status"), StandardCharsets.UTF_8);
    } catch (IOException | SecurityException e) {
      // No such process, it exited mid-read, or /proc is mounted so this user cannot read it.
      return OptionalLong.empty();
    }
    for (String line : lines) {
      if (line.startsWith("Uid:")) {
        String[] fields = line.substring(4).trim().split("\\s+");
        try {
          return OptionalLong.of(Long.parseLong(fields[0]));
        } catch (NumberFormatException e) {
          return OptionalLong.empty();
        }
      }
    }
    return OptionalLong.empty();
  }
}
