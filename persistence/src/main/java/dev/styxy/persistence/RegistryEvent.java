package dev.styxy.persistence;

import java.time.Instant;

/**
 * Everything the PortRegistry journals. Each event is a fact in past tense and carries when it
 * happened, the request that caused it, why, and who acted ({@code http}, {@code cli},
 * {@code health}, {@code recovery}, {@code auto-allocation}). Never rename or remove a released
 * event type or field; evolve with a migration.
 */
public sealed interface RegistryEvent extends CborSerializable
    permits PortAllocated, PortReleased, InstanceRegistered, InstanceDeregistered, HealthChanged,
    LeaseRenewed, ServiceTypeAutoAllocated {
  Instant at();

  String requestId();

  String reason();

  String actor();
}
