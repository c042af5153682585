package dev.styxy.persistence;

import java.util.List;

/** The outcome of {@link RegistryState#decideAllocation}: what the registry should do and reply. */
public sealed interface AllocationDecision {

  /** Persist {@code event}, then reply with its allocation. */
  record Allocate(PortAllocated event, String message) implements AllocationDecision {}

  /**
   * A live allocation answers the request: the type is single-instance, or a named claim with the
   * same key already holds a port. Nothing is persisted.
   */
  record Existing(Allocation allocation, boolean singleton, String message)
      implements AllocationDecision {}

  /** A dry run: {@code port} would be allocated; nothing is persisted. */
  record DryRun(int port, String message) implements AllocationDecision {}

  /** Refused with a domain code ({@code RANGE_EXHAUSTED}, {@code UNKNOWN_SERVICE_TYPE}, …). */
  record Rejected(ErrorCode code, String message, List<String> reasons)
      implements AllocationDecision {
    public Rejected {
      reasons = List.copyOf(reasons);
    }
  }
}
