package dev.styxy.http.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A new allocation: {@code {"success":true,"port":3001,"lock_id":…,"message":…,"reasons":[…]}}.
 * The request whose unknown service type was auto-allocated also gets the original's keys
 * {@code "auto_allocated":true,"allocated_range":[a,b],"chunk_size":N,"placement":…}; the other
 * replies leave them out.
 *
 * @param reasons the decision trail: candidates skipped and why, then the port chosen
 */
public record AllocateResponse(
    @JsonProperty("success") boolean success,
    @JsonProperty("port") int port,
    @JsonProperty("lock_id") String lockId,
    @JsonProperty("message") String message,
    @JsonProperty("reasons") List<String> reasons,
    @JsonProperty("auto_allocated") @JsonInclude(JsonInclude.Include.NON_NULL)
        Boolean autoAllocated,
    @JsonProperty("allocated_range") @JsonInclude(JsonInclude.Include.NON_NULL)
        List<Integer> allocatedRange,
    @JsonProperty("chunk_size") @JsonInclude(JsonInclude.Include.NON_NULL) Integer chunkSize,
    @JsonProperty("placement") @JsonInclude(JsonInclude.Include.NON_NULL) String placement) {

  public AllocateResponse {
    reasons = reasons == null ? List.of() : List.copyOf(reasons);
    allocatedRange = allocatedRange == null ? null : List.copyOf(allocatedRange);
  }

  /** A reply without the auto-allocation keys. */
  public AllocateResponse(boolean success, int port, String lockId, String message,
      List<String> reasons) {
    this(success, port, lockId, message, reasons, null, null, null, null);
  }
}
