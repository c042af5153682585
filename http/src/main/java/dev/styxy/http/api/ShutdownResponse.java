package dev.styxy.http.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Reply to {@code POST /shutdown}: the daemon has begun a graceful stop.
 *
 * @param pid the daemon's process id, so the caller can wait for the process to end
 */
public record ShutdownResponse(
    @JsonProperty("success") boolean success,
    @JsonProperty("message") String message,
    @JsonProperty("pid") long pid) {}
