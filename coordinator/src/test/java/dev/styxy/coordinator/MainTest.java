package dev.styxy.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Parsing and exit statuses of the command line; nothing here contacts a daemon. */
class MainTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine commandLine = Main.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  @Test
  void versionPrintsTheVersionAndExitsZero() {
    assertEquals(0, run("--version"));
    assertEquals("styxy " + Version.current(), out.toString().strip());
  }

  @Test
  void noSubcommandPrintsHelpAndExitsZero() {
    assertEquals(0, run());
    assertTrue(out.toString().contains("allocate"), out.toString());
  }

  @Test
  void allocateWithoutAServiceTypeIsAUsageError() {
    assertEquals(2, run("allocate"));
    assertTrue(err.toString().contains("--service"), err.toString());
  }

  @Test
  void unknownCommandIsAUsageError() {
    assertEquals(2, run("frobnicate"));
  }

  @Test
  void nonNumericCheckPortIsAUsageError() {
    assertEquals(2, run("check", "abc"));
  }

  @Test
  void heartbeatWithoutALockIdAndANonNumericTtlAreUsageErrors() {
    assertEquals(2, run("heartbeat"));
    assertTrue(err.toString().contains("LOCK_ID"), err.toString());
    assertEquals(2, run("allocate", "-s", "dev", "--ttl", "soon"));
  }

  @Test
  void helpListsTheLeaseAndCleanupCommands() {
    assertEquals(0, run());
    assertTrue(out.toString().contains("heartbeat") && out.toString().contains("cleanup"),
        out.toString());
    assertEquals(0, run("cleanup", "--help"));
    assertTrue(out.toString().contains("--force"), out.toString());
  }

  @Test
  void daemonWithoutAnActionIsAUsageError() {
    assertEquals(2, run("daemon"));
    assertTrue(err.toString().contains("styxy daemon start"), err.toString());
  }

  @Test
  void subcommandsHaveHelpToo() {
    assertEquals(0, run("daemon", "run", "--help"));
    assertTrue(out.toString().contains("--port"), out.toString());
    assertEquals(0, run("allocate", "--help"));
  }

  @Test
  void unexpectedErrorsBecomeOneLine() {
    assertEquals("IllegalStateException: boom",
        Main.oneLine(new IllegalStateException("boom\n\tat somewhere")));
  }
}
