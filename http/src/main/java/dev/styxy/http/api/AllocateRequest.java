package dev.styxy.http.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Body of {@code POST /allocate}. Only {@code service_type} is required; absent fields are left out
 * when the CLI writes the request.
 *
 * @param preferredPort tried first when free; the daemon also accepts a numeric string
 * @param pid the process that will own the port, so the allocation ends when it exits; it must
 *     exist when the request is made
 * @param dryRun decide a port but allocate nothing
 * @param leaseTtlSeconds lease length in seconds: the allocation ends unless renewed within it
 *     ({@code PUT /allocate/{lockId}/heartbeat}); absent for no lease
 * @param healthUrl an {@code http}/{@code https} URL on this machine whose 2xx answer means the
 *     service is healthy
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AllocateRequest(
    @JsonProperty("service_type") String serviceType,
    @JsonProperty("service_name") String serviceName,
    @JsonProperty("preferred_port") Integer preferredPort,
    @JsonProperty("instance_id") String instanceId,
    @JsonProperty("project_path") String projectPath,
    @JsonProperty("pid") Long pid,
    @JsonProperty("dry_run") Boolean dryRun,
    @JsonProperty("lease_ttl_s") Integer leaseTtlSeconds,
    @JsonProperty("health_url") String healthUrl) {

  /** The JSON keys the daemon accepts; any other key is refused with 400. */
  public static final List<String> FIELDS = List.of("service_type", "service_name",
      "preferred_port", "instance_id", "project_path", "pid", "dry_run", "lease_ttl_s",
      "health_url");

  /** A request for {@code serviceType} with every optional field absent. */
  public static AllocateRequest of(String serviceType) {
    return new AllocateRequest(serviceType, null, null, null, null, null, null, null, null);
  }
}
