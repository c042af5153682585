package dev.styxy.actors;

import dev.styxy.persistence.Allocation;
import dev.styxy.persistence.CborSerializable;
import dev.styxy.persistence.ErrorCode;

/** Answer to {@link PortRegistry.Release}. */
public sealed interface ReleaseReply extends CborSerializable {

  /** Released, journaled. */
  record Released(Allocation allocation, String message) implements ReleaseReply {}

  /** Not released ({@code ALLOCATION_NOT_FOUND}). */
  record ReleaseRejected(ErrorCode code, String message) implements ReleaseReply {}
}
