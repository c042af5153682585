import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Allocate+release cycles against a running Styxy daemon over HTTP/1.1 keep-alive connections.
 *
 * <p>Each of N client threads loops: {@code POST /allocate}, then {@code DELETE /allocate/{lock}}.
 * One cycle = both requests, so every cycle is two journal events. Prints cycles per second, the
 * 50th and 99th percentile of the cycle latency, and the number of failed requests.
 *
 * <p>Two clients, chosen with {@code -Dbench.client=socket|jdk}:
 * <ul>
 *   <li>{@code socket} (default): one plain {@link Socket} per client thread, HTTP/1.1 keep-alive,
 *       requests written by hand, responses parsed by status line, headers and
 *       {@code Content-Length} (or chunked) body; reconnects when the server closes. It costs the
 *       machine a fraction of the CPU of java.net.http, which on a 2-core box otherwise competes
 *       with the daemon it measures.
 *   <li>{@code jdk}: {@code java.net.http.HttpClient} (HTTP/1.1), the original client.
 * </ul>
 *
 * <p>Usage: {@code java AllocateReleaseBench.java URL TOKEN_FILE SERVICE_TYPE SECONDS WARMUP
 * CLIENTS...}; the token is read from {@code TOKEN_FILE} (the daemon's {@code auth.token}) so it
 * never shows in the process list.
 */
public final class AllocateReleaseBench {
  private static final Pattern PORT = Pattern.compile("\"port\":(\\d+)");
  private static final Pattern LOCK = Pattern.compile("\"lock_id\":\"([^\"]+)\"");
  private static final boolean JDK_CLIENT =
      "jdk".equals(System.getProperty("bench.client", "socket"));

  public static void main(String[] args) throws Exception {
    if (args.length < 6) {
      System.err.println(
          "usage: AllocateReleaseBench URL TOKEN_FILE SERVICE_TYPE SECONDS WARMUP CLIENTS...");
      System.exit(2);
    }
    String url = args[0];
    String token = Files.readString(Path.of(args[1])).strip();
    String type = args[2];
    int seconds = Integer.parseInt(args[3]);
    int warmup = Integer.parseInt(args[4]);
    System.out.println("client: " + (JDK_CLIENT ? "java.net.http.HttpClient (HTTP/1.1)"
        : "plain java.net.Socket, HTTP/1.1 keep-alive, one connection per client thread"));
    System.out.printf("%-8s %12s %10s %10s %10s %8s%n", "clients", "cycles/s", "p50 ms", "p99 ms",
        "max ms", "errors");
    for (int i = 5; i < args.length; i++) {
      int clients = Integer.parseInt(args[i]);
      run(url, token, type, clients, warmup, false);
      Result r = run(url, token, type, clients, seconds, true);
      System.out.printf("%-8d %12.0f %10.2f %10.2f %10.2f %8d%n", clients, r.cyclesPerSecond,
          r.p50Ms, r.p99Ms, r.maxMs, r.errors);
    }
  }

  record Result(double cyclesPerSecond, double p50Ms, double p99Ms, double maxMs, long errors) {}

  static Result run(String url, String token, String type, int clients, int seconds,
      boolean measured) throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong errors = new AtomicLong();
    List<long[]> perThread = new ArrayList<>();
    int[] counts = new int[clients];
    CountDownLatch done = new CountDownLatch(clients);
    String body = "{\"service_type\":\"" + type + "\"}";
    for (int c = 0; c < clients; c++) {
      long[] lat = new long[4_000_000 / Math.max(1, clients)];
      perThread.add(lat);
      int idx = c;
      Thread t = new Thread(() -> {
        SocketClient sc = JDK_CLIENT ? null : new SocketClient(URI.create(url), token);
        try {
          while (!stop.get()) {
            long start = System.nanoTime();
            if (JDK_CLIENT ? cycle(http, url, token, body) : sc.cycle(body)) {
              if (counts[idx] < lat.length) {
                lat[counts[idx]++] = System.nanoTime() - start;
              }
            } else {
              errors.incrementAndGet();
            }
          }
        } finally {
          if (sc != null) {
            sc.close();
          }
          done.countDown();
        }
      });
      t.setDaemon(true);
      t.start();
    }
    long begin = System.nanoTime();
    Thread.sleep(seconds * 1000L);
    stop.set(true);
    done.await();
    double elapsed = (System.nanoTime() - begin) / 1e9;
    int total = Arrays.stream(counts).sum();
    long[] all = new long[total];
    int pos = 0;
    for (int c = 0; c < clients; c++) {
      System.arraycopy(perThread.get(c), 0, all, pos, counts[c]);
      pos += counts[c];
    }
    Arrays.sort(all);
    if (!measured || total == 0) {
      return new Result(total / elapsed, 0, 0, 0, errors.get());
    }
    return new Result(total / elapsed, all[(int) (total * 0.50)] / 1e6,
        all[Math.min(total - 1, (int) (total * 0.99))] / 1e6, all[total - 1] / 1e6, errors.get());
  }

  /** One allocate+release cycle; false when either request failed. */
  static boolean cycle(HttpClient http, String url, String token, String body) {
    try {
      HttpResponse<String> a = http.send(HttpRequest.newBuilder(URI.create(url + "/allocate"))
          .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
          .timeout(Duration.ofSeconds(10))
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.ofString());
      Matcher lock = LOCK.matcher(a.body());
      if (a.statusCode() != 200 || !lock.find() || !PORT.matcher(a.body()).find()) {
        return false;
      }
      HttpResponse<String> r = http.send(
          HttpRequest.newBuilder(URI.create(url + "/allocate/" + lock.group(1)))
              .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10))
              .DELETE().build(), HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200;
    } catch (Exception e) {
      return false;
    } 
  }

  /** A minimal HTTP/1.1 keep-alive client on one socket; not thread-safe (one per thread). */
  static final class SocketClient {
    private final String host;
    private final int port;
    private final String token;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    SocketClient(URI base, String token) {
      this.host = base.getHost();
      this.port = base.getPort();
      this.token = token;
    }

    record Response(int status, String body) {}

    boolean cycle(String body) {
      try {
        Response a = exchange("POST", "/allocate", body);
        Matcher lock = LOCK.matcher(a.body());
        if (a.status() != 200 || !lock.find() || !PORT.matcher(a.body()).find()) {
          return false;
        }
        return exchange("DELETE", "/allocate/" + lock.group(1), null).status() == 200;
      } catch (IOException | RuntimeException e) {
        close();
        return false;
      }
    }

    private Response exchange(String method, String path, String body) throws IOException {
      if (socket == null) {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(10_000);
        socket.connect(new InetSocketAddress(host, port), 5_000);
        in = new BufferedInputStream(socket.getInputStream(), 8192);
        out = socket.getOutputStream();
      }
      byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
      StringBuilder req = new StringBuilder(256).append(method).append(' ').append(path)
          .append(" HTTP/1.1\r\nHost: ").append(host).append(':').append(port)
          .append("\r\nAuthorization: Bearer ").append(token)
          .append("\r\nUser-Agent: styxy-bench\r\n");
      if (body != null) {
        req.append("Content-Type: application/json\r\n");
      }
      req.append("Content-Length: ").append(payload.length).append("\r\n\r\n");
      byte[] head = req.toString().getBytes(StandardCharsets.US_ASCII);
      byte[] message = Arrays.copyOf(head, head.length + payload.length);
      System.arraycopy(payload, 0, message, head.length, payload.length);
      out.write(message);
      out.flush();
      return read();
    }

    private Response read() throws IOException {
      String statusLine = line();
      String[] parts = statusLine.split(" ", 3);
      if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
        throw new IOException("bad status line: " + statusLine);
      }
      int status = Integer.parseInt(parts[1]);
      long length = -1;
      boolean chunked = false;
      boolean close = parts[0].equals("HTTP/1.0");
      for (String h = line(); !h.isEmpty(); h = line()) {
        int colon = h.indexOf(':');
        if (colon < 0) {
          throw new IOException("bad header: " + h);
        }
        String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = h.substring(colon + 1).trim();
        switch (name) {
          case "content-length" -> length = Long.parseLong(value);
          case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
          case "connection" -> close = value.equalsIgnoreCase("close");
          default -> { }
        }
      }
      byte[] content;
      if (chunked) {
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
            size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
          buf.write(in.readNBytes(size));
          line();
        }
        for (String t = line(); !t.isEmpty(); t = line()) {
          // trailers
        }
        content = buf.toByteArray();
      } else if (length >= 0) {
        content = in.readNBytes((int) length);
        if (content.length != length) {
          throw new IOException("connection closed mid-body");
        }
      } else {
        content = in.readAllBytes();
        close = true;
      }
      if (close) {
        close();
      }
      return new Response(status, new String(content, StandardCharsets.UTF_8));
    }

    private String line() throws IOException {
      StringBuilder sb = new StringBuilder(64);
      for (int c = in.read(); c != '\n'; c = in.read()) {
        if (c < 0) {
          throw new IOException("connection closed");
        }
        if (c != '\r') {
          sb.append((char) c);
        }
      }
      return sb.toString();
    }

    void close() {
      if (socket != null) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // closing anyway
        }
        socket = null;
      }
    }
  }
}
