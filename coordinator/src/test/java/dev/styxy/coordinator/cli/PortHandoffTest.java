package dev.styxy.coordinator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code --pid-of-child} stub with a real {@code sh} and a real FIFO: what CMD receives, that
 * it keeps the stub's PID, and that every way the hand-off can end leaves nothing behind and
 * nothing waiting.
 */
@Timeout(30)
class PortHandoffTest {
  /** Prints its PID, the variables, then each argument in brackets. */
  private static final List<String> PRINTER = List.of("sh", "-c",
      "echo \"$$ $PORT $STYXY_PORT $VITE_PORT $STYXY_LOCK_ID\"; for a; do echo \"[$a]\"; done",
      "printer");

  @TempDir
  Path dir;

  private final PortHandoff handoff = PortHandoff.create();
  private Process stub;

  @AfterEach
  void cleanUp() throws InterruptedException {
    handoff.close();
    if (stub != null) {
      stub.destroyForcibly();
      stub.waitFor();
    }
  }

  private Process startStub(List<String> cmd) throws Exception {
    stub = new ProcessBuilder(handoff.stubCommand(List.of("VITE_PORT"), cmd))
        .directory(dir.toFile())
        .redirectOutput(dir.resolve("out").toFile())
        .redirectError(dir.resolve("err").toFile())
        .start();
    handoff.readerStarted(stub.onExit());
    return stub;
  }

  private List<String> output() throws Exception {
    return Files.readAllLines(dir.resolve("out"));
  }

  @Test
  void stubCommandPassesNamesAndCmdAsArgumentsNeverAsShellText() {
    List<String> line = handoff.stubCommand(List.of("A", "B"), List.of("npm", "run", "$(x)"));

    assertEquals(List.of("sh", "-c", PortHandoff.SCRIPT, PortHandoff.STUB_NAME,
        handoff.fifo().toString(), "A", "B", "--", "npm", "run", "$(x)"), line);
  }

  @Test
  void theFifoIsOwnerOnlyInAFolderOfItsOwn() throws Exception {
    PosixFileAttributes fifo = Files.readAttributes(handoff.fifo(), PosixFileAttributes.class);
    PosixFileAttributes folder =
        Files.readAttributes(handoff.fifo().getParent(), PosixFileAttributes.class);

    assertTrue(fifo.isOther(), "a FIFO, not a regular file");
    assertEquals("rw-------", PosixFilePermissions.toString(fifo.permissions()));
    assertEquals("rwx------", PosixFilePermissions.toString(folder.permissions()));
  }

  @Test
  void cmdKeepsTheStubsPidAndGetsThePortAndItsArgumentsUnchanged() throws Exception {
    List<String> cmd = new ArrayList<>(PRINTER);
    cmd.addAll(List.of("'$(touch x)'; \"a b\"", "", "--", "*", "$PORT"));
    Process started = startStub(cmd);

    handoff.send(3001, "lock-1");

    assertEquals(0, started.waitFor());
    assertEquals(List.of(started.pid() + " 3001 3001 3001 lock-1",
        "['$(touch x)'; \"a b\"]", "[]", "[--]", "[*]", "[$PORT]"), output());
    assertFalse(Files.exists(dir.resolve("x")), "no argument was run as shell text");
    assertFalse(Files.exists(handoff.fifo().getParent()), "folder removed once handed over");
  }

  @Test
  void cancelEndsTheStubWithoutRunningCmd() throws Exception {
    Process started = startStub(List.of("touch", "ran"));

    handoff.cancel();

    assertEquals(125, started.waitFor());
    assertFalse(Files.exists(dir.resolve("ran")));
  }

  @Test
  void closingBeforeTheHandOffEndsTheStubToo() throws Exception {
    Process started = startStub(List.of("touch", "ran"));

    handoff.close();

    assertEquals(125, started.waitFor());
    assertFalse(Files.exists(dir.resolve("ran")));
    assertFalse(Files.exists(handoff.fifo().getParent()));
  }

  @Test
  void sendingToAStubThatWasKilledReturnsInsteadOfWaitingForever() throws Exception {
    Process started = startStub(PRINTER);
    started.destroyForcibly();
    assertTrue(started.waitFor(10, TimeUnit.SECONDS));

    handoff.send(3001, "lock-1");

    assertEquals(List.of(), output());
    assertFalse(Files.exists(handoff.fifo().getParent()));
  }

  @Test
  void aMissingCmdExitsWith127LikeAShell() throws Exception {
    Process started = startStub(List.of("styxy-no-such-command"));

    handoff.send(3001, "lock-1");

    assertEquals(127, started.waitFor());
    assertTrue(Files.readString(dir.resolve("err")).contains("styxy-no-such-command"));
  }
}
