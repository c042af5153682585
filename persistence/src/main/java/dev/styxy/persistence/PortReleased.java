package dev.styxy.persistence;

import java.time.Instant;

/**
 * An allocation ended.
 *
 * @param reason why: {@code released} (client asked) today; the health layer adds more
 */
public record PortReleased(
    AllocationId id,
    int port,
    String serviceType,
    Instant at,
    String requestId,
    String reason,
    String actor) implements RegistryEvent {}
