package dev.styxy.actors;

import dev.styxy.config.ServiceCatalog;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The service catalog the registry decides with. Replaced only by the registry itself, on its own
 * thread, when it handles {@link PortRegistry.ReloadCatalog}, so every decision of a batch sees one
 * catalog; held outside the registry so that a reload survives a restart of the registry.
 */
public final class LiveCatalog {
  private final AtomicReference<ServiceCatalog> current;

  public LiveCatalog(ServiceCatalog initial) {
    current = new AtomicReference<>(initial);
  }

  public ServiceCatalog get() {
    return current.get();
  }

  void set(ServiceCatalog catalog) {
    current.set(catalog);
  }
}
