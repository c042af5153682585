package dev.styxy.coordinator;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.util.Duration;
import ch.qos.logback.core.util.FileSize;
import java.nio.file.Path;

/**
 * Styxy's Logback configuration, built in code (found by Logback through
 * {@code META-INF/services}): no XML is parsed, which keeps Logback's configuration framework and
 * the JDK's XML parser (about 400 classes) out of both the CLI and the daemon.
 *
 * <ul>
 *   <li>The CLI ({@code styxy.log.dir} unset): WARN and above on stderr, no files.
 *   <li>The daemon ({@link LogSetup#daemon} sets {@code styxy.log.dir} and the audit properties
 *       first): INFO and above on the console as readable lines with the key-value fields and no
 *       stack traces, and as JSON lines with key-value fields, MDC and stack traces in
 *       {@code logs/styxy.log} (rolled daily and at 10 MB, 7 days and 200 MB kept); the audit
 *       trail, the message alone, in {@code audit.log}, rolled at the configured size (checked
 *       twice a second) to {@code audit.log.1..N}. Every appender sits behind an {@link AsyncAppender} that drops
 *       rather than blocks when its queue is full.
 * </ul>
 *
 * <p>An operator's {@code -Dlogback.configurationFile=FILE} still wins: this configurator then
 * steps aside and Logback reads that file as usual.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogConfigurator extends ContextAwareBase implements Configurator {
  /** The logger whose lines make up {@code audit.log}. */
  static final String AUDIT_LOGGER = "dev.styxy.audit";
  static final String CONSOLE_PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{24} - %msg %kvp%n%nopex";
  static final String CLI_PATTERN = "%-5level %logger{20} - %msg%n";
  private static final int QUEUE_SIZE = 8192;
  private static final FileSize LOG_FILE_SIZE = FileSize.valueOf("10MB");
  private static final FileSize LOG_TOTAL_SIZE = FileSize.valueOf("200MB");
  private static final int LOG_DAYS = 7;
  /**
   * How often the size of audit.log is checked; Logback's default, once a minute, would let a busy
   * minute's lines overshoot the configured size.
   */
  static final Duration AUDIT_SIZE_CHECK = Duration.buildByMilliseconds(500);

  /** Where and how the daemon logs; see {@link LogSetup} for the properties behind it. */
  record DaemonLogs(Path logDir, Path auditFile, long auditMaxBytes, int auditMaxFiles) {}

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty(LogSetup.CONFIG_PROPERTY) != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    String logDir = System.getProperty(LogSetup.LOG_DIR_PROPERTY);
    if (logDir == null) {
      cli(context);
    } else {
      daemon(context, new DaemonLogs(Path.of(logDir),
          Path.of(System.getProperty(LogSetup.AUDIT_FILE_PROPERTY, "audit.log")),
          Long.parseLong(System.getProperty(LogSetup.AUDIT_SIZE_PROPERTY, "10485760")),
          Integer.parseInt(System.getProperty(LogSetup.AUDIT_FILES_PROPERTY, "5"))));
    }
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** The CLI's logging: WARN and above on stderr. */
  static void cli(LoggerContext context) {
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setTarget("System.err");
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.WARN);
    root.addAppender(start(context, "STDERR", stderr, pattern(context, CLI_PATTERN)));
  }

  /** The daemon's logging: console, {@code styxy.log} and {@code audit.log}, all asynchronous. */
  static void daemon(LoggerContext context, DaemonLogs logs) {
    Appender<ILoggingEvent> console = start(context, "CONSOLE", new ConsoleAppender<>(),
        pattern(context, CONSOLE_PATTERN));

    RollingFileAppender<ILoggingEvent> file = new RollingFileAppender<>();
    file.setFile(logs.logDir().resolve("styxy.log").toString());
    SizeAndTimeBasedRollingPolicy<ILoggingEvent> daily = new SizeAndTimeBasedRollingPolicy<>();
    daily.setContext(context);
    daily.setParent(file);
    daily.setFileNamePattern(logs.logDir().resolve("styxy.%d{yyyy-MM-dd}.%i.log").toString());
    daily.setMaxFileSize(LOG_FILE_SIZE);
    daily.setMaxHistory(LOG_DAYS);
    daily.setTotalSizeCap(LOG_TOTAL_SIZE);
    daily.start();
    file.setRollingPolicy(daily);
    start(context, "FILE", file, json(context));

    RollingFileAppender<ILoggingEvent> audit = new RollingFileAppender<>();
    String auditFile = logs.auditFile().toString();
    audit.setFile(auditFile);
    FixedWindowRollingPolicy window = new FixedWindowRollingPolicy();
    window.setContext(context);
    window.setParent(audit);
    window.setFileNamePattern(auditFile + ".%i");
    window.setMinIndex(1);
    window.setMaxIndex(logs.auditMaxFiles());
    window.start();
    SizeBasedTriggeringPolicy<ILoggingEvent> size = new SizeBasedTriggeringPolicy<>();
    size.setContext(context);
    size.setMaxFileSize(new FileSize(logs.auditMaxBytes()));
    size.setCheckIncrement(AUDIT_SIZE_CHECK);
    size.start();
    audit.setRollingPolicy(window);
    audit.setTriggeringPolicy(size);
    start(context, "AUDIT", audit, pattern(context, "%msg%n"));

    Logger auditLogger = context.getLogger(AUDIT_LOGGER);
    auditLogger.setLevel(Level.INFO);
    auditLogger.setAdditive(false);
    auditLogger.addAppender(async(context, "ASYNC_AUDIT", audit, QUEUE_SIZE, 0));
    // Connection-pool chatter is noise at INFO.
    context.getLogger("com.zaxxer.hikari").setLevel(Level.WARN);
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    root.addAppender(async(context, "ASYNC_CONSOLE", console, AsyncAppender.DEFAULT_QUEUE_SIZE,
        -1));
    // discarding threshold 0: INFO lines are kept until the queue is full, only then dropped.
    root.addAppender(async(context, "ASYNC_FILE", file, QUEUE_SIZE, 0));
  }

  private static Encoder<ILoggingEvent> pattern(LoggerContext context, String pattern) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(pattern);
    encoder.start();
    return encoder;
  }

  /**
   * One JSON object per line: timestamp (epoch ms), level, threadName, loggerName, mdc, kvpList,
   * formattedMessage and throwable.
   */
  private static Encoder<ILoggingEvent> json(LoggerContext context) {
    JsonEncoder encoder = new JsonEncoder();
    encoder.setContext(context);
    encoder.setWithSequenceNumber(false);
    encoder.setWithNanoseconds(false);
    encoder.setWithContext(false);
    encoder.setWithMarkers(false);
    encoder.setWithMessage(false);
    encoder.setWithArguments(false);
    encoder.setWithFormattedMessage(true);
    encoder.start();
    return encoder;
  }

  private static <A extends OutputStreamAppender<ILoggingEvent>> A start(
      LoggerContext context, String name, A appender, Encoder<ILoggingEvent> encoder) {
    appender.setContext(context);
    appender.setName(name);
    appender.setEncoder(encoder);
    appender.start();
    return appender;
  }

  /**
   * An {@link AsyncAppender} in front of {@code target} that never blocks the caller.
   *
   * @param discardingThreshold Logback's threshold (-1 keeps its default: drop TRACE to INFO when
   *     the queue is 80 % full)
   */
  private static Appender<ILoggingEvent> async(LoggerContext context, String name,
      Appender<ILoggingEvent> target, int queueSize, int discardingThreshold) {
    AsyncAppender async = new AsyncAppender();
    async.setContext(context);
    async.setName(name);
    async.setNeverBlock(true);
    async.setQueueSize(queueSize);
    if (discardingThreshold >= 0) {
      async.setDiscardingThreshold(discardingThreshold);
    }
    async.setIncludeCallerData(false);
    async.addAppender(target);
    async.start();
    return async;
  }
}
