package dev.styxy.config;

/** An inclusive range of TCP ports, {@code start <= end}, both within 1..65535. */
public record PortRange(int start, int end) {
  public PortRange {
    if (start < 1 || end > 65535 || start > end) {
      throw new IllegalArgumentException(
          "port range must satisfy 1 <= start <= end <= 65535, was [" + start + ", " + end + "]");
    }
  }

  public boolean contains(int port) {
    return port >= start && port <= end;
  }

  public int size() {
    return end - start + 1;
  }

  public boolean overlaps(PortRange other) {
    return start <= other.end && other.start <= end;
  }

  /** The original's textual form, e.g. {@code 3000-3099}. */
  @Override
  public String toString() {
    return start + "-" + end;
  }
}
