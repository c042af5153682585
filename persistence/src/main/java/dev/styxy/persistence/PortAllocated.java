package dev.styxy.persistence;

import java.time.Instant;
import java.util.List;

/**
 * A port was allocated.
 *
 * @param reasons the decision trail, e.g. {@code ["3000 held by pid 4242 (python3)", "chose 3001"]}
 * @param reason a short tag: {@code preferred}, {@code sticky}, {@code type-preferred}, {@code
 *     range}
 */
public record PortAllocated(
    Allocation allocation,
    List<String> reasons,
    Instant at,
    String requestId,
    String reason,
    String actor) implements RegistryEvent {

  public PortAllocated {
    reasons = List.copyOf(reasons);
  }
}
