package dev.styxy.actors;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many health watchers the registry runs now, for {@code /health}. Like {@link PortConflicts}
 * it lives outside the registry, written by the registry's thread only and read by anyone.
 */
public final class LiveWatchers {
  private final AtomicInteger count = new AtomicInteger();

  void set(int n) {
    count.set(n);
  }

  public int count() {
    return count.get();
  }
}
