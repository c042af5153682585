package dev.styxy.coordinator;

import ch.qos.logback.classic.LoggerContext;
import dev.styxy.config.AuditLogSettings;
import java.nio.file.Path;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Chooses the Logback configuration before the first logger exists. The CLI keeps the quiet
 * {@code logback.xml} (warnings to stderr, no files); the daemon switches to
 * {@code logback-daemon.xml}: console plus a rolling file of JSON lines in
 * {@code $STYXY_HOME/logs}, and the audit trail in {@code $STYXY_HOME/audit.log}, rolled as
 * {@code styxy.audit} says.
 */
final class LogSetup {
  /** Logback's own switch; an operator's {@code -D} value is respected. */
  static final String CONFIG_PROPERTY = "logback.configurationFile";
  /** Read by logback-daemon.xml as {@code ${styxy.log.dir}}. */
  static final String LOG_DIR_PROPERTY = "styxy.log.dir";
  /** Read by logback-daemon.xml as {@code ${styxy.audit.file}}. */
  static final String AUDIT_FILE_PROPERTY = "styxy.audit.file";
  /** Read by logback-daemon.xml: the size at which audit.log is rolled, in bytes. */
  static final String AUDIT_SIZE_PROPERTY = "styxy.audit.max-file-bytes";
  /** Read by logback-daemon.xml: how many rolled audit files are kept. */
  static final String AUDIT_FILES_PROPERTY = "styxy.audit.max-files";
  static final String DAEMON_CONFIG = "logback-daemon.xml";

  private LogSetup() {}

  /**
   * Must run before any class with a static logger is loaded. Initialising the factory here, on
   * one thread, also keeps SLF4J from replaying calls that Pekko threads make during start-up.
   */
  static void daemon(Path logDir, Path auditLog, AuditLogSettings audit) {
    if (System.getProperty(CONFIG_PROPERTY) == null) {
      System.setProperty(CONFIG_PROPERTY, DAEMON_CONFIG);
    }
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
