package dev.styxy.http.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One used port in a {@code /scan} reply: allocated, listened on by a process, or both. */
public record PortInUse(
    @JsonProperty("port") int port,
    @JsonProperty("allocated_to") AllocationRecord allocatedTo,
    @JsonProperty("system_usage") SystemUsage systemUsage) {}
