package dev.styxy.actors.os;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs {@link ProcNet} against the real {@code /proc} with sockets this test opens itself. */
class ProcNetLiveTest {
  private static final long OUR_PID = ProcessHandle.current().pid();
  private final ProcNet procNet = new ProcNet();

  @BeforeAll
  static void linuxOnly() {
    assumeTrue(Files.isReadable(Path.of("/proc/net/tcp")), "needs Linux /proc");
  }

  @Test
  void findsOurOwnIpv4ListenerAndForgetsItOnceClosed() throws IOException {
    int port;
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.INET)) {
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      port = ((InetSocketAddress) server.getLocalAddress()).getPort();

      PortHolder holder = procNet.holderOf(port).orElseThrow();
      assertEquals(OUR_PID, holder.pid());
      assertEquals("tcp", holder.protocol());
      assertEquals("127.0.0.1:" + port, holder.localAddress());
      assertNotNull(holder.process());
      assertNotNull(holder.command());
      assertTrue(holder.describe().startsWith("held by pid " + OUR_PID + " ("), holder.describe());
      assertTrue(procNet.holdersIn(port, port).containsKey(port));
      assertTrue(procNet.listeners().stream().anyMatch(l -> l.port() == port));
    }
    // A listener that never accepted anything leaves no TIME_WAIT entry behind.
    assertTrue(procNet.holderOf(port).isEmpty());
  }

  @Test
  void findsADualStackServerSocketWhateverTableItLandsIn() throws IOException {
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      int port = server.getLocalPort();
      PortHolder holder = procNet.holderOf(port).orElseThrow();
      assertEquals(OUR_PID, holder.pid());
      // The JDK opens IPv6 sockets when it can, so 127.0.0.1 shows as [::ffff:127.0.0.1] there.
      assertTrue(holder.localAddress().endsWith("127.0.0.1]:" + port)
          || holder.localAddress().equals("127.0.0.1:" + port), holder.localAddress());
    }
  }

  @Test
  void findsOurOwnIpv6LoopbackListener() throws IOException {
    assumeTrue(Files.isReadable(Path.of("/proc/net/tcp6")), "no IPv6 on this host");
    ServerSocketChannel server;
    try {
      server = ServerSocketChannel.open(StandardProtocolFamily.INET6);
      server.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
    } catch (IOException | UnsupportedOperationException e) {
      assumeTrue(false, "cannot bind ::1: " + e);
      return;
    }
    try (server) {
      int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
      PortHolder holder = procNet.holderOf(port).orElseThrow();
      assertEquals(OUR_PID, holder.pid());
      assertEquals("tcp6", holder.protocol());
      assertEquals("[::1]:" + port, holder.localAddress());
    }
  }
}
