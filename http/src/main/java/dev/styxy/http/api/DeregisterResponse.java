package dev.styxy.http.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Reply to {@code DELETE /instance/{id}}.
 *
 * @param released how many of the instance's live allocations were released with it
 */
public record DeregisterResponse(
    @JsonProperty("success") boolean success,
    @JsonProperty("instance_id") String instanceId,
    @JsonProperty("released") int released,
    @JsonProperty("message") String message) {}
