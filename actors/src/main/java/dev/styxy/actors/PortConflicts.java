package dev.styxy.actors;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many candidate ports, per service type, the OS reported as held by an outside process while
 * the registry was allocating (dry runs excluded). Lives outside the event-sourced registry so that
 * a registry restart does not reset it; counts since the daemon started. Thread-safe.
 */
public final class PortConflicts {
  private final ConcurrentHashMap<String, LongAdder> byType = new ConcurrentHashMap<>();

  void add(String serviceType, int count) {
    if (count > 0) {
      byType.computeIfAbsent(serviceType, t -> new LongAdder()).add(count);
    }
  }

  /** The counts so far, by service type, in name order. */
  public Map<String, Long> snapshot() {
    Map<String, Long> copy = new TreeMap<>();
    byType.forEach((type, n) -> copy.put(type, n.sum()));
    return copy;
  }
}
