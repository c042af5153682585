package dev.styxy.actors.os;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real binds on loopback and wildcard addresses, on ephemeral ports only. */
class BindProbeTest {
  private static final long OUR_PID = ProcessHandle.current().pid();
  private final BindProbe probe = new BindProbe(true, new ProcNet());

  @Test
  void freePortIsFreeAndNotTaken() throws IOException {
    int port = freePort();
    assertTrue(probe.isFree(port));
    assertEquals(Optional.empty(), probe.takenBy(port));
    assertEquals(Optional.empty(), probe.holder(port));
  }

  @Test
  void loopbackListenerIsTakenAndNamesOurPid() throws IOException {
    try (ServerSocketChannel server = listen(StandardProtocolFamily.INET, "127.0.0.1")) {
      int port = portOf(server);
      assertFalse(probe.isFree(port));
      String taken = probe.takenBy(port).orElseThrow();
      assertTrue(taken.startsWith("held by pid " + OUR_PID + " ("), taken);
      assertEquals(OUR_PID, probe.holder(port).orElseThrow().pid());
    }
  }

  @Test
  void wildcardListenerIsTaken() throws IOException {
    try (ServerSocketChannel server = listen(StandardProtocolFamily.INET, "0.0.0.0")) {
      int port = portOf(server);
      assertFalse(probe.isFree(port));
      assertTrue(probe.takenBy(port).orElseThrow().contains("pid " + OUR_PID));
    }
  }

  @Test
  void ipv6LoopbackListenerIsTakenOnlyWhenIpv6IsChecked() throws IOException {
    assumeTrue(probe.checksIpv6(), "no IPv6 on this host");
    try (ServerSocketChannel server = listen(StandardProtocolFamily.INET6, "::1")) {
      int port = portOf(server);
      assertFalse(probe.isFree(port));
      assertTrue(probe.takenBy(port).orElseThrow().contains("pid " + OUR_PID));
      // The original's IPv4-only probe had exactly this blind spot (W9).
      BindProbe ipv4Only = new BindProbe(false, new ProcNet());
      assertFalse(ipv4Only.checksIpv6());
      assertTrue(ipv4Only.isFree(port));
    }
  }

  @Test
  void fallbackPhraseNamesTheFailedAddressWhenNoHolderIsVisible(@TempDir Path noProc)
      throws IOException {
    BindProbe blind = new BindProbe(true, new ProcNet(noProc));
    try (ServerSocketChannel server = listen(StandardProtocolFamily.INET, "127.0.0.1")) {
      assertEquals(Optional.of("in use (bind on 127.0.0.1 failed: Address already in use)"),
          blind.takenBy(portOf(server)));
    }
    assumeTrue(blind.checksIpv6(), "no IPv6 on this host");
    try (ServerSocketChannel server = listen(StandardProtocolFamily.INET6, "::1")) {
      assertEquals(Optional.of("in use (bind on ::1 failed: Address already in use)"),
          blind.takenBy(portOf(server)));
    }
  }

  @Test
  void timeWaitLeftoverDoesNotCountAsTaken() throws IOException, InterruptedException {
    int port;
    try (ServerSocketChannel server = listen(StandardProtocolFamily.INET, "127.0.0.1")) {
      port = portOf(server);
      try (SocketChannel client = SocketChannel.open(server.getLocalAddress())) {
        // The side that closes first ends in TIME_WAIT, here the server's port.
        server.accept().close();
        client.read(ByteBuffer.allocate(1));
      }
    }
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (!inTimeWait(port) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assumeTrue(inTimeWait(port), "kernel did not leave a TIME_WAIT entry");
    assertTrue(probe.isFree(port));
  }

  @Test
  void portHeldByAChildProcessNamesItsCommandAndPid() throws Exception {
    int port = freePort();
    Process child;
    try {
      child = new ProcessBuilder("python3", "-m", "http.server", Integer.toString(port),
          "--bind", "127.0.0.1")
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
    } catch (IOException e) {
      assumeTrue(false, "python3 not available: " + e);
      return;
    }
    try {
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (probe.isFree(port) && child.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertFalse(probe.isFree(port), "python3 never listened on " + port);
      String taken = probe.takenBy(port).orElseThrow();
      long pid = probe.holder(port).orElseThrow().pid();
      // Version-manager shims (pyenv) exec into the interpreter, but allow a child too.
      assertTrue(pid == child.pid() || child.descendants().anyMatch(h -> h.pid() == pid),
          "holder pid " + pid + " is not the child " + child.pid());
      assertTrue(taken.contains("python3"), taken);
      assertTrue(taken.startsWith("held by pid " + pid + " ("), taken);
    } finally {
      List<ProcessHandle> descendants = child.descendants().toList();
      child.destroy();
      descendants.forEach(ProcessHandle::destroy);
      if (!child.waitFor(10, TimeUnit.SECONDS)) {
        child.destroyForcibly().waitFor();
      }
    }
  }

  @Test
  void privilegedPortNeedsRootWhenRunUnprivileged() throws IOException {
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.INET)) {
      channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 1));
      assumeTrue(false, "this user may bind ports below 1024");
    } catch (IOException e) {
      assumeTrue(String.valueOf(e.getMessage()).contains("Permission denied"), e.toString());
    }
    assumeTrue(probe.holder(1).isEmpty(), "something visible listens on port 1");
    assertEquals(Optional.of("needs root privileges to bind (port below 1024)"),
        probe.takenBy(1));
  }

  @Test
  void failurePhrases() {
    assertEquals("needs root privileges to bind (port below 1024)",
        BindProbe.failurePhrase(80, "127.0.0.1", "Permission denied"));
    assertEquals("in use (bind on 0.0.0.0 failed: Address already in use)",
        BindProbe.failurePhrase(3000, "0.0.0.0", "Address already in use"));
    assertEquals("in use (bind on 0.0.0.0 failed: Permission denied)",
        BindProbe.failurePhrase(3000, "0.0.0.0", "Permission denied"));
  }

  @Test
  void portsOutsideTheTcpRangeAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> probe.isFree(0));
    assertThrows(IllegalArgumentException.class, () -> probe.takenBy(65_536));
    assertThrows(IllegalArgumentException.class, () -> probe.holder(-1));
  }

  /** An ephemeral port the kernel just handed out and we released; never 9876 in practice. */
  private static int freePort() throws IOException {
    try (ServerSocketChannel server = listen(StandardProtocolFamily.INET, "0.0.0.0")) {
      return portOf(server);
    }
  }

  private static ServerSocketChannel listen(StandardProtocolFamily family, String address)
      throws IOException {
    ServerSocketChannel server = ServerSocketChannel.open(family);
    try {
      // Dev servers set SO_REUSEADDR; the TIME_WAIT test depends on mirroring them.
      server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      server.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
      return server;
    } catch (IOException | RuntimeException e) {
      server.close();
      throw e;
    }
  }

  private static int portOf(ServerSocketChannel server) throws IOException {
    return ((InetSocketAddress) server.getLocalAddress()).getPort();
  }

  /** Whether /proc/net/tcp shows a TIME_WAIT (state 06) socket on local {@code port}. */
  private static boolean inTimeWait(int port) throws IOException {
    Path tcp = Path.of("/proc/net/tcp");
    if (!Files.isReadable(tcp)) {
      return false;
    }
    String local = String.format(":%04X", port);
    return Files.readAllLines(tcp).stream()
        .map(line -> line.trim().split("\\s+"))
        .anyMatch(f -> f.length > 3 && f[1].endsWith(local) && f[3].equals("06"));
  }
}
