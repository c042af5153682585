package dev.styxy.persistence;

import java.util.Optional;

/**
 * What the operating system says about a port, as the registry's decision logic sees it. The real
 * implementation bind-tests the port; tests pass fakes, so the decision logic stays pure.
 */
@FunctionalInterface
public interface PortAvailability {
  /**
   * Empty when the port can be bound on every address a service might use; otherwise a short phrase
   * naming who holds it, e.g. {@code "held by pid 4242 (python3)"} or
   * {@code "in use by a process this user cannot see"}.
   */
  Optional<String> takenBy(int port);
}
