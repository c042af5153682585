package dev.styxy.http.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An allocation's health as its watcher last reported it:
 * {@code {"state":"HEALTHY","since":"2026-…Z","detail":"port 3000 listening"}}.
 *
 * @param state {@code STARTING} until the port is first seen listening (or the health URL first
 *     answers 2xx), {@code HEALTHY} while probes pass, {@code UNHEALTHY} after a failed probe
 * @param since ISO-8601 UTC time the allocation entered {@code state}
 * @param detail what the probe saw, e.g. {@code "owner pid 4242 exited"}; never null
 */
public record HealthView(
    @JsonProperty("state") String state,
    @JsonProperty("since") String since,
    @JsonProperty("detail") String detail) {}
