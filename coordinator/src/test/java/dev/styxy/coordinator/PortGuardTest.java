package dev.styxy.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Optional;
import org.apache.pekko.stream.BindFailedException;
import org.junit.jupiter.api.Test;

class PortGuardTest {

  @Test
  void takenPortFailsNamingThePortAndItsHolder() throws IOException {
    try (ServerSocket held = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = held.getLocalPort();

      StartupFailure failure = assertThrows(StartupFailure.class, () -> PortGuard.requireFree(
          "127.0.0.1", port, p -> Optional.of("held by pid 42 (test)")));

      assertEquals("port " + port + " on 127.0.0.1 is already in use (held by pid 42 (test)); "
          + "choose another with --port or STYXY_PORT", failure.getMessage());
    }
  }

  @Test
  void freePortPasses() {
    int port = PortGuard.pickFreePort("127.0.0.1");

    PortGuard.requireFree("127.0.0.1", port, p -> Optional.empty());

    assertTrue(port > 0);
  }

  @Test
  void inUseLineLeavesOutAnUnknownHolder() {
    assertEquals("port 9876 on 127.0.0.1 is already in use; choose another with --port or "
        + "STYXY_PORT", PortGuard.inUse("127.0.0.1", 9876, Optional.empty()));
  }

  @Test
  void publicAddressWithoutAuthIsRefused() {
    StartupFailure failure = assertThrows(StartupFailure.class,
        () -> PortGuard.requireAuthOffLoopback("0.0.0.0", false));

    assertTrue(failure.getMessage().startsWith("refusing to listen on 0.0.0.0 with auth"),
        failure.getMessage());
  }

  @Test
  void loopbackWithoutAuthAndPublicWithAuthAreAllowed() {
    PortGuard.requireAuthOffLoopback("127.0.0.1", false);
    PortGuard.requireAuthOffLoopback("::1", false);
    PortGuard.requireAuthOffLoopback("0.0.0.0", true);
  }

  @Test
  void bindFailuresAreRecognisedThroughTheirCauses() {
    assertTrue(PortGuard.isBindFailure(new RuntimeException(new BindException("in use"))));
    assertTrue(PortGuard.isBindFailure(new BindFailedException()));
    assertTrue(!PortGuard.isBindFailure(new IllegalStateException("other")));
  }
}
