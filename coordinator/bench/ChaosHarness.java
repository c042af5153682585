import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Process-level chaos: drives allocations and releases from several clients against the daemon,
 * kills it with SIGKILL at a random moment, restarts it on the same home, and checks after every
 * restart that
 * <ul>
 *   <li>every allocation acknowledged before a kill, and not acknowledged as released, is live
 *       (a release in flight at the kill may have landed or not: either is accepted);</li>
 *   <li>no allocation acknowledged as released is live again;</li>
 *   <li>no port is held by two live allocations;</li>
 *   <li>the daemon answers READY.</li>
 * </ul>
 * Prints one line per round and a summary; exits 1 if anything was lost or duplicated.
 *
 * <p>Usage: {@code java ChaosHarness.java JAR HOME PORT KILLS CLIENTS}
 */
public final class ChaosHarness {
  private static final Pattern PORT = Pattern.compile("\"port\":(\\d+)");
  private static final Pattern LOCK = Pattern.compile("\"lock_id\":\"([0-9a-f-]{36})\"");
  private static final Pattern STATE = Pattern.compile("\"state\":\"([A-Z]+)\"");
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(2)).build();

  /** Acknowledged live allocations: lock id → port. */
  private static final Map<String, Integer> acknowledged = new ConcurrentHashMap<>();
  /** Allocations whose release was acknowledged. */
  private static final Set<String> released = ConcurrentHashMap.newKeySet();
  /** Releases sent whose answer never came (the kill cut them off): either outcome is fine. */
  private static final Set<String> uncertain = ConcurrentHashMap.newKeySet();

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[0]);
    Path home = Path.of(args[1]);
    int port = Integer.parseInt(args[2]);
    int kills = Integer.parseInt(args[3]);
    int clients = Integer.parseInt(args[4]);
    String base = "http://127.0.0.1:" + port;
    Files.writeString(home.resolve("config.json"), "{\"service_types\":{\"chaos\":{"
        + "\"description\":\"chaos\",\"preferred_ports\":[],\"port_range\":[21000,28999]}}}");

    int lost = 0;
    int duplicates = 0;
    int resurrected = 0;
    List<Long> readyMs = new ArrayList<>();
    Process daemon = start(jar, home, port);
    readyMs.add(awaitReady(base, daemon));
    for (int round = 1; round <= kills; round++) {
      String token = Files.readString(home.resolve("auth.token")).strip();
      AtomicBoolean running = new AtomicBoolean(true);
      List<Thread> threads = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        Thread t = new Thread(() -> drive(base, token, running), "client-" + c);
        t.start();
        threads.add(t);
      }
      long runMs = 300 + ThreadLocalRandom.current().nextLong(2700);
      Thread.sleep(runMs);
      daemon.destroyForcibly();
      daemon.waitFor(10, TimeUnit.SECONDS);
      running.set(false);
      for (Thread t : threads) {
        t.join();
      }

      daemon = start(jar, home, port);
      long ready = awaitReady(base, daemon);
      readyMs.add(ready);
      Map<String, Integer> live = liveAllocations(base, token);
      int roundLost = 0;
      for (Map.Entry<String, Integer> e : acknowledged.entrySet()) {
        if (!live.containsKey(e.getKey()) && !uncertain.contains(e.getKey())) {
          roundLost++;
          System.out.println("  LOST " + e.getKey() + " port " + e.getValue());
        }
      }
      int roundResurrected = 0;
      for (String lock : released) {
        if (live.containsKey(lock)) {
          roundResurrected++;
          System.out.println("  RELEASED BUT LIVE " + lock);
        }
      }
      Set<Integer> ports = new HashSet<>();
      int roundDuplicates = 0;
      for (int p : live.values()) {
        if (!ports.add(p)) {
          roundDuplicates++;
          System.out.println("  PORT HELD TWICE " + p);
        }
      }
      // Settle the uncertain releases: whatever the journal says is now the truth.
      for (String lock : uncertain) {
        if (live.containsKey(lock)) {
          acknowledged.put(lock, live.get(lock));
        } else {
          acknowledged.remove(lock);
          released.add(lock);
        }
      }
      uncertain.clear();
      lost += roundLost;
      duplicates += roundDuplicates;
      resurrected += roundResurrected;
      System.out.printf("round %2d: killed after %4d ms; live %5d, acknowledged %5d; "
          + "lost %d, duplicates %d, released-but-live %d; READY %d ms after restart%n",
          round, runMs, live.size(), acknowledged.size(), roundLost, roundDuplicates,
          roundResurrected, ready);
    }
    daemon.destroy();
    daemon.waitFor(15, TimeUnit.SECONDS);
    readyMs.sort(Long::compare);
    System.out.printf("kills %d: lost %d, duplicates %d, released-but-live %d; restart to READY "
        + "median %d ms, max %d ms%n", kills, lost, duplicates, resurrected,
        readyMs.get(readyMs.size() / 2), readyMs.get(readyMs.size() - 1));
    System.exit(lost + duplicates + resurrected == 0 ? 0 : 1);
  }

  private static Process start(Path jar, Path home, int port) throws IOException {
    ProcessBuilder b = new ProcessBuilder("java", "-jar", jar.toString(), "daemon", "run");
    b.environment().put("STYXY_HOME", home.toString());
    b.environment().put("STYXY_PORT", Integer.toString(port));
    b.redirectErrorStream(true);
    b.redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("daemon.out").toFile()));
    return b.start();
  }

  /** Milliseconds from now until /status says READY. */
  private static long awaitReady(String base, Process daemon) throws InterruptedException {
    long start = System.nanoTime();
    while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(60)) {
      if (!daemon.isAlive()) {
        throw new IllegalStateException("daemon exited with " + daemon.exitValue());
      }
      try {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/status"))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = STATE.matcher(r.body());
        if (r.statusCode() == 200 && m.find() && "READY".equals(m.group(1))) {
          return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("daemon not READY within 60 s");
  }

  private static Map<String, Integer> liveAllocations(String base, String token)
      throws IOException, InterruptedException {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/allocations"))
        .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("/allocations answered " + r.statusCode());
    }
    Map<String, Integer> live = new HashMap<>();
    Matcher ports = PORT.matcher(r.body());
    Matcher locks = LOCK.matcher(r.body());
    while (ports.find() && locks.find()) {
      live.put(locks.group(1), Integer.parseInt(ports.group(1)));
    }
    return live;
  }

  /** Allocate, and release about half of what this client holds, until told to stop. */
  private static void drive(String base, String token, AtomicBoolean running) {
    List<String> mine = new ArrayList<>();
    while (running.get()) {
      try {
        if (!mine.isEmpty() && ThreadLocalRandom.current().nextBoolean()) {
          String lock = mine.remove(ThreadLocalRandom.current().nextInt(mine.size()));
          uncertain.add(lock);
          HttpResponse<String> r = send(base, token, HttpRequest.newBuilder(
              URI.create(base + "/allocate/" + lock)).DELETE());
          if (r.statusCode() == 200) {
            uncertain.remove(lock);
            acknowledged.remove(lock);
            released.add(lock);
          }
        } else {
          HttpResponse<String> r = send(base, token, HttpRequest.newBuilder(
              URI.create(base + "/allocate")).header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString("{\"service_type\":\"chaos\"}")));
          Matcher p = PORT.matcher(r.body());
          Matcher l = LOCK.matcher(r.body());
          if (r.statusCode() == 200 && p.find() && l.find()) {
            acknowledged.put(l.group(1), Integer.parseInt(p.group(1)));
            mine.add(l.group(1));
          }
        }
      } catch (IOException e) {
        // the daemon is being killed; the outcome of this request is unknown
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private static HttpResponse<String> send(String base, String token, HttpRequest.Builder b)
      throws IOException, InterruptedException {
    return HTTP.send(b.header("Authorization", "Bearer " + token)
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
