package dev.styxy.actors;

import dev.styxy.actors.health.HealthProbe;
import dev.styxy.config.EphemeralPortRange;
import dev.styxy.config.HealthSettings;
import dev.styxy.config.PortRange;
import dev.styxy.config.RegistrySettings;
import dev.styxy.config.ServiceCatalog;
import dev.styxy.persistence.PortAvailability;
import dev.styxy.persistence.StaleAllocations;
import java.time.Clock;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Everything the {@link PortRegistry} needs from outside, passed once at creation.
 *
 * @param catalogs the service catalog in use, replaced by {@code styxy config reload}
 * @param conflicts where ports found held by outside processes are counted
 * @param health the health layer; {@code null} runs no watchers and no sweeps (unit tests of the
 *     allocation logic)
 * @param ephemeralRange the kernel's ephemeral port range, which auto-allocated ranges avoid
 * @param configMirror where auto-allocated types go to be written into {@code config.json};
 *     {@code null} writes nothing (tests of the allocation logic)
 */
public record RegistryDependencies(LiveCatalog catalogs, RegistrySettings settings,
    PortAvailability os, int daemonPort, Clock clock, PortConflicts conflicts, Health health,
    PortRange ephemeralRange, ActorRef<ConfigMirror.Command> configMirror) {

  /** With Linux's default ephemeral range ({@link EphemeralPortRange#FALLBACK}). */
  public RegistryDependencies(ServiceCatalog catalog, RegistrySettings settings,
      PortAvailability os, int daemonPort, Clock clock, PortConflicts conflicts, Health health) {
    this(new LiveCatalog(catalog), settings, os, daemonPort, clock, conflicts, health,
        EphemeralPortRange.FALLBACK, null);
  }

  /** The service catalog in use now. */
  public ServiceCatalog catalog() {
    return catalogs.get();
  }

  /**
   * The health layer: watcher settings, the probe they use, and the owner check of sweeps and
   * cleanups.
   */
  public record Health(HealthSettings settings, HealthProbe probe,
      StaleAllocations.Owners owners) {}

  /** Without a health layer, counting conflicts in a fresh {@link PortConflicts}. */
  public RegistryDependencies(ServiceCatalog catalog, RegistrySettings settings,
      PortAvailability os, int daemonPort, Clock clock) {
    this(catalog, settings, os, daemonPort, clock, new PortConflicts(), null);
  }

  /** These dependencies deciding with {@code shared}, a catalog the daemon can reload. */
  public RegistryDependencies withCatalogs(LiveCatalog shared) {
    return new RegistryDependencies(shared, settings, os, daemonPort, clock, conflicts, health,
        ephemeralRange, configMirror);
  }

  public RegistryDependencies withHealth(Health newHealth) {
    return new RegistryDependencies(catalogs, settings, os, daemonPort, clock, conflicts,
        newHealth, ephemeralRange, configMirror);
  }

  public RegistryDependencies withEphemeralRange(PortRange range) {
    return new RegistryDependencies(catalogs, settings, os, daemonPort, clock, conflicts, health,
        range, configMirror);
  }

  public RegistryDependencies withConfigMirror(ActorRef<ConfigMirror.Command> mirror) {
    return new RegistryDependencies(catalogs, settings, os, daemonPort, clock, conflicts, health,
        ephemeralRange, mirror);
  }
}
