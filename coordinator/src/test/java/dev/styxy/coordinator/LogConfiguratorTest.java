package dev.styxy.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.ConsoleAppender;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogConfiguratorTest {
  @TempDir
  Path dir;
  private final LoggerContext context = new LoggerContext();

  /** A context as SLF4J's provider makes it: with an MDC adapter (the async appenders copy MDC). */
  @BeforeEach
  void mdc() {
    context.setMDCAdapter(new LogbackMDCAdapter());
  }

  @AfterEach
  void stop() {
    context.stop();
  }

  @Test
  void daemonWritesJsonLinesToStyxyLogAndTheMessageAloneToAuditLog() throws IOException {
    LogConfigurator.daemon(context, logs(10_485_760, 5));

    context.getLogger("dev.styxy.actors.PortRegistry").atInfo().addKeyValue("port", 3042)
        .log("Allocated port [{}]", 3042);
    context.getLogger(LogConfigurator.AUDIT_LOGGER).info("{\"action\":\"PORT_ALLOCATED\"}");
    context.getLogger("com.zaxxer.hikari.pool.HikariPool").info("pool chatter");
    context.stop();

    List<String> log = Files.readAllLines(dir.resolve("logs/styxy.log"), StandardCharsets.UTF_8);
    assertEquals(1, log.size(), "the hikari INFO line is not logged: " + log);
    String line = log.get(0);
    assertTrue(line.startsWith("{\"timestamp\":"), line);
    for (String field : List.of("\"level\":\"INFO\"",
        "\"loggerName\":\"dev.styxy.actors.PortRegistry\"", "\"kvpList\"", "\"port\":\"3042\"",
        "\"formattedMessage\":\"Allocated port [3042]\"")) {
      assertTrue(line.contains(field), field + " in " + line);
    }
    assertEquals(List.of("{\"action\":\"PORT_ALLOCATED\"}"),
        Files.readAllLines(dir.resolve("audit.log"), StandardCharsets.UTF_8));
  }

  @Test
  void daemonLogsInfoAndAboveAndKeepsThePoolQuiet() {
    LogConfigurator.daemon(context, logs(10_485_760, 5));

    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    assertEquals(Level.INFO, root.getLevel());
    assertNotNull(root.getAppender("ASYNC_CONSOLE"));
    assertNotNull(root.getAppender("ASYNC_FILE"));
    assertEquals(Level.WARN, context.getLogger("com.zaxxer.hikari").getLevel());
    Logger audit = context.getLogger(LogConfigurator.AUDIT_LOGGER);
    assertFalse(audit.isAdditive());
    assertNotNull(audit.getAppender("ASYNC_AUDIT"));
  }

  @Test
  void auditLogIsRolledAtItsSizeIntoNumberedFiles() throws Exception {
    LogConfigurator.daemon(context, logs(64, 2));
    Logger audit = context.getLogger(LogConfigurator.AUDIT_LOGGER);
    String line = "x".repeat(100);

    for (int i = 1; i <= 4; i++) {
      audit.info("{}{}", i, line);
      // past the size check interval, and the async appender has written the line
      Thread.sleep(LogConfigurator.AUDIT_SIZE_CHECK.getMilliseconds() + 100);
    }
    context.stop();

    assertEquals(List.of("4" + line), Files.readAllLines(dir.resolve("audit.log")));
    assertEquals(List.of("3" + line), Files.readAllLines(dir.resolve("audit.log.1")));
    assertEquals(List.of("2" + line), Files.readAllLines(dir.resolve("audit.log.2")));
    assertFalse(Files.exists(dir.resolve("audit.log.3")));
  }

  @Test
  void cliLogsWarningsToStderrOnly() {
    LogConfigurator.cli(context);

    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    assertEquals(Level.WARN, root.getLevel());
    assertEquals("System.err",
        assertInstanceOf(ConsoleAppender.class, root.getAppender("STDERR")).getTarget());
    assertFalse(Files.exists(dir.resolve("logs")));
  }

  @Test
  void anOperatorsConfigurationFileTakesOver() {
    String before = System.getProperty(LogSetup.CONFIG_PROPERTY);
    System.setProperty(LogSetup.CONFIG_PROPERTY, dir.resolve("mine.xml").toString());
    try {
      LogConfigurator configurator = new LogConfigurator();
      configurator.setContext(context);
      assertEquals(ExecutionStatus.INVOKE_NEXT_IF_ANY, configurator.configure(context));
      assertFalse(context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders().hasNext());
    } finally {
      if (before == null) {
        System.clearProperty(LogSetup.CONFIG_PROPERTY);
      } else {
        System.setProperty(LogSetup.CONFIG_PROPERTY, before);
      }
    }
  }

  private LogConfigurator.DaemonLogs logs(long auditMaxBytes, int auditMaxFiles) {
    return new LogConfigurator.DaemonLogs(dir.resolve("logs"), dir.resolve("audit.log"),
        auditMaxBytes, auditMaxFiles);
  }
}
