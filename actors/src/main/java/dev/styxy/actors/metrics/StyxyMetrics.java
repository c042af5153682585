package dev.styxy.actors.metrics;

import dev.styxy.actors.health.HealthTracker;
import dev.styxy.persistence.Allocation;
import dev.styxy.persistence.PortAllocated;
import dev.styxy.persistence.PortReleased;
import dev.styxy.persistence.RegistryEvent;
import dev.styxy.persistence.RegistryState;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The daemon's metrics, kept in its own {@link PrometheusRegistry} (never the client's global
 * one, so tests are isolated). Lives outside the event-sourced registry and its supervisor: a
 * registry restart or a journal replay resets nothing, and no counter is ever reset while the
 * daemon runs. Every method is thread-safe and cheap (no I/O); the active-allocations gauge is
 * computed from the newest registry state at scrape time.
 *
 * <p>Where each metric is fed from is listed in {@code docs/architecture.md} ("Metrics").
 */
public final class StyxyMetrics {
  /** Component label of registry restarts (crashes and journal failures). */
  public static final String REGISTRY = "registry";
  /** Component label of health watcher restarts (a probe that broke). */
  public static final String HEALTH_WATCHER = "health_watcher";
  /** Outcome label of a probe that failed to run (not an unhealthy answer). */
  static final String PROBE_ERROR = "error";

  /**
   * Seconds; allocation and journal latencies range from about 1 ms to seconds. No bound below
   * 1 ms: the text format would write it in exponent notation ({@code le="5.0E-4"}).
   */
  private static final double[] LATENCY_BUCKETS =
      {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
  private static final double NANOS_PER_SECOND = 1e9;
  private static final List<String> RELEASE_REASONS = List.of(PortReleased.RELEASED,
      PortReleased.OWNER_EXITED, PortReleased.PORT_ABANDONED, PortReleased.HEALTH_CHECK_FAILED,
      PortReleased.LEASE_EXPIRED, PortReleased.INSTANCE_GONE, PortReleased.FORCED_CLEANUP,
      PortReleased.ORPHANED, PortReleased.DUPLICATE_SINGLETON);

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final Counter allocations;
  private final Counter releases;
  private final Counter portConflicts;
  private final Histogram allocationDuration;
  private final Counter probes;
  private final Counter restarts;
  private final Histogram journalWrites;
  private final Counter httpRequests;
  private final Counter doubleAllocations;
  private final Gauge foreignHeld;
  /** Set by {@link #withJvmMetrics()}; the JVM metrics are registered at the first scrape. */
  private boolean jvmMetricsWanted;
  private boolean jvmMetricsRegistered;
  /** Types that had live allocations since start, reported as 0 once they have none. */
  private final Set<String> typesSeen = ConcurrentHashMap.newKeySet();
  /** The registry's state after its last write or replay; null before the first replay. */
  private volatile RegistryState state;

  public StyxyMetrics() {
    allocations = counter("styxy_allocations_total",
        "Allocations journaled since the daemon started", "service_type");
    releases = counter("styxy_releases_total",
        "Releases journaled since the daemon started, by why the allocation ended", "reason");
    RELEASE_REASONS.forEach(releases::initLabelValues);
    portConflicts = counter("styxy_port_conflicts_detected_total",
        "Candidate ports found held by an outside process while allocating", "service_type");
    allocationDuration = histogram("styxy_allocation_duration_seconds",
        "POST /allocate from the request to the registry's reply, by outcome", "outcome");
    probes = counter("styxy_health_probes_total",
        "Health probe results: pass, fail, inconclusive (starting), error (probe broke)",
        "outcome");
    for (HealthTracker.Outcome outcome : HealthTracker.Outcome.values()) {
      probes.initLabelValues(outcome.label());
    }
    probes.initLabelValues(PROBE_ERROR);
    restarts = counter("styxy_supervisor_restarts_total",
        "Restarts by supervision, by restarted component", "component");
    restarts.initLabelValues(REGISTRY);
    restarts.initLabelValues(HEALTH_WATCHER);
    journalWrites = histogram("styxy_journal_write_duration_seconds",
        "From handing events to the journal until the write is confirmed, per write");
    httpRequests = counter("styxy_http_requests_total",
        "HTTP requests answered, by route template, method and status", "route", "method",
        "status");
    doubleAllocations = counter("styxy_double_allocation_detected_total",
        "Two live allocations found on one port by the reconciliation check (must stay 0)");
    foreignHeld = Gauge.builder().name("styxy_foreign_held_allocations")
        .help("Live allocations whose port another process holds, as of the last "
            + "reconciliation").register(registry);
    GaugeWithCallback.builder().name("styxy_allocations_active")
        .help("Live allocations now, by service type").labelNames("service_type")
        .callback(cb -> activeByType().forEach((type, n) -> cb.call(n, type)))
        .register(registry);
  }

  /**
   * Adds the client's JVM and process metrics (memory, GC, threads, CPU, open files) from the first
   * {@link #scrape()} on. They read the JVM's own counters since its start, so a late registration
   * loses nothing, and a daemon nobody scrapes never loads JMX (about 300 classes, several MB).
   */
  public synchronized StyxyMetrics withJvmMetrics() {
    jvmMetricsWanted = true;
    return this;
  }

  /** Everything registered, read now. */
  public MetricSnapshots scrape() {
    registerJvmMetricsOnce();
    return registry.scrape();
  }

  private synchronized void registerJvmMetricsOnce() {
    if (jvmMetricsWanted && !jvmMetricsRegistered) {
      JvmMetrics.builder().register(registry);
      jvmMetricsRegistered = true;
    }
  }

  /**
   * After a journal write: counts its allocations and releases and takes {@code after} as the
   * current state. {@code writeNanos} is the write's duration; not observed when nothing was
   * written ({@code events} empty).
   */
  public void written(List<RegistryEvent> events, RegistryState after, long writeNanos) {
    for (RegistryEvent e : events) {
      if (e instanceof PortAllocated a) {
        allocations.labelValues(a.allocation().serviceType()).inc();
        typesSeen.add(a.allocation().serviceType());
      } else if (e instanceof PortReleased r) {
        releases.labelValues(r.reason()).inc();
      }
    }
    if (!events.isEmpty()) {
      journalWrites.observe(writeNanos / NANOS_PER_SECOND);
    }
    state = after;
  }

  /** After a replay: {@code recovered} is the current state; counts nothing. */
  public void recovered(RegistryState recovered) {
    state = recovered;
  }

  /** {@code count} candidates of {@code serviceType} were found held by outside processes. */
  public void portConflicts(String serviceType, int count) {
    if (count > 0) {
      portConflicts.labelValues(serviceType).inc(count);
    }
  }

  /** An allocate request got its reply ({@code outcome}) {@code nanos} after it arrived. */
  public void allocationReplied(String outcome, long nanos) {
    allocationDuration.labelValues(outcome).observe(nanos / NANOS_PER_SECOND);
  }

  /** One health probe ended with {@code outcome}. */
  public void probed(HealthTracker.Outcome outcome) {
    probes.labelValues(outcome.label()).inc();
  }

  /** One health probe failed to run: the probe broke, and its watcher restarts. */
  public void probeBroke() {
    probes.labelValues(PROBE_ERROR).inc();
  }

  /** Supervision restarted {@code component}. */
  public void restarted(String component) {
    restarts.labelValues(component).inc();
  }

  /** An HTTP request to {@code route} (a template) was answered with {@code status}. */
  public void httpRequest(String route, String method, int status) {
    httpRequests.labelValues(route, method, Integer.toString(status)).inc();
  }

  /** The reconciliation check found two live allocations on one port. */
  public void doubleAllocationDetected() {
    doubleAllocations.inc();
  }

  /** The reconciliation found {@code count} live allocations held by another process. */
  public void foreignHeld(int count) {
    foreignHeld.set(count);
  }

  /** Live allocations by type, in name order, with 0 for types that had some since start. */
  private Map<String, Integer> activeByType() {
    RegistryState now = state;
    Map<String, Integer> counts = new TreeMap<>();
    if (now == null) {
      return counts;
    }
    typesSeen.forEach(type -> counts.put(type, 0));
    for (Allocation a : now.allocations()) {
      counts.merge(a.serviceType(), 1, Integer::sum);
    }
    typesSeen.addAll(counts.keySet());
    return counts;
  }

  private Counter counter(String name, String help, String... labels) {
    return Counter.builder().name(name).help(help).labelNames(labels).register(registry);
  }

  private Histogram histogram(String name, String help, String... labels) {
    return Histogram.builder().name(name).help(help).labelNames(labels).classicOnly()
        .classicUpperBounds(LATENCY_BUCKETS).register(registry);
  }
}
