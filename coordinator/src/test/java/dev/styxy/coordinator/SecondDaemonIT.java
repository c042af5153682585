package dev.styxy.coordinator;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Only one daemon per home: the second one gives up at once, naming the first. */
class SecondDaemonIT {
  @TempDir
  Path dir;

  private DaemonProcess first;
  private DaemonProcess second;

  @AfterEach
  void stop() throws InterruptedException {
    if (second != null) {
      second.close();
    }
    if (first != null) {
      first.close();
    }
  }

  @Test
  void secondDaemonOnTheSameHomeExitsWithinFiveSecondsNamingTheFirst() throws Exception {
    Path home = Files.createDirectory(dir.resolve("home"));
    int port = DaemonProcess.freePort();
    first = DaemonProcess.startReady(home, port, dir, "first");

    second = DaemonProcess.start(home, port, dir, "second");
    int status = second.awaitExit(Duration.ofSeconds(5));

    assertNotEquals(0, status);
    assertTrue(second.stderr().contains("Another Styxy daemon (pid " + first.process().pid()
        + ") is already running with home " + home + "; stop it first"), second.output());
    assertTrue(first.process().isAlive(), "the first daemon must keep running");
  }
}
