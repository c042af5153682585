package dev.styxy.actors.os;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parses a fake {@code /proc} tree laid out exactly like the kernel's. */
class ProcNetTest {
  private static final String TCP_HEADER = "  sl  local_address rem_address   st tx_queue "
      + "rx_queue tr tm->when retrnsmt   uid  timeout inode\n";
  private static final String TCP6_HEADER = "  sl  local_address                         "
      + "remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  "
      + "timeout inode\n";
  private static final String ANY6 = "00000000000000000000000000000000";

  @TempDir Path proc;

  @BeforeEach
  void fakeProc() throws IOException {
    write("net/tcp", TCP_HEADER
        + line(0, "00000000:0BB8", "00000000:0000", "0A", 1000, 123)
        + line(1, "0100007F:1F90", "00000000:0000", "0A", 1001, 456)
        + line(2, "0100007F:0BB9", "0100007F:D431", "01", 1000, 789)
        + line(3, "0100007F:0BBA", "0100007F:D432", "06", 0, 0)
        + "   4: 0100007F:1F9\n"
        + "garbage line\n");
    write("net/tcp6", TCP6_HEADER
        + line(0, ANY6 + ":1435", ANY6 + ":0000", "0A", 1001, 321)
        + line(1, "00000000000000000000000001000000:0BB8", ANY6 + ":0000", "0A", 1000, 654)
        + line(2, "0000000000000000FFFF00000100007F:0FA0", ANY6 + ":0000", "0A", 1000, 655)
        + line(3, "B80D0120000000000000000001000000:2328", ANY6 + ":0000", "0A", 1000, 656)
        + line(4, "00000000000000000000000001000000:0BBB",
            "00000000000000000000000001000000:D433", "01", 1000, 657));
    Files.createDirectories(proc.resolve("4242/fd"));
    Files.createSymbolicLink(proc.resolve("4242/fd/3"), Path.of("socket:[123]"));
    Files.createSymbolicLink(proc.resolve("4242/fd/4"), Path.of("pipe:[999]"));
    Files.createSymbolicLink(proc.resolve("4242/fd/5"), Path.of("anon_inode:[eventfd]"));
    write("4242/comm", "python3\n");
    write("4242/cmdline", "python3\0-m\0http.server\0003000\0");
    Files.createDirectories(proc.resolve("4243/fd"));
    Files.createSymbolicLink(proc.resolve("4243/fd/7"), Path.of("socket:[456]"));
    Files.createDirectories(proc.resolve("4244"));
    Files.createDirectories(proc.resolve("4245/fd"));
    Files.createSymbolicLink(proc.resolve("4245/fd/1"), Path.of("socket:[789]"));
    Files.createDirectories(proc.resolve("self/fd"));
    Files.createSymbolicLink(proc.resolve("self/fd/3"), Path.of("socket:[321]"));
  }

  @Test
  void listenersAreTheListenLinesOfBothTablesWithDecodedAddresses() {
    assertEquals(List.of(
        new Listener(3000, "tcp", "0.0.0.0:3000", 123, 1000),
        new Listener(8080, "tcp", "127.0.0.1:8080", 456, 1001),
        new Listener(5173, "tcp6", "[::]:5173", 321, 1001),
        new Listener(3000, "tcp6", "[::1]:3000", 654, 1000),
        new Listener(4000, "tcp6", "[::ffff:127.0.0.1]:4000", 655, 1000),
        new Listener(9000, "tcp6", "[2001:db8::1]:9000", 656, 1000)),
        new ProcNet(proc).listeners());
  }

  @Test
  void missingTablesMeanNothingListens(@TempDir Path empty) {
    ProcNet procNet = new ProcNet(empty);
    assertEquals(List.of(), procNet.listeners());
    assertEquals(Map.of(), procNet.holdersIn(1, 65_535));
    assertEquals(Optional.empty(), procNet.holderOf(3000));
  }

  @Test
  void missingTcp6MeansIpv4Only() throws IOException {
    Files.delete(proc.resolve("net/tcp6"));
    assertEquals(List.of(3000, 8080),
        new ProcNet(proc).listeners().stream().map(Listener::port).toList());
  }

  @Test
  void socketOwnersFollowsFdLinksOfNumericProcessDirectoriesOnly() {
    ProcNet procNet = new ProcNet(proc);
    // 321 is linked only from "self": not a pid directory (the real one aliases our own pid).
    assertEquals(Map.of(123L, 4242L, 456L, 4243L),
        procNet.socketOwners(Set.of(123L, 456L, 321L, 999_999L)));
    assertEquals(Map.of(789L, 4245L), procNet.socketOwners(Set.of(789L)));
    assertEquals(Map.of(), procNet.socketOwners(Set.of()));
  }

  @Test
  void holderOfNamesPidProcessAndCommandLine() {
    PortHolder holder = new ProcNet(proc).holderOf(3000).orElseThrow();
    // Port 3000 also listens on [::1] with an unattributed socket; the visible owner wins.
    assertEquals(new PortHolder(3000, "tcp", "0.0.0.0:3000", 4242L, "python3",
        "python3 -m http.server 3000", 1000), holder);
    assertEquals("held by pid 4242 (python3 -m http.server 3000)", holder.describe());
  }

  @Test
  void holderWithUnreadableNamesStillHasItsPid() {
    PortHolder holder = new ProcNet(proc).holderOf(8080).orElseThrow();
    assertEquals(new PortHolder(8080, "tcp", "127.0.0.1:8080", 4243L, null, null, 1001), holder);
    assertEquals("held by pid 4243", holder.describe());
  }

  @Test
  void listenerWithoutVisibleOwnerIsStillReported() {
    PortHolder holder = new ProcNet(proc).holderOf(5173).orElseThrow();
    assertEquals(null, holder.pid());
    assertEquals("in use by a process this user cannot see (uid 1001, [::]:5173)",
        holder.describe());
  }

  @Test
  void connectedAndTimeWaitSocketsAreNotHolders() {
    ProcNet procNet = new ProcNet(proc);
    assertTrue(procNet.holderOf(3001).isEmpty());
    assertTrue(procNet.holderOf(3002).isEmpty());
    assertTrue(procNet.holderOf(3003).isEmpty());
  }

  @Test
  void holdersInCoversTheWholeRangeInPortOrder() {
    ProcNet procNet = new ProcNet(proc);
    Map<Integer, PortHolder> holders = procNet.holdersIn(3000, 8080);
    assertEquals(List.of(3000, 4000, 5173, 8080), List.copyOf(holders.keySet()));
    assertEquals(4242L, holders.get(3000).pid());
    assertEquals("[::ffff:127.0.0.1]:4000", holders.get(4000).localAddress());
    assertEquals("[2001:db8::1]:9000", procNet.holdersIn(9000, 9000).get(9000).localAddress());
    assertEquals(Map.of(), procNet.holdersIn(9001, 65_535));
  }

  @Test
  void invalidRangesAreRejected() {
    ProcNet procNet = new ProcNet(proc);
    assertThrows(IllegalArgumentException.class, () -> procNet.holdersIn(5000, 4000));
    assertThrows(IllegalArgumentException.class, () -> procNet.holdersIn(-1, 10));
    assertThrows(IllegalArgumentException.class, () -> procNet.holdersIn(1, 65_536));
  }

  @Test
  void readingStopsWhereTheListeningSectionEnds() throws IOException {
    // The kernel prints all listeners first; not reading on is what spares it a walk of its
    // whole established hash. Old kernels listed SYN_RECV among listeners, so that state is kept.
    write("net/tcp", TCP_HEADER
        + line(0, "00000000:0BB8", "00000000:0000", "0A", 1000, 123)
        + line(1, "0100007F:0BB8", "0100007F:D431", "03", 1000, 0)
        + line(2, "0100007F:1F90", "00000000:0000", "0A", 1001, 456)
        + line(3, "0100007F:0BB9", "0100007F:D431", "01", 1000, 789)
        + line(4, "0100007F:1F91", "00000000:0000", "0A", 1001, 457));
    Files.delete(proc.resolve("net/tcp6"));
    assertEquals(List.of(3000, 8080),
        new ProcNet(proc).listeners().stream().map(Listener::port).toList());
  }

  @Test
  void largeTablesAreParsedAcrossReadBoundaries() throws IOException {
    StringBuilder table = new StringBuilder(TCP_HEADER);
    for (int i = 0; i < 600; i++) {
      table.append(line(i, String.format("0100007F:%04X", 10_000 + i), "00000000:0000", "0A",
          1000, 50_000 + i));
    }
    write("net/tcp", table.toString());
    Files.delete(proc.resolve("net/tcp6"));
    List<Listener> listeners = new ProcNet(proc).listeners();
    assertEquals(600, listeners.size());
    for (int i = 0; i < 600; i++) {
      assertEquals(new Listener(10_000 + i, "tcp", "127.0.0.1:" + (10_000 + i), 50_000 + i, 1000),
          listeners.get(i));
    }
  }

  @Test
  void theOwnerFoundLastTimeIsKeptWhileItStillHoldsTheSocket() throws IOException {
    ProcNet procNet = new ProcNet(proc);
    assertEquals(Map.of(123L, 4242L), procNet.socketOwners(Set.of(123L)));
    // A second process now shares the socket, as after a fork; the answer must not flip.
    Files.createDirectories(proc.resolve("100/fd"));
    Files.createSymbolicLink(proc.resolve("100/fd/3"), Path.of("socket:[123]"));
    assertEquals(Map.of(123L, 4242L), procNet.socketOwners(Set.of(123L)));
    // Once the remembered process is gone, the full pass finds the remaining holder.
    try (Stream<Path> tree = Files.walk(proc.resolve("4242"))) {
      for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
    assertEquals(Map.of(123L, 100L), procNet.socketOwners(Set.of(123L)));
  }

  private void write(String relative, String content) throws IOException {
    Path file = proc.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.write(file, content.getBytes(StandardCharsets.UTF_8));
  }

  private static String line(int sl, String local, String remote, String st, int uid, long inode) {
    return String.format("%4d: %s %s %s 00000000:00000000 00:00000000 00000000 %5d %8d %d 1 "
        + "0000000000000000 100 0 0 10 0\n", sl, local, remote, st, uid, 0, inode);
  }
}
