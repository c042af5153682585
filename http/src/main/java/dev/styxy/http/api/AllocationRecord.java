package dev.styxy.http.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One live allocation as {@code /allocations}, {@code /check} ({@code allocated_to}) and
 * {@code /scan} report it. Exactly one {@code port} key (clients count them); the snake_case keys
 * first, then the camelCase copies the original's records carried, for old clients.
 *
 * @param lockId the lock id ({@code lock_id}); the original's records only had {@code lockId}
 * @param pid the owner process given at allocation, or null
 * @param allocatedAt ISO-8601 UTC
 * @param health the health watcher's last verdict; never null in the daemon's replies
 * @param leaseExpiresAt ISO-8601 UTC end of the lease; null for allocations without a lease
 * @param leaseTtlSeconds the lease length in seconds; null for allocations without a lease
 * @param healthUrl the URL probed for 2xx; null when none was given
 * @param processId the original's {@code process_id}: the same owner pid
 * @param remoteIp the client address that asked, as the original's {@code remoteIP}
 */
public record AllocationRecord(
    @JsonProperty("port") int port,
    @JsonProperty("lock_id") String lockId,
    @JsonProperty("lockId") String lockIdCompat,
    @JsonProperty("service_type") String serviceType,
    @JsonProperty("service_name") String serviceName,
    @JsonProperty("instance_id") String instanceId,
    @JsonProperty("project_path") String projectPath,
    @JsonProperty("pid") Long pid,
    @JsonProperty("allocated_at") String allocatedAt,
    @JsonProperty("health") HealthView health,
    @JsonProperty("lease_expires_at") String leaseExpiresAt,
    @JsonProperty("lease_ttl_s") Integer leaseTtlSeconds,
    @JsonProperty("health_url") String healthUrl,
    @JsonProperty("serviceType") String serviceTypeCompat,
    @JsonProperty("serviceName") String serviceNameCompat,
    @JsonProperty("instanceId") String instanceIdCompat,
    @JsonProperty("projectPath") String projectPathCompat,
    @JsonProperty("process_id") Long processId,
    @JsonProperty("userAgent") String userAgent,
    @JsonProperty("remoteIP") String remoteIp) {}
