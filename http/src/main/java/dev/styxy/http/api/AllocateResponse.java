package dev.styxy.http.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A new allocation: {@code {"success":true,"port":3001,"lock_id":…,"message":…,"reasons":[…]}}.
 *
 * @param reasons the decision trail: candidates skipped and why, then the port chosen
 */
public record AllocateResponse(
    @JsonProperty("success") boolean success,
    @JsonProperty("port") int port,
    @JsonProperty("lock_id") String lockId,
    @JsonProperty("message") String message,
    @JsonProperty("reasons") List<String> reasons) {

  public AllocateResponse {
    reasons = reasons == null ? List.of() : List.copyOf(reasons);
  }
}
