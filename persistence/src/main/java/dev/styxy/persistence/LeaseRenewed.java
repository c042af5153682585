package dev.styxy.persistence;

import java.time.Instant;

/**
 * A lease was renewed by a heartbeat. The new deadline is absolute, so after a restart the
 * registry expires exactly the leases that ended while it was down.
 *
 * @param expiresAt the new end of the lease
 * @param reason {@code heartbeat}
 */
public record LeaseRenewed(
    AllocationId id,
    int port,
    Instant expiresAt,
    Instant at,
    String requestId,
    String reason,
    String actor) implements RegistryEvent {}
