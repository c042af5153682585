package dev.styxy.coordinator;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.function.IntFunction;
import org.apache.pekko.stream.BindFailedException;

/**
 * Checks the API address before the actor system starts, so the common mistakes (port taken,
 * public address without auth) end in one line naming the port and its holder instead of a failed
 * bind deep inside Pekko.
 */
final class PortGuard {
  private PortGuard() {}

  /**
   * Parses {@code host}.
   *
   * @throws StartupFailure if it does not resolve
   */
  static InetAddress address(String host) {
    try {
      return InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new StartupFailure("cannot resolve the bind address " + host
          + "; pass an IP address with --bind", e);
    }
  }

  /**
   * Refuses a non-loopback bind address while auth is off: that would open the registry to the
   * network with no password.
   *
   * @throws StartupFailure if {@code host} is not loopback and {@code authEnabled} is false
   */
  static void requireAuthOffLoopback(String host, boolean authEnabled) {
    if (!address(host).isLoopbackAddress() && !authEnabled) {
      throw new StartupFailure("refusing to listen on " + host + " with auth disabled "
          + "(STYXY_SKIP_AUTH=true); bind to 127.0.0.1 or enable auth");
    }
  }

  /** A port the OS considers free on {@code host} right now (for {@code --port 0}). */
  static int pickFreePort(String host) {
    try (ServerSocket socket = new ServerSocket(0, 1, address(host))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new StartupFailure("cannot find a free port on " + host + ": " + e, e);
    }
  }

  /**
   * Bind-tests {@code host:port} the way the HTTP server will bind it (address reuse on, so a port
   * in TIME_WAIT after a crash counts as free, a listening socket does not).
   *
   * @param holder names the process holding a port, e.g. {@code "held by pid 42 (python3)"}
   * @throws StartupFailure naming the port and its holder when it is taken
   */
  static void requireFree(String host, int port, IntFunction<Optional<String>> holder) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(address(host), port), 1);
    } catch (BindException e) {
      throw new StartupFailure(inUse(host, port, holder.apply(port)), e);
    } catch (IOException e) {
      throw new StartupFailure("cannot listen on " + host + ":" + port + ": " + e, e);
    }
  }

  /** The line printed when the API port is taken. */
  static String inUse(String host, int port, Optional<String> holder) {
    return "port " + port + " on " + host + " is already in use"
        + holder.map(h -> " (" + h + ")").orElse("")
        + "; choose another with --port or STYXY_PORT";
  }

  /** Whether {@code error} or one of its causes is a failed bind. */
  static boolean isBindFailure(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof BindException || t instanceof BindFailedException) {
        return true;
      }
    }
    return false;
  }
}
