import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mixed load at a steady rate for the soak test: allocations with and without leases, releases,
 * lease renewals, instance heartbeats, port checks and listings, plus allocations that end on
 * their own (a lease left to expire, an owner process that exits) so the health watchers and the
 * lease sweep keep firing. Every minute it prints the requests sent, failures (5xx or no answer),
 * the p50 and p99 latency of that minute, the daemon's RSS and its live allocations; at the end
 * the RSS trend (MB per minute, least squares over minutes 2..N) and the p99 spread.
 *
 * <p>Usage: {@code java SoakLoad.java PORT TOKEN_FILE DAEMON_PID MINUTES RATE OWNER_PID}
 */
public final class SoakLoad {
  static final Pattern LOCK = Pattern.compile("\"lock_id\":\"([0-9a-f-]{36})\"");
  static final Pattern PORT = Pattern.compile("\"port\":(\\d+)");
  static final Pattern LIVE = Pattern.compile("\"allocations\":(\\d+)");
  static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  static final int PLAIN_TARGET = 300;
  static final int LEASED_TARGET = 200;

  static String base;
  static String token;
  static String owner;
  static final Random random = new Random(42);
  static final ConcurrentLinkedDeque<String> plain = new ConcurrentLinkedDeque<>();
  static final ConcurrentLinkedDeque<String> leased = new ConcurrentLinkedDeque<>();
  static final List<Integer> ports = Collections.synchronizedList(new ArrayList<>());
  static final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
  static final AtomicLong failures = new AtomicLong();

  public static void main(String[] args) throws Exception {
    base = "http://127.0.0.1:" + args[0];
    token = Files.readString(Path.of(args[1])).strip();
    long daemon = Long.parseLong(args[2]);
    int minutes = Integer.parseInt(args[3]);
    int rate = Integer.parseInt(args[4]);
    owner = args[5];
    for (int i = 0; i < 10; i++) {
      call("POST", "/instance/register", "{\"instance_id\":\"soak-" + i + "\"}");
    }
    long interval = 1_000_000_000L / rate;
    long start = System.nanoTime();
    List<double[]> perMinute = new ArrayList<>();
    System.out.printf("%-6s %9s %8s %8s %8s %8s %6s%n", "minute", "requests", "failures",
        "p50 ms", "p99 ms", "RSS MB", "live");
    long tick = 0;
    for (int minute = 1; minute <= minutes; minute++) {
      long minuteEnd = start + minute * 60_000_000_000L;
      while (System.nanoTime() < minuteEnd) {
        long due = start + tick * interval;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        operation(tick++);
      }
      perMinute.add(report(minute, daemon));
    }
    summary(perMinute);
  }

  /** One step of the mix; the cycle of 20 keeps the live set near its targets. */
  static void operation(long tick) throws Exception {
    switch ((int) (tick % 20)) {
      case 0, 1, 2 -> allocate(plain, "", plain.size() < PLAIN_TARGET);
      case 3, 4 -> release(plain);
      case 5, 6 -> allocate(leased, ",\"lease_ttl_s\":60", leased.size() < LEASED_TARGET);
      case 7, 8, 9 -> renew();
      case 10 -> release(leased);
      case 11, 12, 13 -> call("PUT", "/instance/soak-" + random.nextInt(10) + "/heartbeat", "");
      case 14, 15, 16 -> check();
      case 17 -> call("POST", "/allocate", "{\"service_type\":\"soak\",\"lease_ttl_s\":5}");
      case 18 -> shortLivedOwner(tick);
      default -> call("GET", tick % 200 == 19 ? "/allocations" : "/status", null);
    }
  }

  static void allocate(ConcurrentLinkedDeque<String> into, String extra, boolean room)
      throws Exception {
    if (!room) {
      release(into);
      return;
    }
    String body = call("POST", "/allocate",
        "{\"service_type\":\"soak\",\"pid\":" + owner + extra + "}");
    Matcher lock = LOCK.matcher(body);
    Matcher port = PORT.matcher(body);
    if (lock.find() && port.find()) {
      into.addLast(lock.group(1));
      ports.add(Integer.parseInt(port.group(1)));
    }
  }

  static void release(ConcurrentLinkedDeque<String> from) throws Exception {
    String lock = from.pollFirst();
    if (lock != null) {
      call("DELETE", "/allocate/" + lock, null);
    }
  }

  static void renew() throws Exception {
    String lock = leased.pollFirst();
    if (lock != null) {
      call("PUT", "/allocate/" + lock + "/heartbeat", "");
      leased.addLast(lock);
    }
  }

  static void check() throws Exception {
    int port = ports.isEmpty() ? 20000 : ports.get(random.nextInt(ports.size()));
    call("GET", "/check/" + port, null);
    if (ports.size() > 1000) {
      ports.subList(0, 500).clear();
    }
  }

  /** Every 100th tick: an allocation owned by a process that exits 5 s later. */
  static void shortLivedOwner(long tick) throws Exception {
    if (tick % 100 != 18) {
      call("GET", "/instance/list", null);
      return;
    }
    Process sleeper = new ProcessBuilder("sleep", "5").start();
    call("POST", "/allocate", "{\"service_type\":\"soak\",\"pid\":" + sleeper.pid() + "}");
  }

  /** Sends one request and records its latency; a 5xx or no answer is a failure. */
  static String call(String method, String path, String json) throws InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token);
    b = json == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
        : b.header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(json));
    long t0 = System.nanoTime();
    try {
      HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
      latencies.add(System.nanoTime() - t0);
      if (r.statusCode() >= 500) {
        failures.incrementAndGet();
      }
      return r.body();
    } catch (IOException e) {
      latencies.add(System.nanoTime() - t0);
      failures.incrementAndGet();
      return "";
    }
  }

  static double[] report(int minute, long daemon) throws Exception {
    List<Long> sorted;
    synchronized (latencies) {
      sorted = new ArrayList<>(latencies);
      latencies.clear();
    }
    Collections.sort(sorted);
    double p50 = sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2) / 1e6;
    double p99 = sorted.isEmpty() ? 0 : sorted.get((int) (sorted.size() * 0.99)) / 1e6;
    double rss = rssMb(daemon);
    Matcher live = LIVE.matcher(call("GET", "/status", null));
    latencies.clear();
    System.out.printf("%-6d %9d %8d %8.2f %8.2f %8.0f %6s%n", minute, sorted.size(),
        failures.getAndSet(0), p50, p99, rss, live.find() ? live.group(1) : "?");
    return new double[] {minute, rss, p99};
  }

  static double rssMb(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
      }
    }
    return -1;
  }

  /** Least-squares RSS slope over minutes 2..N (minute 1 includes warm-up) and p99 spread. */
  static void summary(List<double[]> rows) {
    List<double[]> steady = rows.size() > 2 ? rows.subList(1, rows.size()) : rows;
    double n = steady.size();
    double sx = 0;
    double sy = 0;
    double sxy = 0;
    double sxx = 0;
    double minP99 = Double.MAX_VALUE;
    double maxP99 = 0;
    for (double[] r : steady) {
      sx += r[0];
      sy += r[1];
      sxy += r[0] * r[1];
      sxx += r[0] * r[0];
      minP99 = Math.min(minP99, r[2]);
      maxP99 = Math.max(maxP99, r[2]);
    }
    double slope = n * sxx - sx * sx == 0 ? 0 : (n * sxy - sx * sy) / (n * sxx - sx * sx);
    System.out.printf("RSS trend over minutes 2..%d: %+.2f MB/minute; p99 from %.2f to %.2f ms%n",
        rows.size(), slope, minP99, maxP99);
  }
}
