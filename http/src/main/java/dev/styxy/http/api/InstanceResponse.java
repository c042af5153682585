package dev.styxy.http.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Reply to {@code POST /instance/register}:
 * {@code {"success":true,"instance_id":…,"message":"Instance X registered"}}.
 */
public record InstanceResponse(
    @JsonProperty("success") boolean success,
    @JsonProperty("instance_id") String instanceId,
    @JsonProperty("message") String message) {}
