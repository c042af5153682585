package dev.styxy.http.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Reply to {@code DELETE /allocate/{lockId}}: {@code {"success":true,"message":…,"port":N}}. */
public record ReleaseResponse(
    @JsonProperty("success") boolean success,
    @JsonProperty("message") String message,
    @JsonProperty("port") int port) {}
