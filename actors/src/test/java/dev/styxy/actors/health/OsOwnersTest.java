package dev.styxy.actors.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** Owner checks against real processes: this JVM and a child it starts and ends. */
class OsOwnersTest {
  private final OsOwners owners = new OsOwners();

  @Test
  void thisJvmIsAliveWithItsRealStartTime() {
    long pid = ProcessHandle.current().pid();
    Instant started = OsOwners.startTime(pid).orElseThrow();

    assertTrue(owners.alive(pid, started));
    assertEquals(ProcessHandle.current().info().startInstant(), Optional.of(started));
  }

  @Test
  void thisJvmIsAliveWhenNoStartTimeWasRecorded() {
    assertTrue(owners.alive(ProcessHandle.current().pid(), null));
  }

  @Test
  void thisJvmWithAnotherStartTimeIsNotTheRecordedOwner() {
    long pid = ProcessHandle.current().pid();
    Instant started = OsOwners.startTime(pid).orElseThrow();

    assertFalse(owners.alive(pid, started.minusSeconds(3)));
    assertFalse(owners.alive(pid, started.plusSeconds(60)));
  }

  @Test
  void aStartTimeShiftedByAClockStepOfASecondIsStillTheOwner() {
    long pid = ProcessHandle.current().pid();
    Instant started = OsOwners.startTime(pid).orElseThrow();

    assertTrue(owners.alive(pid, started.minusSeconds(1)));
    assertTrue(owners.alive(pid, started.plusMillis(1500)));
  }

  @Test
  void processThatWasEndedIsNotAlive() throws IOException, InterruptedException {
    Process child = new ProcessBuilder("sleep", "600").start();
    long pid = child.pid();
    Instant started = OsOwners.startTime(pid).orElseThrow();
    assertTrue(owners.alive(pid, started));

    child.destroy();
    child.waitFor();

    assertFalse(owners.alive(pid, started));
    assertFalse(owners.alive(pid, null));
    assertEquals(Optional.empty(), OsOwners.startTime(pid));
  }

  /**
   * A zombie: {@code sleep 0} exits while its parent, {@code sh} replaced by {@code sleep 600},
   * never waits for it, so it stays in the process table, which ProcessHandle calls alive.
   */
  @Test
  void processThatExitedButWasNotReapedIsNotAlive() throws Exception {
    Process parent = new ProcessBuilder("sh", "-c", "sleep 0 & echo $!; exec sleep 600").start();
    try {
      long pid = Long.parseLong(
          new BufferedReader(new InputStreamReader(parent.getInputStream())).readLine().strip());
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!OsOwners.exitedUnreaped(pid)) {
        assertTrue(System.nanoTime() < deadline, "sleep 0 never became a zombie");
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
      }
      assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
          "the JDK still calls it alive");

      assertFalse(owners.alive(pid, null));
    } finally {
      parent.destroyForcibly();
      parent.waitFor();
    }
  }

  @Test
  void aRunningProcessIsNotTakenForAZombie() {
    assertFalse(OsOwners.exitedUnreaped(ProcessHandle.current().pid()));
  }
}
