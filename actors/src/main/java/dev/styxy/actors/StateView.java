package dev.styxy.actors;

import dev.styxy.config.ServiceCatalog;
import dev.styxy.config.ServiceType;
import dev.styxy.persistence.CborSerializable;
import dev.styxy.persistence.RegistryState;
import dev.styxy.persistence.ServiceTypeAutoAllocated;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Answer to {@link PortRegistry.GetState}: the state at the time of the read, the
 * outside-process conflicts counted since start, and the service catalog in effect.
 *
 * @param catalog the configured types and auto-allocation settings; {@code null} only in tests
 *     that build a view by hand
 */
public record StateView(RegistryState state, Map<String, Long> portConflicts,
    ServiceCatalog catalog) implements CborSerializable {
  public StateView {
    portConflicts = portConflicts == null ? Map.of() : Map.copyOf(portConflicts);
  }

  public StateView(RegistryState state, Map<String, Long> portConflicts) {
    this(state, portConflicts, null);
  }

  public StateView(RegistryState state) {
    this(state, Map.of());
  }

  /**
   * Every service type the registry allocates from: the catalog's (core, user, and auto types
   * read back from {@code config.json}) in catalog order, then auto-allocated types only the
   * journal holds, by range. A configured type wins over an auto type of the same name, as in
   * allocation.
   */
  public Map<String, ServiceType> serviceTypes() {
    Map<String, ServiceType> all = new LinkedHashMap<>();
    if (catalog != null) {
      all.putAll(catalog.types());
    }
    for (ServiceTypeAutoAllocated t : state.autoTypes()) {
      all.putIfAbsent(t.serviceType(), t.serviceTypeDefinition());
    }
    return Collections.unmodifiableMap(all);
  }

  /** The type named {@code name}, configured or auto-allocated. */
  public Optional<ServiceType> serviceType(String name) {
    return Optional.ofNullable(serviceTypes().get(name));
  }
}
