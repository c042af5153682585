package dev.styxy.actors;

import dev.styxy.persistence.CborSerializable;
import dev.styxy.persistence.ErrorCode;
import java.util.List;

/**
 * Answer to {@link PortRegistry.ImportState}: what was journaled, or why nothing could be.
 *
 * @param allocations how many allocations were imported
 * @param instances how many instances were imported
 * @param skipped one line per record left out, with the reason
 * @param refused {@code null} when the import was decided, else why nothing was imported:
 *     {@code INVALID_ARGUMENT} (not a state file) or {@code REGISTRY_UNAVAILABLE}
 * @param message a one-line summary, or why nothing was imported
 */
public record StateImported(int allocations, int instances, List<String> skipped,
    ErrorCode refused, String message) implements CborSerializable {

  public StateImported {
    skipped = List.copyOf(skipped);
  }

  /** An import that was decided (and journaled before this is sent). */
  static StateImported decided(int allocations, int instances, List<String> skipped) {
    return new StateImported(allocations, instances, skipped, null,
        "Imported " + allocations + " allocation(s) and " + instances + " instance(s); skipped "
            + skipped.size() + " record(s)");
  }

  /** Nothing was imported, because of {@code code}. */
  static StateImported refused(ErrorCode code, String why) {
    return new StateImported(0, 0, List.of(), code, why);
  }
}
