package dev.styxy.http.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Reply to {@code PUT /instance/{id}/heartbeat}:
 * {@code {"success":true,"instance_id":…,"last_heartbeat":"2026-…Z"}}.
 */
public record HeartbeatResponse(
    @JsonProperty("success") boolean success,
    @JsonProperty("instance_id") String instanceId,
    @JsonProperty("last_heartbeat") String lastHeartbeat) {}
