package dev.styxy.http.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Body of {@code POST /allocate}. Only {@code service_type} is required; absent fields are left out
 * when the CLI writes the request.
 *
 * @param preferredPort tried first when free; the daemon also accepts a numeric string
 * @param pid the process that will own the port, so the allocation ends when it exits
 * @param dryRun decide a port but allocate nothing
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AllocateRequest(
    @JsonProperty("service_type") String serviceType,
    @JsonProperty("service_name") String serviceName,
    @JsonProperty("preferred_port") Integer preferredPort,
    @JsonProperty("instance_id") String instanceId,
    @JsonProperty("project_path") String projectPath,
    @JsonProperty("pid") Long pid,
    @JsonProperty("dry_run") Boolean dryRun) {

  /** The JSON keys the daemon accepts; any other key is refused with 400. */
  public static final List<String> FIELDS = List.of("service_type", "service_name",
      "preferred_port", "instance_id", "project_path", "pid", "dry_run");

  /** A request for {@code serviceType} with every optional field absent. */
  public static AllocateRequest of(String serviceType) {
    return new AllocateRequest(serviceType, null, null, null, null, null, null);
  }
}
