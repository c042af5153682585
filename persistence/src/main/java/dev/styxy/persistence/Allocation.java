package dev.styxy.persistence;

import java.time.Instant;

/**
 * One live port allocation. The fields after {@code remoteIp} were added with health watching;
 * events journaled before that read them as {@code null}.
 *
 * @param serviceName the requested name, or {@code "unnamed-service"} when none was given
 * @param named whether the client gave {@code service_name}; only named allocations are idempotent
 * @param instanceId the requesting agent's instance id, {@code "default"} when none was given
 * @param projectPath the client's project folder, {@code null} when none was given
 * @param pid the owner process id given by the client, {@code null} when none was given
 * @param userAgent the HTTP User-Agent of the request, may be {@code null}
 * @param remoteIp the client's address as seen by the daemon, may be {@code null}
 * @param ownerStartedAt the owner process's start time when the allocation was made, so a reused
 *     PID is not mistaken for the owner; {@code null} without a pid or when the OS does not say
 * @param healthUrl a loopback URL whose 2xx answer means healthy, {@code null} when none was given
 * @param leaseTtlSeconds the lease length the client asked for, {@code null} without a lease
 * @param leaseExpiresAt when the lease ends unless renewed, {@code null} without a lease
 * @param health the last journaled health status, {@code null} for allocations made before health
 *     watching existed (read as {@code STARTING})
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
    String remoteIp,
    Instant ownerStartedAt,
    String healthUrl,
    Integer leaseTtlSeconds,
    Instant leaseExpiresAt,
    HealthStatus health) implements CborSerializable {

  public ClaimKey claimKey() {
    return new ClaimKey(serviceType, serviceName, projectPath, instanceId);
  }

  /** The health status, {@code STARTING} since allocation when none was journaled. */
  public HealthStatus healthStatus() {
    return health != null ? health : HealthStatus.starting(allocatedAt);
  }

  public boolean hasLease() {
    return leaseExpiresAt != null;
  }

  /** Whether the lease has ended at {@code now}; false without a lease. */
  public boolean leaseExpired(Instant now) {
    return leaseExpiresAt != null && !now.isBefore(leaseExpiresAt);
  }

  /** Whether it belongs to a registered agent instance rather than the default one. */
  public boolean hasInstance() {
    return instanceId != null && !AllocationRequest.DEFAULT_INSTANCE_ID.equals(instanceId);
  }

  public Allocation withHealth(HealthStatus status) {
    return new Allocation(id, port, serviceType, serviceName, named, instanceId, projectPath, pid,
        allocatedAt, userAgent, remoteIp, ownerStartedAt, healthUrl, leaseTtlSeconds,
        leaseExpiresAt, status);
  }

  public Allocation withLeaseExpiresAt(Instant expiresAt) {
    return new Allocation(id, port, serviceType, serviceName, named, instanceId, projectPath, pid,
        allocatedAt, userAgent, remoteIp, ownerStartedAt, healthUrl, leaseTtlSeconds, expiresAt,
        health);
  }
}
