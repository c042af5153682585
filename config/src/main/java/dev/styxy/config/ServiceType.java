package dev.styxy.config;

import java.util.List;

/**
 * One configured service type: its preferred ports, its managed range and whether it is a
 * singleton.
 *
 * @param source where the definition came from (core defaults, the user's config.json, or
 *     auto-allocation)
 */
public record ServiceType(
    String name,
    String description,
    List<Integer> preferredPorts,
    PortRange range,
    InstanceBehavior instanceBehavior,
    List<String> examples,
    Source source) {

  /** Where a service type definition came from. */
  public enum Source {
    CORE,
    USER,
    AUTO
  }

  public ServiceType {
    preferredPorts = List.copyOf(preferredPorts);
    examples = List.copyOf(examples);
  }

  public boolean isSingleton() {
    return instanceBehavior == InstanceBehavior.SINGLE;
  }
}
