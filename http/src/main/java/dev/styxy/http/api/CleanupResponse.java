package dev.styxy.http.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Reply to {@code POST /cleanup}: {@code {"success":true,"cleaned":2,"message":"Cleaned up 2
 * stale allocations"}}, or the message {@code "Force cleanup completed"} after a forced one.
 *
 * @param cleaned how many allocations were released
 */
public record CleanupResponse(
    @JsonProperty("success") boolean success,
    @JsonProperty("cleaned") int cleaned,
    @JsonProperty("message") String message) {}
