package dev.styxy.actors;

import dev.styxy.persistence.Allocation;
import dev.styxy.persistence.CborSerializable;
import dev.styxy.persistence.ErrorCode;
import java.util.List;

/** Answer to {@link PortRegistry.Allocate}. */
public sealed interface AllocateReply extends CborSerializable {

  /**
   * A new allocation, journaled. {@code reasons} is the decision trail; {@code autoAllocated} is
   * set only on the reply to the request whose unknown type was auto-allocated, else null.
   */
  record Allocated(Allocation allocation, String message, List<String> reasons,
      AutoAllocated autoAllocated) implements AllocateReply {

    public Allocated(Allocation allocation, String message, List<String> reasons) {
      this(allocation, message, reasons, null);
    }
  }

  /** The range this request's new service type got (the original's extra reply keys). */
  record AutoAllocated(int rangeStart, int rangeEnd, int chunkSize, String placement)
      implements CborSerializable {}

  /** A live allocation answers the request (single-instance type or repeated named claim). */
  record Existing(Allocation allocation, boolean singleton, String message)
      implements AllocateReply {}

  /** Dry run: {@code port} would be allocated now. */
  record DryRunResult(int port, String message) implements AllocateReply {}

  /** Refused; nothing was journaled. */
  record AllocateRejected(ErrorCode code, String message, List<String> reasons)
      implements AllocateReply {}
}
