package dev.styxy.http.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A live allocation answered the request instead of a new one: a single-instance type that is
 * already held, or a named claim repeated. The original sent only the camelCase keys and no
 * {@code success}; this shape keeps them and adds {@code success} and {@code lock_id} in front,
 * and {@code lease_expires_at} and {@code lease_ttl_s} at the end when the allocation has a lease.
 *
 * @param lockIdCompat the same lock id under the original's {@code lockId} key
 * @param existingPid the owner pid given when the port was allocated, or null
 * @param allocatedAt epoch milliseconds, as the original sent it
 * @param leaseExpiresAt ISO-8601 UTC end of the lease; left out without a lease
 * @param leaseTtlSeconds the lease length; left out without a lease
 */
public record ExistingAllocationResponse(
    @JsonProperty("success") boolean success,
    @JsonProperty("port") int port,
    @JsonProperty("lock_id") String lockId,
    @JsonProperty("message") String message,
    @JsonProperty("existing") boolean existing,
    @JsonProperty("lockId") String lockIdCompat,
    @JsonProperty("existingInstanceId") String existingInstanceId,
    @JsonProperty("existingPid") Long existingPid,
    @JsonProperty("allocatedAt") long allocatedAt,
    @JsonProperty("lease_expires_at") @JsonInclude(JsonInclude.Include.NON_NULL)
        String leaseExpiresAt,
    @JsonProperty("lease_ttl_s") @JsonInclude(JsonInclude.Include.NON_NULL)
        Integer leaseTtlSeconds) {}
