package dev.styxy.actors.os;

import dev.styxy.persistence.PortAvailability;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.channels.SocketChannel;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides whether a TCP port is free by trying to bind it on every address a dev server might use:
 * {@code 127.0.0.1} and {@code 0.0.0.0}, plus {@code ::1} and {@code ::} when IPv6 is checked and
 * the host has it. The original probed {@code 127.0.0.1} only and so missed listeners on other
 * addresses and IPv6; binding is the authority because it asks the kernel the exact question a
 * service will ask, while {@link ProcNet} merely names the holder for the reply.
 *
 * <p>Each probe is a TCP socket with {@code SO_REUSEADDR} (as Node, Python's {@code http.server}
 * and the JDK set it, so a TIME_WAIT leftover does not count as taken) that is bound and closed at
 * once, never connected and never listening. Binding without {@code listen()} is still refused
 * next to any listener, but the probe cannot accept a stray connection and does not make a real
 * server's concurrent {@code SO_REUSEADDR} bind fail, which a listening {@code ServerSocket} probe
 * would. NIO channels are opened per address family because {@code java.net.ServerSocket} silently
 * turns {@code 0.0.0.0} into a dual-stack {@code ::} bind, which would probe IPv6 even when told
 * not to. A probe costs tens of microseconds, cheap enough to run for every allocation candidate.
 *
 * <p>Immutable and safe to share between threads.
 */
public final class BindProbe implements PortAvailability {
  private static final InetAddress LOOPBACK4 = address(new byte[] {127, 0, 0, 1});
  private static final InetAddress ANY4 = address(new byte[4]);
  private static final InetAddress LOOPBACK6 = address(
      new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});
  private static final InetAddress ANY6 = address(new byte[16]);

  private final boolean ipv6;
  private final ProcNet procNet;
  private final InetAddress[] addresses;
  private final String[] labels;

  /**
   * @param checkIpv6 also probe {@code ::1} and {@code ::}; ignored when the host cannot bind
   *     {@code ::1} (IPv6 disabled), which is detected once here
   * @param procNet names the holder of a taken port
   */
  public BindProbe(boolean checkIpv6, ProcNet procNet) {
    this.procNet = Objects.requireNonNull(procNet, "procNet");
    this.ipv6 = checkIpv6 && hostHasIpv6();
    if (ipv6) {
      addresses = new InetAddress[] {LOOPBACK4, ANY4, LOOPBACK6, ANY6};
      labels = new String[] {"127.0.0.1", "0.0.0.0", "::1", "::"};
    } else {
      addresses = new InetAddress[] {LOOPBACK4, ANY4};
      labels = new String[] {"127.0.0.1", "0.0.0.0"};
    }
  }

  /** Whether IPv6 addresses are probed: asked for and available on this host. */
  public boolean checksIpv6() {
    return ipv6;
  }

  /**
   * True when {@code port} can be bound on every probed address right now. Any bind failure,
   * including permission denied below 1024, counts as taken: a service could not bind it either.
   *
   * @throws IllegalArgumentException when {@code port} is not in 1..65535
   */
  public boolean isFree(int port) {
    return firstFailure(checkPort(port)) == null;
  }

  /**
   * Empty when the port is free; otherwise who holds it (from {@code /proc}) or, when no holder
   * is visible, which bind failed and why.
   *
   * @throws IllegalArgumentException when {@code port} is not in 1..65535
   */
  @Override
  public Optional<String> takenBy(int port) {
    Failure failure = firstFailure(checkPort(port));
    if (failure == null) {
      return Optional.empty();
    }
    return Optional.of(
        holder(port).map(PortHolder::describe)
            .orElseGet(() -> failurePhrase(port, failure.address(), failure.error())));
  }

  /**
   * The process holding {@code port}, if one is listening and visible; see {@link ProcNet}. Empty
   * also when {@code /proc/net} cannot be read: callers that already know the port is taken lose
   * only the holder's name.
   */
  public Optional<PortHolder> holder(int port) {
    try {
      return procNet.holderOf(checkPort(port));
    } catch (UncheckedIOException e) {
      return Optional.empty();
    }
  }

  /**
   * The phrase for a port whose holder cannot be named. Below 1024 an unprivileged bind fails with
   * "Permission denied" whether or not anyone listens, so say what would actually help.
   */
  static String failurePhrase(int port, String address, String error) {
    if (port < 1024 && error != null && error.contains("Permission denied")) {
      return "needs root privileges to bind (port below 1024)";
    }
    return "in use (bind on " + address + " failed: " + error + ")";
  }

  /** The first address that cannot be bound, or null (allocating nothing) when all can. */
  private Failure firstFailure(int port) {
    for (int i = 0; i < addresses.length; i++) {
      IOException e = tryBind(addresses[i], port);
      if (e != null) {
        String error = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        return new Failure(labels[i], error);
      }
    }
    return null;
  }

  /** Null when {@code address:port} could be bound (and was released again), else the error. */
  private static IOException tryBind(InetAddress address, int port) {
    ProtocolFamily family = address instanceof Inet4Address
        ? StandardProtocolFamily.INET
        : StandardProtocolFamily.INET6;
    try (SocketChannel channel = SocketChannel.open(family)) {
      channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      channel.bind(new InetSocketAddress(address, port));
      return null;
    } catch (IOException e) {
      return e;
    }
  }

  private static boolean hostHasIpv6() {
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.INET6)) {
      channel.bind(new InetSocketAddress(LOOPBACK6, 0));
      return true;
    } catch (IOException | UnsupportedOperationException e) {
      // Kernel without IPv6, ipv6.disable=1, or no ::1 on lo: probing v6 would only ever fail.
      return false;
    }
  }

  private static int checkPort(int port) {
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    return port;
  }

  private static InetAddress address(byte[] bytes) {
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("a 4- or 16-byte address is always valid", e);
    }
  }

  /** Which bind failed first and the kernel's reason, for the phrase when no holder shows. */
  private record Failure(String address, String error) {}
}
