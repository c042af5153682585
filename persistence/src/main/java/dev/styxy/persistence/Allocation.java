package dev.styxy.persistence;

import java.time.Instant;

/**
 * One live port allocation.
 *
 * @param serviceName the requested name, or {@code "unnamed-service"} when none was given
 * @param named whether the client gave {@code service_name}; only named allocations are idempotent
 * @param instanceId the requesting agent's instance id, {@code "default"} when none was given
 * @param projectPath the client's project folder, {@code null} when none was given
 * @param pid the owner process id given by the client, {@code null} when none was given
 * @param userAgent the HTTP User-Agent of the request, may be {@code null}
 * @param remoteIp the client's address as seen by the daemon, may be {@code null}
 */
public record Allocation(
    AllocationId id,
    int port,
    String serviceType,
    String serviceName,
    boolean named,
    String instanceId,
    String projectPath,
    Long pid,
    Instant allocatedAt,
    String userAgent,
    String remoteIp) implements CborSerializable {

  public ClaimKey claimKey() {
    return new ClaimKey(serviceType, serviceName, projectPath, instanceId);
  }
}
