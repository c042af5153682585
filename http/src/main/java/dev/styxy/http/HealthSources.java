package dev.styxy.http;

import dev.styxy.config.DiskSettings;
import java.nio.file.Path;

/**
 * What {@code GET /health} reads besides the supervisor's status.
 *
 * @param home the home folder, whose file system's free space is the {@code disk} component
 * @param journalFile the journal's file, whose size is reported; null for an in-memory or PostgreSQL journal
 * @param disk the free space thresholds ({@code styxy.disk})
 * @param monitorEnabled whether health watching is on ({@code styxy.health.enabled})
 */
public record HealthSources(Path home, Path journalFile, DiskSettings disk,
    boolean monitorEnabled) {}
