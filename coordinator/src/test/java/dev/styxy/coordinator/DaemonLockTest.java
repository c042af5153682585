package dev.styxy.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonLockTest {
  @TempDir
  Path home;

  @Test
  void secondLockOnTheSameHomeFailsNamingThePidFromThePidFile() throws Exception {
    Path lockFile = home.resolve("daemon.lock");
    Path pidFile = home.resolve("daemon.pid");
    Files.writeString(pidFile, "4242\n");
    DaemonLock first = DaemonLock.acquire(home, lockFile, pidFile);
    try {
      StartupFailure failure = assertThrows(StartupFailure.class,
          () -> DaemonLock.acquire(home, lockFile, pidFile));

      assertEquals("Another Styxy daemon (pid 4242) is already running with home " + home
          + "; stop it first", failure.getMessage());
    } finally {
      first.close();
    }
  }

  @Test
  void lockHolderWritesItsPidIntoTheLockFile() throws Exception {
    Path lockFile = home.resolve("daemon.lock");
    DaemonLock lock = DaemonLock.acquire(home, lockFile, home.resolve("daemon.pid"));
    try {
      assertEquals(Optional.of(ProcessHandle.current().pid()), DaemonLock.readPid(lockFile));
    } finally {
      lock.close();
    }
  }

  @Test
  void lockCanBeTakenAgainAfterItIsReleased() {
    Path lockFile = home.resolve("daemon.lock");
    Path pidFile = home.resolve("daemon.pid");
    DaemonLock.acquire(home, lockFile, pidFile).close();

    DaemonLock.acquire(home, lockFile, pidFile).close();
  }

  @Test
  void alreadyRunningLineLeavesOutAnUnknownPid() {
    assertEquals("Another Styxy daemon is already running with home /h; stop it first",
        DaemonLock.alreadyRunning(Path.of("/h"), Optional.empty()));
  }

  @Test
  void holderPidFallsBackToTheLockFileWhenThePidFileIsMissing() throws Exception {
    Path lockFile = home.resolve("daemon.lock");
    Files.writeString(lockFile, "77\n");

    assertEquals(Optional.of(77L), DaemonLock.holderPid(home.resolve("daemon.pid"), lockFile));
  }
}
