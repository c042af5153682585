package dev.styxy.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The kernel's ephemeral port range, from which outgoing connections get their local ports.
 * Auto-allocated ranges avoid it when there is room elsewhere. Read once at start-up.
 */
public final class EphemeralPortRange {
  /** Where Linux publishes the range: two numbers separated by blanks. */
  public static final Path PROC_FILE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
  /** Linux's default, used when the file is absent (other systems) or unreadable. */
  public static final PortRange FALLBACK = new PortRange(32768, 60999);

  private EphemeralPortRange() {}

  /** The range on this machine, or {@link #FALLBACK}. */
  public static PortRange read() {
    return read(PROC_FILE);
  }

  /** The range in {@code file} (two port numbers, low then high), or {@link #FALLBACK}. */
  public static PortRange read(Path file) {
    try {
      String[] parts = Files.readString(file).trim().split("\\s+");
      if (parts.length != 2) {
        return FALLBACK;
      }
      int low = Integer.parseInt(parts[0]);
      int high = Integer.parseInt(parts[1]);
      return low >= 1 && high <= 65535 && low <= high ? new PortRange(low, high) : FALLBACK;
    } catch (IOException | NumberFormatException | SecurityException e) {
      return FALLBACK;
    }
  }
}
