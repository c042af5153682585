package dev.styxy.actors;

import dev.styxy.persistence.Allocation;
import dev.styxy.persistence.CborSerializable;
import dev.styxy.persistence.ErrorCode;

/** Answers to {@link PortRegistry.RenewLease}. */
public sealed interface LeaseReply extends CborSerializable {

  /** The lease now ends at {@code allocation.leaseExpiresAt()}; journaled. */
  record Renewed(Allocation allocation) implements LeaseReply {}

  /**
   * Not renewed: {@code ALLOCATION_NOT_FOUND}, or {@code NO_LEASE} for an allocation without
   * one.
   */
  record LeaseRejected(ErrorCode code, String message) implements LeaseReply {}
}
