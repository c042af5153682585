import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends N adversarial HTTP requests to a live daemon over raw sockets (so malformed request
 * lines, headers and bodies reach the server as written) and checks that none gets a 5xx, every
 * error has the documented JSON shape, the daemon keeps answering, and its state (live
 * allocations, instances, config) is the same afterwards. The rare request that is accepted is
 * undone (released or deregistered) and counted. Requests come from {@link FuzzRequests} with a
 * fixed seed, so a run is repeatable. Exits 1 on any 5xx, shape violation, missed liveness check
 * or state change.
 *
 * <p>Usage (compiled with {@code FuzzRequests.java}): {@code java FuzzHarness PORT TOKEN_FILE
 * COUNT SEED OWNER_PID}
 */
public final class FuzzHarness {
  static final Pattern STATUS = Pattern.compile("^HTTP/1\\.[01] (\\d{3})");
  static final Pattern CONTENT_LENGTH =
      Pattern.compile("(?im)^content-length:\\s*(\\d+)\\s*$");
  static final Pattern LOCK = Pattern.compile("\"lock_id\":\"([0-9a-f-]{36})\"");
  static final Pattern INSTANCE = Pattern.compile("\"instance_id\":\"([^\"]+)\"");
  static final Pattern ERROR_SHAPE = Pattern.compile("^\\{\"success\":false,\"error\":"
      + "\"(?:[^\"\\\\]|\\\\.)+\",\"code\":\"[A-Z_]+\",\"request_id\":\"[^\"]+\".*}$",
      Pattern.DOTALL);
  static final Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
  static int serverErrors;
  static int shapeViolations;
  static int livenessFailures;
  static int accepted;

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    String token = Files.readString(Path.of(args[1])).strip();
    int count = Integer.parseInt(args[2]);
    FuzzRequests requests = new FuzzRequests(Long.parseLong(args[3]), token, args[4]);
    String before = snapshot(port, token);
    long start = System.nanoTime();
    for (int i = 1; i <= count; i++) {
      byte[] request = requests.next().getBytes(StandardCharsets.UTF_8);
      long t0 = System.nanoTime();
      String reply = send(port, request);
      if (System.nanoTime() - t0 > 2_000_000_000L && System.getenv("FUZZ_DEBUG") != null) {
        System.out.println("SLOW " + new String(request, 0, Math.min(300, request.length),
            StandardCharsets.UTF_8).replace("\r\n", " | ") + "\n  -> " + reply);
      }
      record(reply, port, token, new String(request, 0, Math.min(request.length, 120),
          StandardCharsets.UTF_8));
      if (i % 500 == 0 && !send(port, get("/status", "localhost")).startsWith(
          "HTTP/1.1 200")) {
        livenessFailures++;
      }
    }
    String after = snapshot(port, token);
    System.out.printf("%d requests in %.1f s (seed %s)%n", count,
        (System.nanoTime() - start) / 1e9, args[3]);
    System.out.println("status counts: " + new TreeMap<>(statuses));
    System.out.println("5xx: " + serverErrors + "   error-shape violations: " + shapeViolations
        + "   liveness failures: " + livenessFailures + "   accepted and undone: " + accepted);
    System.out.println("state diff: " + (before.equals(after) ? "none"
        : "\n  before " + before + "\n  after  " + after));
    boolean ok = serverErrors == 0 && shapeViolations == 0 && livenessFailures == 0
        && before.equals(after);
    System.exit(ok ? 0 : 1);
  }

  static void record(String reply, int port, String token, String request) {
    Matcher m = STATUS.matcher(reply);
    String status = m.find() ? m.group(1) : "no-response";
    statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
    if (status.startsWith("5")) {
      serverErrors++;
      System.out.println("5xx for " + request.replaceAll("[\r\n]+", " | ") + "\n  " + reply);
    }
    int headerEnd = reply.indexOf("\r\n\r\n");
    String body = headerEnd >= 0 ? reply.substring(headerEnd + 4) : "";
    if (status.matches("[45]\\d\\d") && !body.isEmpty() && !ERROR_SHAPE.matcher(body).matches()) {
      shapeViolations++;
      System.out.println("error shape violated for " + request.replaceAll("[\r\n]+", " | ")
          + "\n  " + reply);
    }
    if (status.equals("200")) {
      undo(reply, body, port, token);
    }
  }

  /** Releases an allocation or deregisters an instance an accepted request made. */
  static void undo(String reply, String body, int port, String token) {
    Matcher lock = LOCK.matcher(body);
    Matcher instance = INSTANCE.matcher(body);
    if (body.startsWith("{\"success\":true,\"port\"") && lock.find()
        && !body.contains("\"existing\":true")) {
      accepted++;
      send(port, request("DELETE", "/allocate/" + lock.group(1), token));
    } else if (body.startsWith("{\"success\":true,\"instance_id\"") && instance.find()
        && body.contains("registered")) {
      accepted++;
      send(port, request("DELETE", "/instance/" + instance.group(1), token));
    }
  }

  /** Live allocations (lock id and port), instances and the config, as comparable text. */
  static String snapshot(int port, String token) {
    TreeSet<String> locks = new TreeSet<>();
    Matcher m = Pattern.compile("\"port\":(\\d+),\"lock_id\":\"([0-9a-f-]{36})\"")
        .matcher(send(port, request("GET", "/allocations", token)));
    while (m.find()) {
      locks.add(m.group(2) + "@" + m.group(1));
    }
    TreeSet<String> instances = new TreeSet<>();
    Matcher i = INSTANCE.matcher(send(port, request("GET", "/instance/list", token)));
    while (i.find()) {
      instances.add(i.group(1));
    }
    String config = send(port, request("GET", "/config", token));
    return "allocations=" + locks + " instances=" + instances + " config-hash="
        + config.substring(config.indexOf("\r\n\r\n")).hashCode();
  }

  static byte[] request(String method, String path, String token) {
    return (method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        + "Authorization: Bearer " + token + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
  }

  static byte[] get(String path, String host) {
    return ("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Writes {@code request} and reads one response: headers, then {@code Content-Length} bytes
   * (or until the server closes); "" when nothing came back within 3 s (a request line the
   * server is still waiting to complete).
   */
  static String send(int port, byte[] request) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      socket.setSoTimeout(3_000);
      OutputStream out = socket.getOutputStream();
      try {
        out.write(request);
        out.flush();
      } catch (IOException e) {
        // The server may answer (413, 400) and close before the whole body is written.
      }
      return readResponse(socket.getInputStream());
    } catch (IOException e) {
      return "";
    }
  }

  static String readResponse(InputStream in) throws IOException {
    ByteArrayOutputStream reply = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    int expected = -1;
    try {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        reply.write(buffer, 0, n);
        String text = reply.toString(StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end >= 0 && expected < 0) {
          Matcher length = CONTENT_LENGTH.matcher(text.substring(0, end));
          expected = length.find() ? end + 4 + Integer.parseInt(length.group(1)) : -1;
        }
        if (expected >= 0 && reply.size() >= expected) {
          break;
        }
      }
    } catch (IOException e) {
      // A reset after the response is complete enough to classify.
    }
    return reply.toString(StandardCharsets.UTF_8);
  }


}
