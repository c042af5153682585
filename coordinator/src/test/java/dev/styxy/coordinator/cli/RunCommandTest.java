package dev.styxy.coordinator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** How {@code styxy run} reads its command line and what CMD finds in its environment. */
class RunCommandTest {
  private static RunCommand parse(String... args) {
    RunCommand run = new RunCommand();
    new CommandLine(run).setStopAtPositional(true).parseArgs(args);
    return run;
  }

  @Test
  void everythingFromTheFirstWordOfCmdOnBelongsToCmd() {
    RunCommand run = parse("-s", "dev", "npm", "run", "dev", "-p", "1", "--", "--open");

    assertEquals(List.of("npm", "run", "dev", "-p", "1", "--", "--open"), run.command);
    assertEquals("dev", run.service.serviceType);
  }

  @Test
  void doubleDashEndsStyxysOptions() {
    RunCommand run = parse("-s", "api", "-n", "svc", "--env", "VITE_PORT", "--", "ls", "-la");

    assertEquals(List.of("ls", "-la"), run.command);
    assertEquals("svc", run.service.name);
  }

  @Test
  void pidOfChildIsOffUnlessGivenBeforeCmd() {
    assertFalse(parse("-s", "dev", "x").pidOfChild);
    assertTrue(parse("-s", "dev", "--pid-of-child", "--", "x").pidOfChild);

    RunCommand cmdFlag = parse("-s", "dev", "--", "x", "--pid-of-child");
    assertFalse(cmdFlag.pidOfChild);
    assertEquals(List.of("x", "--pid-of-child"), cmdFlag.command);
  }

  @Test
  void cmdGetsThePortUnderEveryNameAndTheLockId() {
    Map<String, String> env = parse("-s", "dev", "--env", "VITE_PORT", "x")
        .environment(3001, "lock-1");

    assertEquals(Map.of("PORT", "3001", "STYXY_PORT", "3001", "VITE_PORT", "3001",
        "STYXY_LOCK_ID", "lock-1"), env);
  }

  @Test
  void aMissingCommandIsAUsageError() {
    CommandLine commandLine = new CommandLine(new RunCommand());
    commandLine.setErr(new java.io.PrintWriter(new java.io.StringWriter()));

    assertEquals(2, commandLine.execute("-s", "dev"));
  }
}
