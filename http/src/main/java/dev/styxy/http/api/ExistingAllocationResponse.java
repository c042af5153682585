package dev.styxy.http.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A live allocation answered the request instead of a new one: a single-instance type that is
 * already held, or a named claim repeated. The original sent only the camelCase keys and no
 * {@code success}; this shape keeps them and adds {@code success} and {@code lock_id} in front.
 *
 * @param lockIdCompat the same lock id under the original's {@code lockId} key
 * @param existingPid the owner pid given when the port was allocated, or null
 * @param allocatedAt epoch milliseconds, as the original sent it
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
    @JsonProperty("allocatedAt") long allocatedAt) {}
