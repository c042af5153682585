package dev.styxy.actors;

import dev.styxy.actors.health.HealthProbe;
import dev.styxy.actors.metrics.StyxyMetrics;
import dev.styxy.config.EphemeralPortRange;
import dev.styxy.config.HealthSettings;
import dev.styxy.config.PortRange;
import dev.styxy.config.RegistrySettings;
import dev.styxy.config.ServiceCatalog;
import dev.styxy.persistence.PortAvailability;
import dev.styxy.persistence.Reconciliation;
import dev.styxy.persistence.StaleAllocations;
import java.time.Clock;
import java.util.Optional;
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
 * @param recovery how the registry reconciles after replay and whom it reports to
 * @param metrics where the registry, its watchers and its supervisor count what happens
 */
public record RegistryDependencies(LiveCatalog catalogs, RegistrySettings settings,
    PortAvailability os, int daemonPort, Clock clock, PortConflicts conflicts, Health health,
    PortRange ephemeralRange, ActorRef<ConfigMirror.Command> configMirror, Recovery recovery,
    StyxyMetrics metrics) {

  /** With Linux's default ephemeral range ({@link EphemeralPortRange#FALLBACK}). */
  public RegistryDependencies(ServiceCatalog catalog, RegistrySettings settings,
      PortAvailability os, int daemonPort, Clock clock, PortConflicts conflicts, Health health) {
    this(new LiveCatalog(catalog), settings, os, daemonPort, clock, conflicts, health,
        EphemeralPortRange.FALLBACK, null, Recovery.defaults(), new StyxyMetrics());
  }

  /** Without a health layer, counting conflicts in a fresh {@link PortConflicts}. */
  public RegistryDependencies(ServiceCatalog catalog, RegistrySettings settings,
      PortAvailability os, int daemonPort, Clock clock) {
    this(catalog, settings, os, daemonPort, clock, new PortConflicts(), null);
  }

  /**
   * The health layer: watcher settings, the probe they use, and the owner check of sweeps and
   * cleanups.
   */
  public record Health(HealthSettings settings, HealthProbe probe,
      StaleAllocations.Owners owners) {}

  /**
   * Recovery wiring.
   *
   * @param reportTo where {@link RegistryReport}s go; {@code null} reports to nobody (tests)
   * @param holders who holds allocated ports now, for the reconciliation pass
   * @param reconcile run the reconciliation pass after replay
   * @param watchers where the registry publishes its number of health watchers
   * @param startupImport an original {@code daemon.state} to import after the first replay
   */
  public record Recovery(ActorRef<RegistryReport> reportTo, Reconciliation.Holders holders,
      boolean reconcile, LiveWatchers watchers, StartupImport startupImport) {
    /** Nobody listening to reports, no foreign holders seen, reconciliation on, no import. */
    public static Recovery defaults() {
      return new Recovery(null, (port, owner) -> Optional.empty(), true, new LiveWatchers(),
          StartupImport.none());
    }

    public Recovery withReportTo(ActorRef<RegistryReport> ref) {
      return new Recovery(ref, holders, reconcile, watchers, startupImport);
    }
  }

  /** The service catalog in use now. */
  public ServiceCatalog catalog() {
    return catalogs.get();
  }

  /** These dependencies deciding with {@code shared}, a catalog the daemon can reload. */
  public RegistryDependencies withCatalogs(LiveCatalog shared) {
    return new RegistryDependencies(shared, settings, os, daemonPort, clock, conflicts, health,
        ephemeralRange, configMirror, recovery, metrics);
  }

  public RegistryDependencies withHealth(Health newHealth) {
    return new RegistryDependencies(catalogs, settings, os, daemonPort, clock, conflicts,
        newHealth, ephemeralRange, configMirror, recovery, metrics);
  }

  public RegistryDependencies withEphemeralRange(PortRange range) {
    return new RegistryDependencies(catalogs, settings, os, daemonPort, clock, conflicts, health,
        range, configMirror, recovery, metrics);
  }

  public RegistryDependencies withConfigMirror(ActorRef<ConfigMirror.Command> mirror) {
    return new RegistryDependencies(catalogs, settings, os, daemonPort, clock, conflicts, health,
        ephemeralRange, mirror, recovery, metrics);
  }

  public RegistryDependencies withRecovery(Recovery newRecovery) {
    return new RegistryDependencies(catalogs, settings, os, daemonPort, clock, conflicts, health,
        ephemeralRange, configMirror, newRecovery, metrics);
  }

  /** With {@code newMetrics} counting what the registry, its watchers and supervisor do. */
  public RegistryDependencies withMetrics(StyxyMetrics newMetrics) {
    return new RegistryDependencies(catalogs, settings, os, daemonPort, clock, conflicts, health,
        ephemeralRange, configMirror, recovery, newMetrics);
  }

  /** With {@code newOs} deciding port availability (tests inject failures through it). */
  public RegistryDependencies withOs(PortAvailability newOs) {
    return new RegistryDependencies(catalogs, settings, newOs, daemonPort, clock, conflicts,
        health, ephemeralRange, configMirror, recovery, metrics);
  }

  /** The owner check: the health layer's, or "every owner is alive" without one. */
  StaleAllocations.Owners owners() {
    return health != null ? health.owners() : (pid, startedAt) -> true;
  }
}
