package dev.styxy.actors.os;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Parser for {@code /proc/net/tcp} and {@code /proc/net/tcp6}, kept apart from {@link ProcNet}'s
 * process lookup. It works on bytes instead of split/regex and builds strings only for matching
 * LISTEN lines, because a busy host has thousands of sockets and {@code /scan} must stay cheap.
 */
final class TcpTable {
  private static final int LISTEN = 0x0A;
  private static final int SYN_RECV = 0x03;
  // Column order: sl, local_address, rem_address, st, tx:rx, tr:when, retrnsmt, uid, timeout,
  // inode. Later columns vary by kernel and are not needed.
  private static final int LOCAL = 1;
  private static final int STATE = 3;
  private static final int UID = 7;
  private static final int INODE = 9;
  private static final int FIELDS = 10;

  private TcpTable() {}

  /**
   * Appends the LISTEN sockets of one table whose port lies in {@code [start, end]}. A missing
   * table (no IPv6, not Linux) adds nothing.
   */
  static void readListeners(Path file, boolean v6, int start, int end, List<Listener> out) {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[16_384];
      int[] at = new int[FIELDS];
      int len = 0;
      boolean header = true;
      for (int n; (n = in.read(buf, len, buf.length - len)) >= 0; ) {
        len += n;
        int line = 0;
        for (int eol; (eol = indexOf(buf, line, len)) >= 0; line = eol + 1) {
          if (header) {
            header = false;
            continue;
          }
          int state = parseLine(buf, line, eol, v6, start, end, at, out);
          // The kernel prints every listener before any other socket, and producing the rest
          // means walking the whole established hash (milliseconds on a big host): stop here.
          // Old kernels printed SYN_RECV entries among the listeners, so those do not stop it.
          if (state >= 0 && state != LISTEN && state != SYN_RECV) {
            return;
          }
        }
        System.arraycopy(buf, line, buf, 0, len - line);
        len -= line;
        if (len == buf.length) {
          buf = Arrays.copyOf(buf, buf.length * 2);
        }
      }
      if (len > 0 && !header) {
        parseLine(buf, 0, len, v6, start, end, at, out);
      }
    } catch (NoSuchFileException e) {
      // Nothing listens in a table that does not exist.
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Adds the line's listener when it is LISTEN and in range; returns its state, -1 if garbled. */
  private static int parseLine(
      byte[] b, int from, int to, boolean v6, int start, int end, int[] at, List<Listener> out) {
    int n = 0;
    for (int i = from; i < to && n < FIELDS; i++) {
      if (b[i] != ' ' && (i == from || b[i - 1] == ' ')) {
        at[n++] = i;
      }
    }
    if (n < FIELDS) {
      return -1;
    }
    int state = (int) hex(b, at[STATE], 2, to);
    int colon = at[LOCAL] + (v6 ? 32 : 8);
    if (colon + 5 > to || b[colon] != ':') {
      return -1;
    }
    long port = hex(b, colon + 1, 4, to);
    if (state != LISTEN || port < start || port > end) {
      return state;
    }
    long uid = decimal(b, at[UID], to);
    long inode = decimal(b, at[INODE], to);
    String address = v6 ? v6Address(b, at[LOCAL], to) : v4Address(hex(b, at[LOCAL], 8, to));
    if (uid < 0 || inode < 0 || address == null) {
      return -1;
    }
    out.add(new Listener((int) port, v6 ? "tcp6" : "tcp", address + ":" + port, inode,
        (int) uid));
    return state;
  }

  /** Dotted quad of one little-endian word: the first byte in memory is the lowest. */
  private static String v4Address(long word) {
    if (word < 0) {
      return null;
    }
    return (word & 0xff) + "." + (word >>> 8 & 0xff) + "." + (word >>> 16 & 0xff) + "."
        + (word >>> 24 & 0xff);
  }

  /** RFC 5952 text (longest zero run as {@code ::}) in brackets, ready to take a port. */
  private static String v6Address(byte[] b, int at, int to) {
    int[] g = new int[8];
    for (int w = 0; w < 4; w++) {
      long v = hex(b, at + 8 * w, 8, to);
      if (v < 0) {
        return null;
      }
      g[2 * w] = (int) ((v & 0xff) << 8 | v >>> 8 & 0xff);
      g[2 * w + 1] = (int) ((v >>> 16 & 0xff) << 8 | v >>> 24 & 0xff);
    }
    if (g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0xffff) {
      return "[::ffff:" + v4Address(hex(b, at + 24, 8, to)) + "]";
    }
    int bestAt = -1;
    int bestLen = 1;
    for (int i = 0; i < 8; i++) {
      int j = i;
      while (j < 8 && g[j] == 0) {
        j++;
      }
      if (j - i > bestLen) {
        bestAt = i;
        bestLen = j - i;
      }
      i = j;
    }
    StringBuilder sb = new StringBuilder(41).append('[');
    for (int i = 0; i < 8; i++) {
      if (i == bestAt) {
        sb.append("::");
        i += bestLen - 1;
        continue;
      }
      if (sb.length() > 1 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(g[i]));
    }
    return sb.append(']').toString();
  }

  private static int indexOf(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /** Unsigned value of {@code len} hex digits at {@code from}, or -1 if any is not hex. */
  private static long hex(byte[] b, int from, int len, int to) {
    if (from + len > to) {
      return -1;
    }
    long v = 0;
    for (int i = from; i < from + len; i++) {
      int d = Character.digit(b[i], 16);
      if (d < 0) {
        return -1;
      }
      v = v << 4 | d;
    }
    return v;
  }

  /** Decimal number starting at {@code from} up to the next non-digit, or -1 if none. */
  private static long decimal(byte[] b, int from, int to) {
    long v = 0;
    int i = from;
    // 18 digits cannot overflow a long; no real uid or inode comes close.
    for (; i < to && i - from < 18 && b[i] >= '0' && b[i] <= '9'; i++) {
      v = v * 10 + (b[i] - '0');
    }
    return i == from ? -1 : v;
  }
}
