package dev.styxy.http.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Reply to {@code GET /allocations}: every live allocation, ordered by port. */
public record AllocationsResponse(
    @JsonProperty("allocations") List<AllocationRecord> allocations) {

  public AllocationsResponse {
    allocations = List.copyOf(allocations);
  }
}
