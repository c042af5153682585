package dev.styxy.http.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Reply to {@code GET /check/{port}}.
 *
 * @param available true only when no allocation holds the port and the OS lets it be bound
 * @param allocatedTo the allocation holding the port, or null
 * @param systemUsage the OS holder when the port cannot be bound, else null
 */
public record CheckResponse(
    @JsonProperty("port") int port,
    @JsonProperty("available") boolean available,
    @JsonProperty("allocated_to") AllocationRecord allocatedTo,
    @JsonProperty("system_usage") SystemUsage systemUsage) {}
