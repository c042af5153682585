package dev.styxy.persistence;

import java.util.Optional;
import org.pcollections.HashTreePMap;
import org.pcollections.PMap;

/**
 * The port each named claim last held, so that its next allocation is offered the same port. At
 * most one claim is remembered per port (the latest to release it), which bounds the memory at one
 * entry per port however many distinct names clients use. Immutable.
 */
final class StickyPorts {
  static final StickyPorts EMPTY = new StickyPorts(HashTreePMap.empty(), HashTreePMap.empty());

  private final PMap<ClaimKey, Integer> byKey;
  private final PMap<Integer, ClaimKey> byPort;

  private StickyPorts(PMap<ClaimKey, Integer> byKey, PMap<Integer, ClaimKey> byPort) {
    this.byKey = byKey;
    this.byPort = byPort;
  }

  Optional<Integer> portOf(ClaimKey key) {
    return Optional.ofNullable(byKey.get(key));
  }

  /** Remembers that {@code key} released {@code port}; the port's previous claim is forgotten. */
  StickyPorts remember(ClaimKey key, int port) {
    StickyPorts s = forget(key);
    ClaimKey previous = s.byPort.get(port);
    PMap<ClaimKey, Integer> keys = previous == null ? s.byKey : s.byKey.minus(previous);
    return new StickyPorts(keys.plus(key, port), s.byPort.plus(port, key));
  }

  /** Forgets {@code key}'s port (it holds a live allocation again). */
  StickyPorts forget(ClaimKey key) {
    Integer port = byKey.get(key);
    return port == null ? this : new StickyPorts(byKey.minus(key), byPort.minus(port));
  }

  PMap<ClaimKey, Integer> asMap() {
    return byKey;
  }

  int size() {
    return byKey.size();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StickyPorts other && byKey.equals(other.byKey);
  }

  @Override
  public int hashCode() {
    return byKey.hashCode();
  }
}
