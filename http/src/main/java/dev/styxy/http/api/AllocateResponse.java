package dev.styxy.http.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A new allocation: {@code {"success":true,"port":3001,"lock_id":…,"message":…,"reasons":[…]}},
 * followed by {@code lease_expires_at} and {@code lease_ttl_s} only when it has a lease. The
 * request whose unknown service type was auto-allocated also gets the original's keys
 * {@code "auto_allocated":true,"allocated_range":[a,b],"chunk_size":N,"placement":…}; the other
 * replies leave them out.
 *
 * @param reasons the decision trail: candidates skipped and why, then the port chosen
 * @param leaseExpiresAt ISO-8601 UTC end of the lease; left out without a lease
 * @param leaseTtlSeconds the lease length; left out without a lease
 * @param autoAllocated {@code true} only for the request that created its service type
 */
public record AllocateResponse(
    @JsonProperty("success") boolean success,
    @JsonProperty("port") int port,
    @JsonProperty("lock_id") String lockId,
    @JsonProperty("message") String message,
    @JsonProperty("reasons") List<String> reasons,
    @JsonProperty("lease_expires_at") @JsonInclude(JsonInclude.Include.NON_NULL)
        String leaseExpiresAt,
    @JsonProperty("lease_ttl_s") @JsonInclude(JsonInclude.Include.NON_NULL)
        Integer leaseTtlSeconds,
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

  /** A reply without a lease or the auto-allocation keys. */
  public AllocateResponse(boolean success, int port, String lockId, String message,
      List<String> reasons) {
    this(success, port, lockId, message, reasons, null, null, null, null, null, null);
  }

  /** A reply with its lease keys (or none when both are null), without auto-allocation keys. */
  public AllocateResponse(boolean success, int port, String lockId, String message,
      List<String> reasons, String leaseExpiresAt, Integer leaseTtlSeconds) {
    this(success, port, lockId, message, reasons, leaseExpiresAt, leaseTtlSeconds, null, null,
        null, null);
  }
}
