package dev.styxy.actors.os;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds listening TCP sockets and the processes holding them by reading Linux {@code /proc}.
 *
 * <p>Why {@code /proc} and not {@code lsof} or {@code ss}: no external tool has to be installed
 * or its output parsed (the original mis-parsed {@code ss} columns and never found a pid), and no
 * subprocess blocks a daemon thread (the original's {@code execSync} calls stalled HTTP for
 * seconds). One read of the listening part of {@code net/tcp} and {@code net/tcp6} plus one pass
 * over {@code /proc/[pid]/fd} answers a whole {@code /scan} range. The fd pass costs about a
 * microsecond per visible fd, so the pid that held each socket last time is checked first: a
 * listener usually keeps its process, and then no other fd table is read.
 *
 * <p>This class describes holders; it does not decide availability ({@link BindProbe} does, by
 * binding). Processes that exit mid-scan or whose fd table this user may not read are skipped, so
 * a listener may come back without a pid. Addresses in {@code net/tcp*} are 32-bit words printed
 * in host byte order; like every host Styxy targets (x86-64, aarch64) this assumes little-endian.
 *
 * <p>Safe to share between threads; the only state is that verified-before-use hint cache.
 */
public final class ProcNet {
  private static final int MAX_PORT = 65_535;
  private static final String SOCKET_PREFIX = "socket:[";
  // Enough for every listener of a busy host; past it the hints are simply rebuilt.
  private static final int MAX_HINTS = 4096;

  private final Path root;
  // inode -> pid that held it at the last lookup. Only ever a hint: that pid's fd table is read
  // to confirm, so an exited process or a reused inode costs one extra read, never a wrong pid.
  private final Map<Long, Long> lastOwners = new ConcurrentHashMap<>();

  /** Reads the real {@code /proc}. */
  public ProcNet() {
    this(Path.of("/proc"));
  }

  /** Reads a {@code /proc}-shaped tree under {@code procRoot}, so tests can supply a fake one. */
  public ProcNet(Path procRoot) {
    this.root = procRoot;
  }

  /** Whether this {@code /proc} has a TCP socket table (false when not on Linux). */
  public boolean available() {
    return Files.isReadable(root.resolve("net/tcp"));
  }

  /**
   * Every TCP socket in LISTEN state, IPv4 then IPv6. A missing {@code net/tcp6} (no IPv6) or a
   * missing {@code net/tcp} (not Linux) contributes nothing.
   *
   * @throws UncheckedIOException when a table exists but cannot be read
   */
  public List<Listener> listeners() {
    return listenersIn(0, MAX_PORT);
  }

  /**
   * Maps each of {@code inodes} to the pid of a process with an fd open on that socket, in one
   * pass over {@code /proc/[pid]/fd} that stops as soon as all are found (after first checking
   * the pids that held them last time). Inodes nobody visible holds are absent. Never fails:
   * processes and fds that vanish or deny access are skipped.
   */
  public Map<Long, Long> socketOwners(Set<Long> inodes) {
    Map<Long, Long> owners = new HashMap<>();
    if (inodes.isEmpty()) {
      return owners;
    }
    Set<Long> checked = new HashSet<>();
    for (Long inode : inodes) {
      Long pid = lastOwners.get(inode);
      if (pid != null && !owners.containsKey(inode) && checked.add(pid)
          && scanFds(root.resolve(pid.toString()), pid, inodes, owners)) {
        return remember(owners);
      }
    }
    try (DirectoryStream<Path> procs = Files.newDirectoryStream(root)) {
      for (Path proc : procs) {
        long pid = digits(proc.getFileName().toString());
        if (pid > 0 && !checked.contains(pid) && scanFds(proc, pid, inodes, owners)) {
          break;
        }
      }
    } catch (IOException | DirectoryIteratorException e) {
      // An unreadable /proc only costs the pids; the caller still gets what was found so far.
    }
    return remember(owners);
  }

  /** Who listens on {@code port}, with pid, name and command line when visible. */
  public Optional<PortHolder> holderOf(int port) {
    return Optional.ofNullable(holdersIn(port, port).get(port));
  }

  /**
   * Every listening port in {@code [start, end]} with its holder, ordered by port, resolved in a
   * single fd pass. When several sockets listen on one port (IPv4 and IPv6, or SO_REUSEPORT), the
   * first whose process is visible wins.
   *
   * @throws IllegalArgumentException when the range is not within 0..65535 or start exceeds end
   * @throws UncheckedIOException when a socket table exists but cannot be read
   */
  public Map<Integer, PortHolder> holdersIn(int start, int end) {
    if (start < 0 || end > MAX_PORT || start > end) {
      throw new IllegalArgumentException("invalid port range " + start + "-" + end);
    }
    List<Listener> found = listenersIn(start, end);
    Map<Integer, PortHolder> holders = new TreeMap<>();
    if (found.isEmpty()) {
      return holders;
    }
    Set<Long> inodes = new HashSet<>();
    for (Listener l : found) {
      // Inode 0 means the socket is already being torn down; no fd can point at it.
      if (l.inode() != 0) {
        inodes.add(l.inode());
      }
    }
    Map<Long, Long> owners = socketOwners(inodes);
    Map<Long, String[]> names = new HashMap<>();
    for (Listener l : found) {
      Long pid = owners.get(l.inode());
      PortHolder seen = holders.get(l.port());
      if (seen != null && (seen.pid() != null || pid == null)) {
        continue;
      }
      String[] name = pid == null ? new String[2] : names.computeIfAbsent(pid, this::processName);
      holders.put(l.port(), new PortHolder(
          l.port(), l.protocol(), l.localAddress(), pid, name[0], name[1], l.uid()));
    }
    return holders;
  }

  private List<Listener> listenersIn(int start, int end) {
    List<Listener> out = new ArrayList<>();
    TcpTable.readListeners(root.resolve("net/tcp"), false, start, end, out);
    TcpTable.readListeners(root.resolve("net/tcp6"), true, start, end, out);
    return out;
  }

  private Map<Long, Long> remember(Map<Long, Long> owners) {
    if (lastOwners.size() + owners.size() > MAX_HINTS) {
      lastOwners.clear();
    }
    lastOwners.putAll(owners);
    return owners;
  }

  /** Reads fd links of one process; returns true once every wanted inode has an owner. */
  private static boolean scanFds(Path proc, long pid, Set<Long> inodes, Map<Long, Long> owners) {
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("fd"))) {
      for (Path fd : fds) {
        long inode = socketInode(fd);
        if (inode >= 0 && inodes.contains(inode) && owners.putIfAbsent(inode, pid) == null
            && owners.size() == inodes.size()) {
          return true;
        }
      }
    } catch (IOException | DirectoryIteratorException e) {
      // The process exited or belongs to another user: its sockets stay unattributed.
    }
    return false;
  }

  private static long socketInode(Path fd) {
    String target;
    try {
      target = Files.readSymbolicLink(fd).toString();
    } catch (IOException e) {
      return -1;
    }
    if (!target.startsWith(SOCKET_PREFIX) || !target.endsWith("]")) {
      return -1;
    }
    return digits(target.substring(SOCKET_PREFIX.length(), target.length() - 1));
  }

  /** {comm, cmdline} of a pid, each null when unreadable (e.g. the process already exited). */
  private String[] processName(long pid) {
    Path dir = root.resolve(Long.toString(pid));
    String[] name = new String[2];
    try {
      name[0] = text(Files.readAllBytes(dir.resolve("comm")));
    } catch (IOException e) {
      // Exited since the fd pass, or hidden: the name stays unknown but the pid is still useful.
    }
    try {
      byte[] cmd = Files.readAllBytes(dir.resolve("cmdline"));
      for (int i = 0; i < cmd.length; i++) {
        if (cmd[i] == 0) {
          cmd[i] = ' ';
        }
      }
      name[1] = text(cmd);
    } catch (IOException e) {
      // Same as comm: describe() falls back to the process name or the bare pid.
    }
    return name;
  }

  private static String text(byte[] bytes) {
    String s = new String(bytes, StandardCharsets.UTF_8).trim();
    return s.isEmpty() ? null : s;
  }

  private static long digits(String s) {
    if (s.isEmpty() || s.length() > 18) {
      return -1;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return -1;
      }
    }
    return Long.parseLong(s);
  }
}
