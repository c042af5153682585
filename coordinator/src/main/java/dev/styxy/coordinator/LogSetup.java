package dev.styxy.coordinator;

import ch.qos.logback.classic.LoggerContext;
import dev.styxy.config.AuditLogSettings;
import java.nio.file.Path;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Chooses the Logback configuration before the first logger exists. The CLI keeps the quiet one
 * (warnings to stderr, no files); for the daemon, the properties set here make
 * {@link LogConfigurator} log to the console plus a rolling file of JSON lines in
 * {@code $STYXY_HOME/logs}, and the audit trail to {@code $STYXY_HOME/audit.log}, rolled as
 * {@code styxy.audit} says.
 */
final class LogSetup {
  /** Logback's own switch: an operator's {@code -D} file replaces {@link LogConfigurator}. */
  static final String CONFIG_PROPERTY = "logback.configurationFile";
  /** The daemon's log folder; set only in the daemon, it selects the daemon's configuration. */
  static final String LOG_DIR_PROPERTY = "styxy.log.dir";
  /** The audit trail's file. */
  static final String AUDIT_FILE_PROPERTY = "styxy.audit.file";
  /** The size at which audit.log is rolled, in bytes. */
  static final String AUDIT_SIZE_PROPERTY = "styxy.audit.max-file-bytes";
  /** How many rolled audit files are kept. */
  static final String AUDIT_FILES_PROPERTY = "styxy.audit.max-files";

  private LogSetup() {}

  /**
   * Must run before any class with a static logger is loaded. Initialising the factory here, on
   * one thread, also keeps SLF4J from replaying calls that Pekko threads make during start-up.
   */
  static void daemon(Path logDir, Path auditLog, AuditLogSettings audit) {
    System.setProperty(LOG_DIR_PROPERTY, logDir.toString());
    System.setProperty(AUDIT_FILE_PROPERTY, auditLog.toString());
    System.setProperty(AUDIT_SIZE_PROPERTY, Long.toString(audit.maxFileBytes()));
    System.setProperty(AUDIT_FILES_PROPERTY, Integer.toString(audit.maxFiles()));
    LoggerFactory.getILoggerFactory();
  }

  /** Flushes the async appenders; call just before the process exits. */
  static void stop() {
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (factory instanceof LoggerContext context) {
      context.stop();
    }
  }
}
