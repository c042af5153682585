package dev.styxy.http.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Reply to {@code POST /import}: {@code {"success":true,"allocations":2,"instances":1,
 * "skipped":["allocation #3 (port 3002): service type 'x' is not configured here"],
 * "message":"Imported 2 allocation(s) and 1 instance(s); skipped 1 record(s)"}}.
 *
 * @param allocations how many allocations were imported
 * @param instances how many instances were imported
 * @param skipped one line per record left out, with the reason
 */
public record ImportResponse(
    @JsonProperty("success") boolean success,
    @JsonProperty("allocations") int allocations,
    @JsonProperty("instances") int instances,
    @JsonProperty("skipped") List<String> skipped,
    @JsonProperty("message") String message) {

  public ImportResponse {
    skipped = List.copyOf(skipped);
  }
}
