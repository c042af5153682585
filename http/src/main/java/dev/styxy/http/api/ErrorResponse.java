package dev.styxy.http.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Every error: {@code {"success":false,"error":"…","code":"UPPER_SNAKE","request_id":"…"}}.
 *
 * @param error a sentence a person can act on
 * @param code the machine-readable {@code ErrorCode} name
 * @param requestId the request's {@code X-Request-Id}, to find it in the daemon log
 * @param reasons the decision trail of a refused allocation; left out when null
 * @param retryAfter seconds to wait before retrying a rate-limited request; left out when null
 */
public record ErrorResponse(
    @JsonProperty("success") boolean success,
    @JsonProperty("error") String error,
    @JsonProperty("code") String code,
    @JsonProperty("request_id") String requestId,
    @JsonProperty("reasons") @JsonInclude(JsonInclude.Include.NON_NULL) List<String> reasons,
    @JsonProperty("retryAfter") @JsonInclude(JsonInclude.Include.NON_NULL) Long retryAfter) {

  public ErrorResponse {
    reasons = reasons == null ? null : List.copyOf(reasons);
  }
}
