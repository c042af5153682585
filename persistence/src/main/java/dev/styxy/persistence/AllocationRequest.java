package dev.styxy.persistence;

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
    String actor) implements CborSerializable {

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
