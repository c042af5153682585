package dev.styxy.config;

/**
 * The {@code auto_allocation} section (core defaults shallow-merged with the user's keys),
 * validated. Decides how ranges for unknown service types are placed.
 */
public record AutoAllocationConfig(
    boolean enabled,
    int defaultChunkSize,
    String placement,
    int minPort,
    int maxPort,
    boolean preserveGaps,
    int gapSize) {}
