package dev.styxy.actors.health;

import dev.styxy.actors.os.Listener;
import dev.styxy.actors.os.ProcNet;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.BitSet;

/**
 * Answers "does anything listen on port P?" for every health watcher from one shared reading of
 * {@code /proc/net/tcp} and {@code tcp6}, refreshed when older than {@code maxAge}. Ten thousand
 * watchers probing every 5 s then cost two table reads a second, not two thousand. Where there is
 * no {@code /proc} (not Linux), each question is a loopback connect with a short timeout.
 *
 * <p>Thread-safe: the snapshot is immutable and swapped whole; refreshes are serialized.
 */
public final class ListeningPorts {
  private static final int CONNECT_TIMEOUT_MS = 250;

  private record Snapshot(BitSet ports, Instant readAt) {}

  private final ProcNet procNet;
  private final Duration maxAge;
  private final Clock clock;
  private final boolean fromProc;
  private volatile Snapshot snapshot;

  public ListeningPorts(ProcNet procNet, Duration maxAge, Clock clock) {
    this.procNet = procNet;
    this.maxAge = maxAge;
    this.clock = clock;
    this.fromProc = procNet.available();
  }

  /** Whether a socket listens on {@code port} on any local address. May block briefly. */
  public boolean isListening(int port) {
    if (!fromProc) {
      return connects(port);
    }
    return current().ports().get(port);
  }

  private Snapshot current() {
    Snapshot s = snapshot;
    Instant now = clock.instant();
    if (s != null && now.isBefore(s.readAt().plus(maxAge))) {
      return s;
    }
    synchronized (this) {
      s = snapshot;
      if (s != null && now.isBefore(s.readAt().plus(maxAge))) {
        return s;
      }
      BitSet ports = new BitSet(65_536);
      for (Listener l : procNet.listeners()) {
        ports.set(l.port());
      }
      s = new Snapshot(ports, clock.instant());
      snapshot = s;
      return s;
    }
  }

  private static boolean connects(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), CONNECT_TIMEOUT_MS);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
