package dev.styxy.actors.health;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.styxy.actors.SettableClock;
import dev.styxy.actors.os.ProcNet;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared listening-port snapshot over a fake {@code /proc} and a hand-moved clock. */
class ListeningPortsTest {
  private static final String TCP_HEADER = "  sl  local_address rem_address   st tx_queue "
      + "rx_queue tr tm->when retrnsmt   uid  timeout inode\n";
  private static final String TCP6_HEADER = "  sl  local_address                         "
      + "remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  "
      + "timeout inode\n";
  private static final String ANY6 = "00000000000000000000000000000000";
  private static final Duration MAX_AGE = Duration.ofSeconds(1);
  private static final Instant START = Instant.parse("2026-01-01T12:00:00Z");

  @TempDir Path proc;
  private SettableClock clock;

  @BeforeEach
  void fakeProc() throws IOException {
    clock = new SettableClock(START);
    // 3000 listens on IPv4, 5173 on IPv6; 3001 is a connection and 3002 in TIME_WAIT.
    write("net/tcp", TCP_HEADER
        + line(0, "00000000:0BB8", "00000000:0000", "0A", 123)
        + line(1, "0100007F:0BB9", "0100007F:D431", "01", 789));
    write("net/tcp6", TCP6_HEADER
        + line(0, ANY6 + ":1435", ANY6 + ":0000", "0A", 321)
        + line(1, "00000000000000000000000001000000:0BBA",
            "00000000000000000000000001000000:D433", "06", 0));
  }

  private ListeningPorts ports() {
    return new ListeningPorts(new ProcNet(proc), MAX_AGE, clock);
  }

  @Test
  void listenerInTheIpv4TableIsSeen() {
    assertTrue(ports().isListening(3000));
  }

  @Test
  void listenerInTheIpv6TableIsSeen() {
    assertTrue(ports().isListening(5173));
  }

  @Test
  void connectedTimeWaitAndAbsentPortsAreNotListening() {
    ListeningPorts ports = ports();

    assertFalse(ports.isListening(3001));
    assertFalse(ports.isListening(3002));
    assertFalse(ports.isListening(8080));
  }

  @Test
  void snapshotIsReusedWhileYoungerThanMaxAge() throws IOException {
    ListeningPorts ports = ports();
    assertTrue(ports.isListening(3000));

    rewriteTcp("0FA0");
    clock.advance(MAX_AGE.minusMillis(1));

    assertTrue(ports.isListening(3000));
    assertFalse(ports.isListening(4000));
  }

  @Test
  void snapshotIsReadAgainOnceMaxAgeHasPassed() throws IOException {
    ListeningPorts ports = ports();
    assertTrue(ports.isListening(3000));

    rewriteTcp("0FA0");
    clock.advance(MAX_AGE);

    assertFalse(ports.isListening(3000));
    assertTrue(ports.isListening(4000));
    assertTrue(ports.isListening(5173));
  }

  @Test
  void refreshedSnapshotIsAgainKeptForMaxAge() throws IOException {
    ListeningPorts ports = ports();
    ports.isListening(3000);
    clock.advance(MAX_AGE);
    rewriteTcp("0FA0");
    assertTrue(ports.isListening(4000));

    rewriteTcp("1F90");
    clock.advance(MAX_AGE.minusMillis(1));

    assertTrue(ports.isListening(4000));
    assertFalse(ports.isListening(8080));
  }

  @Test
  void withoutProcAListeningLoopbackSocketIsFoundByConnecting(@TempDir Path empty)
      throws IOException {
    ListeningPorts ports = new ListeningPorts(new ProcNet(empty), MAX_AGE, clock);
    int port;
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = server.getLocalPort();
      assertTrue(ports.isListening(port));
    }
    assertFalse(ports.isListening(port));
  }

  /** Replaces the IPv4 table with one listener on the hex {@code port}. */
  private void rewriteTcp(String hexPort) throws IOException {
    write("net/tcp", TCP_HEADER + line(0, "00000000:" + hexPort, "00000000:0000", "0A", 555));
  }

  private void write(String relative, String content) throws IOException {
    Path file = proc.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.write(file, content.getBytes(StandardCharsets.UTF_8));
  }

  private static String line(int sl, String local, String remote, String st, long inode) {
    return String.format("%4d: %s %s %s 00000000:00000000 00:00000000 00000000 %5d %8d %d 1 "
        + "0000000000000000 100 0 0 10 0\n", sl, local, remote, st, 1000, 0, inode);
  }
}
