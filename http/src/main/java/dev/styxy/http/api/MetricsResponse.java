package dev.styxy.http.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /metrics?format=json}: the same scrape as the Prometheus text, one entry per metric
 * family, in registration order.
 */
public record MetricsResponse(@JsonProperty("metrics") List<Family> metrics) {
  public MetricsResponse {
    metrics = List.copyOf(metrics);
  }

  /**
   * One metric family.
   *
   * @param name the name the text format shows (counters end in {@code _total})
   * @param type {@code counter}, {@code gauge}, {@code histogram}, {@code summary},
   *     {@code info}, {@code stateset} or {@code unknown}
   */
  public record Family(
      @JsonProperty("name") String name,
      @JsonProperty("type") String type,
      @JsonProperty("help") String help,
      @JsonProperty("samples") List<Sample> samples) {
    public Family {
      samples = List.copyOf(samples);
    }
  }

  /**
   * One labelled series. Numbers are JSON numbers (integers without a fraction), except the
   * non-finite ones, written {@code "+Inf"}, {@code "-Inf"} and {@code "NaN"}; fields that do
   * not apply to the family's type are left out.
   *
   * @param value a counter's, gauge's, info's or state's value
   * @param count a histogram's or summary's number of observations
   * @param sum their sum
   * @param buckets a histogram's cumulative counts by upper bound ({@code le}), ending with
   *     {@code "+Inf"}
   * @param quantiles a summary's quantiles
   */
  public record Sample(
      @JsonProperty("labels") Map<String, String> labels,
      @JsonProperty("value") @JsonInclude(JsonInclude.Include.NON_NULL) Object value,
      @JsonProperty("count") @JsonInclude(JsonInclude.Include.NON_NULL) Long count,
      @JsonProperty("sum") @JsonInclude(JsonInclude.Include.NON_NULL) Object sum,
      @JsonProperty("buckets") @JsonInclude(JsonInclude.Include.NON_NULL)
          Map<String, Long> buckets,
      @JsonProperty("quantiles") @JsonInclude(JsonInclude.Include.NON_NULL)
          Map<String, Object> quantiles) {}
}
