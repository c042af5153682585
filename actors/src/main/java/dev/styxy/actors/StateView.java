package dev.styxy.actors;

import dev.styxy.persistence.CborSerializable;
import dev.styxy.persistence.RegistryState;
import java.util.Map;

/**
 * Answer to {@link PortRegistry.GetState}: the state at the time of the read, and the
 * outside-process conflicts counted since start.
 */
public record StateView(RegistryState state, Map<String, Long> portConflicts)
    implements CborSerializable {
  public StateView {
    portConflicts = portConflicts == null ? Map.of() : Map.copyOf(portConflicts);
  }

  public StateView(RegistryState state) {
    this(state, Map.of());
  }
}
