package dev.styxy.persistence;

import java.time.Instant;

/**
 * An agent instance was removed. Its live allocations are released by {@link PortReleased} events
 * (reason {@code instance_gone}) journaled in the same write.
 *
 * @param reason {@code deregistered}
 */
public record InstanceDeregistered(
    String instanceId,
    Instant at,
    String requestId,
    String reason,
    String actor) implements RegistryEvent {}
