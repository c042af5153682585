package dev.styxy.coordinator;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the integration tests that run the real jar: a temporary folder per test and the daemon
 * process under test, which is always stopped afterwards, whatever the test did.
 */
abstract class LiveDaemonTest {
  @TempDir
  Path dir;

  /** The daemon under test; set it when starting one so it is stopped after the test. */
  DaemonProcess daemon;

  @AfterEach
  void stopDaemon() throws InterruptedException {
    if (daemon != null) {
      daemon.close();
    }
  }
}
