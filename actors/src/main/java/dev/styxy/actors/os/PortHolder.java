package dev.styxy.actors.os;

/**
 * Who holds a listening port: the socket plus, when this user may see it, the owning process.
 * This is what {@code /check} and {@code /scan} report as {@code system_usage} and what an
 * allocation conflict names in its log line, so a person can act on it ("kill 4242").
 *
 * @param port the local TCP port
 * @param protocol {@code "tcp"} or {@code "tcp6"}
 * @param localAddress address and port, e.g. {@code "0.0.0.0:3000"} or {@code "[::1]:3000"}
 * @param pid the owning process, or {@code null} when no readable fd table links to the socket
 * @param process the process name from {@code /proc/PID/comm}, or {@code null} if unknown
 * @param command the command line from {@code /proc/PID/cmdline} (arguments joined by spaces),
 *     or {@code null} if unknown
 * @param uid the user id owning the socket, or {@code null} if unknown
 */
public record PortHolder(
    int port,
    String protocol,
    String localAddress,
    Long pid,
    String process,
    String command,
    Integer uid) {

  // Java and Node command lines can run to kilobytes of classpath; a phrase must stay readable.
  private static final int MAX_COMMAND_CHARS = 120;

  /**
   * A short phrase naming the holder, e.g. {@code "held by pid 4242 (python3 -m http.server
   * 3000)"}, or {@code "in use by a process this user cannot see (uid 1001, 0.0.0.0:3000)"} when
   * the pid is not visible. The command line is preferred over the bare process name because it
   * tells apart the many {@code node} and {@code python3} processes of a dev machine.
   */
  public String describe() {
    if (pid == null) {
      String owner = uid == null ? "" : "uid " + uid + ", ";
      return "in use by a process this user cannot see (" + owner + localAddress + ")";
    }
    String what = command != null && !command.isBlank() ? command : process;
    if (what == null || what.isBlank()) {
      return "held by pid " + pid;
    }
    if (what.length() > MAX_COMMAND_CHARS) {
      what = what.substring(0, MAX_COMMAND_CHARS - 3) + "...";
    }
    return "held by pid " + pid + " (" + what + ")";
  }
}
