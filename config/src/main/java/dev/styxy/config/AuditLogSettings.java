package dev.styxy.config;

import static dev.styxy.config.Require.require;

import com.typesafe.config.Config;

/**
 * Retention of {@code $STYXY_HOME/audit.log} ({@code styxy.audit}): the file is rolled when it
 * reaches {@code maxFileBytes}, to {@code audit.log.1} … {@code audit.log.<maxFiles>}, the oldest
 * being deleted. The journal keeps every event regardless ({@code GET /audit} reads it).
 *
 * @param maxFileBytes size at which the file is rolled, 1 KiB .. 1 GiB
 * @param maxFiles rolled files kept, 1..20 (Logback's fixed-window limit)
 */
public record AuditLogSettings(long maxFileBytes, int maxFiles) {
  public AuditLogSettings {
    require(maxFileBytes >= 1024 && maxFileBytes <= (1L << 30), "styxy.audit.max-file-size",
        "must be within 1KiB..1GiB", maxFileBytes);
    require(maxFiles >= 1 && maxFiles <= 20, "styxy.audit.max-files", "must be within 1..20",
        maxFiles);
  }

  /** From the {@code styxy.audit} block. */
  public static AuditLogSettings fromConfig(Config audit) {
    return new AuditLogSettings(audit.getBytes("max-file-size"), audit.getInt("max-files"));
  }
}
