package dev.styxy.persistence;

import java.time.Instant;

/**
 * An agent instance registered, or registered again (which replaces the earlier registration and
 * resets its registration time). Heartbeats are deliberately not journaled: one every 30 s per
 * agent would flood the journal, so after a restart an instance's last heartbeat is its
 * registration time.
 *
 * @param metadataJson the registered metadata object as compact JSON text
 * @param pid the agent's process id, or {@code null}
 * @param reason {@code registered}
 */
public record InstanceRegistered(
    String instanceId,
    String workingDirectory,
    String metadataJson,
    Long pid,
    Instant at,
    String requestId,
    String reason,
    String actor) implements RegistryEvent {}
