package dev.styxy.persistence;

/**
 * What makes a named claim idempotent: a request naming the same service type, service name,
 * project and instance as a live allocation gets that allocation back instead of a new port.
 */
public record ClaimKey(
    String serviceType, String serviceName, String projectPath, String instanceId) {}
