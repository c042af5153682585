package dev.styxy.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The merged service-type configuration: the 17 core types shipped in {@code core-ports.json},
 * replaced or extended per type by the user's {@code config.json}. Immutable; loaded once at
 * start-up by {@link ServiceCatalogLoader}.
 *
 * @param healthMonitoring the user file's {@code recovery.health_monitoring} keys (the core file's
 *     block, which ships health monitoring off, is not used)
 * @param autoAllocationRules the merged {@code auto_allocation_rules}, in file order
 */
public record ServiceCatalog(Map<String, ServiceType> types, AutoAllocationConfig autoAllocation,
    HealthMonitoring healthMonitoring, List<AutoAllocationRule> autoAllocationRules) {

  public ServiceCatalog {
    types = Collections.unmodifiableMap(new LinkedHashMap<>(types));
    healthMonitoring = healthMonitoring == null ? HealthMonitoring.NONE : healthMonitoring;
    autoAllocationRules = autoAllocationRules == null ? List.of()
        : List.copyOf(autoAllocationRules);
  }

  /** A catalog without {@code auto_allocation_rules}. */
  public ServiceCatalog(Map<String, ServiceType> types, AutoAllocationConfig autoAllocation,
      HealthMonitoring healthMonitoring) {
    this(types, autoAllocation, healthMonitoring, List.of());
  }

  /** A catalog whose {@code config.json} sets no {@code recovery.health_monitoring} keys. */
  public ServiceCatalog(Map<String, ServiceType> types, AutoAllocationConfig autoAllocation) {
    this(types, autoAllocation, HealthMonitoring.NONE);
  }

  /** The first rule, in file order, whose pattern matches {@code typeName}. */
  public Optional<AutoAllocationRule> ruleFor(String typeName) {
    return autoAllocationRules.stream().filter(r -> r.matches(typeName)).findFirst();
  }

  public Optional<ServiceType> find(String name) {
    return Optional.ofNullable(types.get(name));
  }

  /**
   * Pairs of types whose ranges overlap, e.g. {@code dev 3000-3099 overlaps monitoring 3050-3149}.
   * The core types never overlap; user and auto-allocated types may, which is allowed but worth a
   * start-up warning.
   */
  public List<String> rangeOverlaps() {
    List<ServiceType> all = new ArrayList<>(types.values());
    List<String> overlaps = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      for (int j = i + 1; j < all.size(); j++) {
        ServiceType a = all.get(i);
        ServiceType b = all.get(j);
        if (a.range().overlaps(b.range())) {
          overlaps.add(a.name() + " " + a.range() + " overlaps " + b.name() + " " + b.range());
        }
      }
    }
    return overlaps;
  }

  /** Whether {@code port} lies inside any configured range. */
  public boolean isManaged(int port) {
    return types.values().stream().anyMatch(t -> t.range().contains(port));
  }
}
