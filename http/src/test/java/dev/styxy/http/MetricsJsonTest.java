package dev.styxy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.styxy.http.api.MetricsResponse;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsJsonTest {
  @Test
  void numbersAreIntegersWhenIntegralAndStringsWhenNotFinite() {
    assertEquals(3L, MetricsJson.number(3.0));
    assertEquals(0.25, MetricsJson.number(0.25));
    assertEquals("+Inf", MetricsJson.number(Double.POSITIVE_INFINITY));
    assertEquals("-Inf", MetricsJson.number(Double.NEGATIVE_INFINITY));
    assertEquals("NaN", MetricsJson.number(Double.NaN));
  }

  @Test
  void histogramBucketsAddUpLikeTheTextFormat() {
    PrometheusRegistry registry = new PrometheusRegistry();
    Histogram h = Histogram.builder().name("t_seconds").help("h").classicOnly()
        .classicUpperBounds(0.1, 1).register(registry);
    h.observe(0.05);
    h.observe(0.5);
    h.observe(0.5);
    h.observe(7);

    MetricsResponse.Sample s = MetricsJson.of(registry.scrape()).metrics().get(0).samples()
        .get(0);

    assertEquals(Map.of("0.1", 1L, "1", 3L, "+Inf", 4L), s.buckets());
    assertEquals(4L, s.count());
    assertEquals(8.05, (Double) s.sum(), 1e-9);
  }
}
