import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 * <p>Usage: {@code java AllocateReleaseBench.java URL TOKEN SERVICE_TYPE SECONDS WARMUP CLIENTS...}
 */
public final class AllocateReleaseBench {
  private static final Pattern PORT = Pattern.compile("\"port\":(\\d+)");
  private static final Pattern LOCK = Pattern.compile("\"lock_id\":\"([^\"]+)\"");

  public static void main(String[] args) throws Exception {
    if (args.length < 6) {
      System.err.println("usage: AllocateReleaseBench URL TOKEN SERVICE_TYPE SECONDS WARMUP CLIENTS...");
      System.exit(2);
    }
    String url = args[0];
    String token = args[1];
    String type = args[2];
    int seconds = Integer.parseInt(args[3]);
    int warmup = Integer.parseInt(args[4]);
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
        try {
          while (!stop.get()) {
            long start = System.nanoTime();
            if (cycle(http, url, token, body)) {
              if (counts[idx] < lat.length) {
                lat[counts[idx]++] = System.nanoTime() - start;
              }
            } else {
              errors.incrementAndGet();
            }
          }
        } finally {
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
}
