package dev.styxy.actors.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.styxy.actors.health.HealthTracker;
import dev.styxy.persistence.Allocation;
import dev.styxy.persistence.AllocationId;
import dev.styxy.persistence.PortAllocated;
import dev.styxy.persistence.PortReleased;
import dev.styxy.persistence.RegistryEvent;
import dev.styxy.persistence.RegistryState;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The metric methods, without actors: each moves its own series and nothing else. */
class StyxyMetricsTest {
  private static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");
  private final StyxyMetrics metrics = new StyxyMetrics();

  private double value(String name, String... labels) {
    return Samples.value(metrics.scrape(), name, labels).orElse(-1);
  }

  private static PortAllocated allocated(String type, int port) {
    Allocation a = new Allocation(AllocationId.random(), port, type, "s", false, "i", null, null,
        T0, null, null, null, null, null, null, null);
    return new PortAllocated(a, List.of(), T0, "req", "range", "http");
  }

  @Test
  void knownLabelsStartAtZeroSoRatesWorkFromTheFirstScrape() {
    assertEquals(0, value("styxy_releases_total", "reason", PortReleased.LEASE_EXPIRED));
    assertEquals(0, value("styxy_supervisor_restarts_total", "component", "registry"));
    assertEquals(0, value("styxy_health_probes_total", "outcome", "error"));
    assertEquals(0, value("styxy_health_probes_total", "outcome", "inconclusive"));
    assertEquals(0, value("styxy_double_allocation_detected_total"));
    assertEquals(-1, value("styxy_allocations_active", "service_type", "dev"),
        "no active gauge before the first replay");
  }

  @Test
  void aWriteCountsItsEventsAndItsDurationAndSetsTheActiveGauge() {
    PortAllocated a = allocated("dev", 3000);
    RegistryState after = RegistryState.empty().apply(a).apply(allocated("dev", 3001));
    List<RegistryEvent> events = List.of(a, allocated("dev", 3001), new PortReleased(
        AllocationId.random(), 3002, "db", T0, null, PortReleased.OWNER_EXITED, "health"));

    metrics.written(events, after, TimeUnit.MILLISECONDS.toNanos(3));

    assertEquals(2, value("styxy_allocations_total", "service_type", "dev"));
    assertEquals(1, value("styxy_releases_total", "reason", PortReleased.OWNER_EXITED));
    assertEquals(2, value("styxy_allocations_active", "service_type", "dev"));
    assertEquals(1, value("styxy_journal_write_duration_seconds"));
    assertEquals(0.003,
        histogram("styxy_journal_write_duration_seconds").getDataPoints().get(0).getSum(), 1e-9);

    metrics.written(List.of(), after, 1);
    assertEquals(1, value("styxy_journal_write_duration_seconds"), "nothing written, no write");
  }

  @Test
  void eachEventMethodMovesItsSeries() {
    metrics.portConflicts("dev", 2);
    metrics.portConflicts("dev", 0);
    metrics.allocationReplied("allocated", TimeUnit.MILLISECONDS.toNanos(2));
    metrics.probed(HealthTracker.Outcome.PASS);
    metrics.probeBroke();
    metrics.restarted(StyxyMetrics.HEALTH_WATCHER);
    metrics.httpRequest("/allocate", "POST", 201);
    metrics.httpRequest("/allocate", "POST", 201);
    metrics.foreignHeld(3);

    assertEquals(2, value("styxy_port_conflicts_detected_total", "service_type", "dev"));
    assertEquals(1, value("styxy_allocation_duration_seconds", "outcome", "allocated"));
    assertEquals(1, value("styxy_health_probes_total", "outcome", "pass"));
    assertEquals(1, value("styxy_health_probes_total", "outcome", "error"));
    assertEquals(1, value("styxy_supervisor_restarts_total", "component", "health_watcher"));
    assertEquals(2, value("styxy_http_requests_total", "route", "/allocate", "method", "POST",
        "status", "201"));
    assertEquals(3, value("styxy_foreign_held_allocations"));
  }

  @Test
  void histogramsUseTheLatencyBucketsInSeconds() {
    metrics.allocationReplied("allocated", TimeUnit.MICROSECONDS.toNanos(1700));
    HistogramSnapshot h = histogram("styxy_allocation_duration_seconds");
    var buckets = h.getDataPoints().get(0).getClassicBuckets();
    assertEquals(0.001, buckets.getUpperBound(0));
    assertEquals(Double.POSITIVE_INFINITY, buckets.getUpperBound(buckets.size() - 1));
    assertEquals(0, buckets.getCount(0));
    assertEquals(1, buckets.getCount(1), "1.7 ms falls in the 2.5 ms bucket");
  }

  @Test
  void jvmMetricsAreAddedOnRequestOnly() {
    assertEquals(OptionalDouble.empty(), Samples.value(metrics.scrape(), "jvm_threads_current"));

    metrics.withJvmMetrics();

    assertTrue(value("jvm_threads_current") > 0);
    assertTrue(metrics.scrape().stream().anyMatch(m -> Samples.exposedName(m)
        .equals("process_cpu_seconds_total")));
  }

  private HistogramSnapshot histogram(String name) {
    for (MetricSnapshot m : metrics.scrape()) {
      if (m.getMetadata().getPrometheusName().equals(name)) {
        return (HistogramSnapshot) m;
      }
    }
    throw new AssertionError("no " + name);
  }
}
