package dev.styxy.persistence;

import dev.styxy.config.PortRange;
import java.util.List;

/** The outcome of {@link AutoRangePlanner#plan}: a range for the new type, or why there is none. */
public sealed interface AutoRangePlan {

  /**
   * The new type's range.
   *
   * @param preferredPorts the first four ports of the range (fewer if the range is smaller)
   * @param placement the strategy in effect: the matching rule's, else the global one
   * @param basis how the spot was found: {@code preferred_range_start}, {@code after},
   *     {@code before}, {@code smart-gap}, {@code smart-category} or {@code smart-after}
   */
  record Planned(PortRange range, List<Integer> preferredPorts, int chunkSize, String placement,
      String basis) implements AutoRangePlan {
    public Planned {
      preferredPorts = List.copyOf(preferredPorts);
    }
  }

  /**
   * No range: {@code INVALID_ARGUMENT} for a bad name, {@code UNKNOWN_SERVICE_TYPE} when
   * auto-allocation is off, {@code RANGE_EXHAUSTED} when no room is left.
   */
  record Refused(ErrorCode code, String message) implements AutoRangePlan {}
}
