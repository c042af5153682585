package dev.styxy.http;

import dev.styxy.actors.metrics.Samples;
import dev.styxy.http.api.MetricsResponse;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBucket;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Label;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.StateSetSnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON form of a scrape ({@link MetricsResponse}), from the client library's snapshots. */
final class MetricsJson {
  /** Integers up to this are exact in a double, so they are written without a fraction. */
  private static final double EXACT_INTEGERS = 9_007_199_254_740_992d;

  private MetricsJson() {}

  static MetricsResponse of(MetricSnapshots scrape) {
    List<MetricsResponse.Family> families = new ArrayList<>();
    for (MetricSnapshot m : scrape) {
      List<MetricsResponse.Sample> samples = new ArrayList<>();
      for (DataPointSnapshot point : m.getDataPoints()) {
        samples.addAll(samples(point));
      }
      families.add(new MetricsResponse.Family(Samples.exposedName(m), type(m),
          m.getMetadata().getHelp(), samples));
    }
    return new MetricsResponse(families);
  }

  private static String type(MetricSnapshot m) {
    if (m instanceof CounterSnapshot) {
      return "counter";
    } else if (m instanceof GaugeSnapshot) {
      return "gauge";
    } else if (m instanceof HistogramSnapshot) {
      return "histogram";
    } else if (m instanceof SummarySnapshot) {
      return "summary";
    } else if (m instanceof InfoSnapshot) {
      return "info";
    }
    return m instanceof StateSetSnapshot ? "stateset" : "unknown";
  }

  private static List<MetricsResponse.Sample> samples(DataPointSnapshot point) {
    Map<String, String> labels = labels(point.getLabels());
    if (point instanceof CounterSnapshot.CounterDataPointSnapshot c) {
      return List.of(value(labels, c.getValue()));
    } else if (point instanceof GaugeSnapshot.GaugeDataPointSnapshot g) {
      return List.of(value(labels, g.getValue()));
    } else if (point instanceof UnknownSnapshot.UnknownDataPointSnapshot u) {
      return List.of(value(labels, u.getValue()));
    } else if (point instanceof InfoSnapshot.InfoDataPointSnapshot) {
      return List.of(value(labels, 1));
    } else if (point instanceof HistogramSnapshot.HistogramDataPointSnapshot h) {
      return List.of(new MetricsResponse.Sample(labels, null, h.getCount(), number(h.getSum()),
          cumulative(h), null));
    } else if (point instanceof SummarySnapshot.SummaryDataPointSnapshot s) {
      Map<String, Object> quantiles = new LinkedHashMap<>();
      for (Quantile q : s.getQuantiles()) {
        quantiles.put(bound(q.getQuantile()), number(q.getValue()));
      }
      return List.of(new MetricsResponse.Sample(labels, null, s.getCount(), number(s.getSum()),
          null, quantiles));
    }
    StateSetSnapshot.StateSetDataPointSnapshot states =
        (StateSetSnapshot.StateSetDataPointSnapshot) point;
    List<MetricsResponse.Sample> each = new ArrayList<>();
    for (int i = 0; i < states.size(); i++) {
      Map<String, String> withState = new LinkedHashMap<>(labels);
      withState.put("state", states.getName(i));
      each.add(value(withState, states.isTrue(i) ? 1 : 0));
    }
    return each;
  }

  private static MetricsResponse.Sample value(Map<String, String> labels, double value) {
    return new MetricsResponse.Sample(labels, number(value), null, null, null, null);
  }

  /** The model's counts are per bucket; the JSON, like the text format, adds them up. */
  private static Map<String, Long> cumulative(HistogramSnapshot.HistogramDataPointSnapshot h) {
    Map<String, Long> buckets = new LinkedHashMap<>();
    long total = 0;
    for (ClassicHistogramBucket b : h.getClassicBuckets()) {
      total += b.getCount();
      buckets.put(bound(b.getUpperBound()), total);
    }
    return buckets;
  }

  private static Map<String, String> labels(Labels labels) {
    Map<String, String> map = new LinkedHashMap<>();
    for (Label l : labels) {
      map.put(l.getName(), l.getValue());
    }
    return map;
  }

  /** A JSON number: integral values without a fraction, non-finite ones as strings. */
  static Object number(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    } else if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    return v == Math.rint(v) && Math.abs(v) <= EXACT_INTEGERS ? (Object) (long) v : (Object) v;
  }

  /** A bucket bound or quantile in plain decimal: {@code 0.005}, {@code 1}, {@code +Inf}. */
  private static String bound(double v) {
    return Double.isInfinite(v) ? "+Inf"
        : BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }
}
