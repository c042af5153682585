package dev.styxy.persistence;

import java.time.Instant;

/**
 * A validated request for a port, as the registry decides it. Field validation (names, ranges) has
 * already happened at the edge; the registry decides candidates and conflicts.
 *
 * @param serviceName {@code null} when the client gave none
 * @param instanceId {@code null} when the client gave none
 * @param projectPath {@code null} when the client gave none
 * @param preferredPort {@code null} when the client gave none
 * @param pid owner process id, {@code null} when the client gave none
 * @param dryRun decide but allocate nothing
 * @param requestId the request's {@code X-Request-Id}, carried into the event
 * @param actor who asked: {@code http} or {@code cli}
 * @param ownerStartedAt the start time of process {@code pid}, looked up at the edge; {@code null}
 *     without a pid or when the OS does not say
 * @param healthUrl loopback URL probed for 2xx, {@code null} when none was given
 * @param leaseTtlSeconds lease length, {@code null} for no lease
 */
public record AllocationRequest(
    String serviceType,
    String serviceName,
    String instanceId,
    String projectPath,
    Integer preferredPort,
    Long pid,
    boolean dryRun,
    String userAgent,
    String remoteIp,
    String requestId,
    String actor,
    Instant ownerStartedAt,
    String healthUrl,
    Integer leaseTtlSeconds) implements CborSerializable {

  public static final String DEFAULT_SERVICE_NAME = "unnamed-service";
  public static final String DEFAULT_INSTANCE_ID = "default";

  public String effectiveServiceName() {
    return serviceName == null ? DEFAULT_SERVICE_NAME : serviceName;
  }

  public String effectiveInstanceId() {
    return instanceId == null ? DEFAULT_INSTANCE_ID : instanceId;
  }

  public boolean named() {
    return serviceName != null;
  }

  public ClaimKey claimKey() {
    return new ClaimKey(serviceType, effectiveServiceName(), projectPath, effectiveInstanceId());
  }
}
