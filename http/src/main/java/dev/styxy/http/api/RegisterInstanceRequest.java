package dev.styxy.http.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Body of {@code POST /instance/register}. Only {@code instance_id} is required.
 *
 * @param instanceId letters, digits, {@code -} and {@code _}, at most 100 characters
 * @param workingDirectory the agent's working folder, at most 1000 characters, no NUL
 * @param metadata any JSON object; stored and listed as registered
 * @param pid the agent's process id
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RegisterInstanceRequest(
    @JsonProperty("instance_id") String instanceId,
    @JsonProperty("working_directory") String workingDirectory,
    @JsonProperty("metadata") ObjectNode metadata,
    @JsonProperty("pid") Long pid) {

  /** The JSON keys the daemon accepts; any other key is refused with 400. */
  public static final List<String> FIELDS =
      List.of("instance_id", "working_directory", "metadata", "pid");
}
