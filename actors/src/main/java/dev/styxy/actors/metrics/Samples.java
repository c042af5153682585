package dev.styxy.actors.metrics;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.DistributionDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.OptionalDouble;

/** Reading single samples out of a scrape, by the names the text format shows. */
public final class Samples {
  private Samples() {}

  /**
   * The name a metric family has in the text format: counters end in {@code _total}, info
   * metrics in {@code _info} (the client keeps both without the suffix).
   */
  public static String exposedName(MetricSnapshot snapshot) {
    String name = snapshot.getMetadata().getPrometheusName();
    if (snapshot instanceof CounterSnapshot) {
      return name + "_total";
    }
    return snapshot instanceof InfoSnapshot ? name + "_info" : name;
  }

  /**
   * The value of the sample of {@code name} with exactly {@code labels} (name, value, name,
   * value…): a counter's or gauge's value, a histogram's or summary's count; empty when the scrape
   * has no such sample.
   */
  public static OptionalDouble value(MetricSnapshots scrape, String name, String... labels) {
    Labels wanted = Labels.of(labels);
    for (MetricSnapshot family : scrape) {
      if (!exposedName(family).equals(name)) {
        continue;
      }
      for (DataPointSnapshot point : family.getDataPoints()) {
        if (point.getLabels().equals(wanted)) {
          return OptionalDouble.of(valueOf(point));
        }
      }
    }
    return OptionalDouble.empty();
  }

  private static double valueOf(DataPointSnapshot point) {
    if (point instanceof CounterSnapshot.CounterDataPointSnapshot c) {
      return c.getValue();
    }
    if (point instanceof GaugeSnapshot.GaugeDataPointSnapshot g) {
      return g.getValue();
    }
    if (point instanceof DistributionDataPointSnapshot d) {
      return d.getCount();
    }
    throw new IllegalArgumentException("no single value in a " + point.getClass().getSimpleName());
  }
}
