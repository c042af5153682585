package dev.styxy.http.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A new allocation: {@code {"success":true,"port":3001,"lock_id":…,"message":…,"reasons":[…]}},
 * followed by {@code lease_expires_at} and {@code lease_ttl_s} only when it has a lease.
 *
 * @param reasons the decision trail: candidates skipped and why, then the port chosen
 * @param leaseExpiresAt ISO-8601 UTC end of the lease; left out without a lease
 * @param leaseTtlSeconds the lease length; left out without a lease
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
        Integer leaseTtlSeconds) {

  public AllocateResponse {
    reasons = reasons == null ? List.of() : List.copyOf(reasons);
  }
}
