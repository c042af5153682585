package dev.styxy.http.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Reply to {@code PUT /allocate/{lockId}/heartbeat}: {@code {"success":true,"lock_id":…,
 * "lockId":…,"port":3000,"lease_expires_at":"2026-…Z","message":"Lease of port 3000 renewed
 * until 2026-…Z"}}.
 *
 * @param lockIdCompat the same lock id under the original's camelCase {@code lockId} key
 * @param leaseExpiresAt ISO-8601 UTC new end of the lease
 */
public record LeaseRenewedResponse(
    @JsonProperty("success") boolean success,
    @JsonProperty("lock_id") String lockId,
    @JsonProperty("lockId") String lockIdCompat,
    @JsonProperty("port") int port,
    @JsonProperty("lease_expires_at") String leaseExpiresAt,
    @JsonProperty("message") String message) {}
