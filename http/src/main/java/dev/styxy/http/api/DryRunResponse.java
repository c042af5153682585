package dev.styxy.http.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a dry run would allocate; nothing was reserved. */
public record DryRunResponse(
    @JsonProperty("success") boolean success,
    @JsonProperty("port") int port,
    @JsonProperty("dry_run") boolean dryRun,
    @JsonProperty("message") String message,
    @JsonProperty("service_type") String serviceType,
    @JsonProperty("service_name") String serviceName) {}
