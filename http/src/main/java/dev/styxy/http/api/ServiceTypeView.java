package dev.styxy.http.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One service type in {@code GET /config}, in the original's transformed form.
 *
 * @param range the managed range as {@code [start, end]}, inclusive
 * @param instanceBehavior {@code "single"} or {@code "multi"}
 * @param source where the type comes from: {@code "core"} (shipped), {@code "user"}
 *     ({@code config.json}) or {@code "auto"} (auto-allocated; new, the original had no such key)
 */
public record ServiceTypeView(
    @JsonProperty("preferred_ports") List<Integer> preferredPorts,
    @JsonProperty("range") List<Integer> range,
    @JsonProperty("description") String description,
    @JsonProperty("examples") List<String> examples,
    @JsonProperty("instance_behavior") String instanceBehavior,
    @JsonProperty("source") String source) {

  public ServiceTypeView {
    preferredPorts = List.copyOf(preferredPorts);
    range = List.copyOf(range);
    examples = List.copyOf(examples);
  }
}
