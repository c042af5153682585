package dev.styxy.persistence;

import java.time.Instant;

/**
 * An allocation's health watcher saw a transition (reported once per edge, not per probe).
 *
 * @param status the new status
 * @param from the state it left
 * @param reason what caused it: {@code listening}, {@code health_url_ok}, {@code owner_exited},
 *     {@code port_abandoned}, {@code health_check_failed}
 */
public record HealthChanged(
    AllocationId id,
    int port,
    HealthState from,
    HealthStatus status,
    Instant at,
    String requestId,
    String reason,
    String actor) implements RegistryEvent {}
