package dev.styxy.persistence;

import dev.styxy.config.ServiceType;
import java.util.LinkedHashSet;
import java.util.NoSuchElementException;
import java.util.PrimitiveIterator;
import java.util.Set;

/**
 * The order in which a request's candidate ports are tried: the request's preferred port, the
 * claim's sticky port, the type's preferred ports, then the type's range ascending, without
 * duplicates. Produced lazily: only the few ports ahead of the range are collected and the range is
 * walked as plain ints, because a decision usually stops at one of the first candidates and a
 * 1000-port range should cost nothing.
 */
final class CandidatePorts {
  private CandidatePorts() {}

  /**
   * @param preferred the request's preferred port, or null
   * @param sticky the named claim's previous port, or null
   */
  static PrimitiveIterator.OfInt of(ServiceType type, Integer preferred, Integer sticky) {
    Set<Integer> head = new LinkedHashSet<>();
    if (preferred != null) {
      head.add(preferred);
    }
    if (sticky != null) {
      head.add(sticky);
    }
    head.addAll(type.preferredPorts());
    int[] first = head.stream().mapToInt(Integer::intValue).toArray();
    int start = type.range().start();
    int end = type.range().end();
    return new PrimitiveIterator.OfInt() {
      private int index;
      private int next = start;

      @Override
      public boolean hasNext() {
        if (index < first.length) {
          return true;
        }
        while (next <= end && isHead(next)) {
          next++;
        }
        return next <= end;
      }

      private boolean isHead(int port) {
        for (int p : first) {
          if (p == port) {
            return true;
          }
        }
        return false;
      }

      @Override
      public int nextInt() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return index < first.length ? first[index++] : next++;
      }
    };
  }
}
