package dev.styxy.persistence;

import java.time.Instant;

/**
 * A registered agent instance (an AI coding session or other client that owns allocations).
 *
 * @param id the client-chosen instance id, {@code [a-zA-Z0-9_-]{1,100}}
 * @param workingDirectory the agent's working folder, {@code null} when none was given
 * @param metadataJson the metadata object the agent registered, as compact JSON text (kept as text
 *     so any nested JSON survives the CBOR journal unchanged), {@code "{}"} when none was given
 * @param pid the agent's process id, {@code null} when none was given
 * @param registeredAt when it (last) registered
 * @param lastHeartbeat when it last sent a heartbeat; in {@link RegistryState} this is always the
 *     registration time, because heartbeats are not journaled (see {@link InstanceRegistered})
 */
public record Instance(
    String id,
    String workingDirectory,
    String metadataJson,
    Long pid,
    Instant registeredAt,
    Instant lastHeartbeat) implements CborSerializable {

  /** This instance with {@code heartbeat} as its last heartbeat. */
  public Instance withHeartbeat(Instant heartbeat) {
    return new Instance(id, workingDirectory, metadataJson, pid, registeredAt, heartbeat);
  }
}
