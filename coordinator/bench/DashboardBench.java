import java.io.File;
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
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard with many allocations: makes COUNT allocations (owned by this JVM), opens the
 * page in Debian's headless Chromium, then allocates and releases one more allocation SAMPLES
 * times, one at a time. The page measures each event itself (window.styxyDashboard.renderTimes):
 * from the event's arrival on the stream to the DOM updated, and to the next frame drawn. Prints
 * the page's load time with COUNT rows and the median, p95 and max of both figures.
 *
 * <p>Usage: {@code java -cp SELENIUM DashboardBench.java URL TOKEN_FILE TYPE COUNT SAMPLES [PNG]}
 */
public final class DashboardBench {
  private static final Pattern LOCK = Pattern.compile("\"lock_id\":\"([^\"]+)\"");
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final long OWNER = ProcessHandle.current().pid();

  public static void main(String[] args) throws Exception {
    if (args.length < 5) {
      System.err.println("usage: DashboardBench URL TOKEN_FILE TYPE COUNT SAMPLES [PNG]");
      System.exit(2);
    }
    String url = args[0];
    // The token is read from its file, never passed on a command line that `ps` would show.
    String token = Files.readString(Path.of(args[1])).strip();
    String type = args[2];
    int count = Integer.parseInt(args[3]);
    int samples = Integer.parseInt(args[4]);
    long made = System.nanoTime();
    for (int i = 0; i < count; i++) {
      allocate(url, token, type, "svc-" + i);
    }
    System.out.printf("made %d allocations in %.1f s%n", count, (System.nanoTime() - made) / 1e9);
    ChromeDriver browser = browser();
    try {
      long opened = System.nanoTime();
      browser.get(url + "/#token=" + token);
      new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> rows(browser) >= count);
      System.out.printf("page shows %d rows %.0f ms after navigation%n", rows(browser),
          (System.nanoTime() - opened) / 1e6);
      browser.executeScript("window.styxyDashboard.renderTimes.length = 0");
      for (int i = 0; i < samples; i++) {
        String lock = allocate(url, token, type, "probe-" + i);
        waitFor(browser, "!!document.querySelector(\"tr[data-lock='" + lock + "']\")");
        release(url, token, lock);
        waitFor(browser, "!document.querySelector(\"tr[data-lock='" + lock + "']\")");
      }
      if (args.length > 5) {
        Files.write(Path.of(args[5]), browser.getScreenshotAs(OutputType.BYTES));
      }
      report(browser);
    } finally {
      browser.quit();
    }
  }

  @SuppressWarnings("unchecked")
  private static void report(ChromeDriver browser) {
    List<Map<String, Object>> times = (List<Map<String, Object>>)
        browser.executeScript("return window.styxyDashboard.renderTimes");
    for (String what : new String[] {"allocated", "released"}) {
      List<Double> dom = new ArrayList<>();
      List<Double> frame = new ArrayList<>();
      long rows = 0;
      for (Map<String, Object> t : times) {
        if (what.equals(t.get("event"))) {
          dom.add(((Number) t.get("dom")).doubleValue());
          frame.add(((Number) t.get("frame")).doubleValue());
          rows = Math.max(rows, ((Number) t.get("rows")).longValue());
        }
      }
      System.out.printf("%-9s n=%d rows<=%d | DOM updated: median %.2f ms, p95 %.2f ms, max %.2f"
          + " ms | next frame: median %.2f ms, p95 %.2f ms, max %.2f ms%n", what, dom.size(),
          rows, pct(dom, 50), pct(dom, 95), pct(dom, 100), pct(frame, 50), pct(frame, 95),
          pct(frame, 100));
    }
  }

  private static double pct(List<Double> values, int p) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(i, sorted.size() - 1)));
  }

  private static long rows(ChromeDriver browser) {
    Object n = browser.executeScript("return document.querySelectorAll('#rows tr').length");
    return ((Number) n).longValue();
  }

  private static void waitFor(ChromeDriver browser, String condition) {
    new WebDriverWait(browser, Duration.ofSeconds(10), Duration.ofMillis(5))
        .until(d -> Boolean.TRUE.equals(browser.executeScript("return " + condition)));
  }

  private static ChromeDriver browser() throws Exception {
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(new File("/usr/bin/chromium"));
    Path profile = Files.createTempDirectory("dashboard-bench");
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--no-first-run",
        "--disable-sync", "--user-data-dir=" + profile, "--window-size=1280,800");
    return new ChromeDriver(service, options);
  }

  private static String allocate(String url, String token, String type, String name)
      throws Exception {
    String body = "{\"service_type\":\"" + type + "\",\"service_name\":\"" + name
        + "\",\"instance_id\":\"bench\",\"pid\":" + OWNER + "}";
    HttpResponse<String> r = HTTP.send(request(url + "/allocate", token)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    Matcher m = LOCK.matcher(r.body());
    if (r.statusCode() != 200 || !m.find()) {
      throw new IllegalStateException("allocate failed: " + r.statusCode() + " " + r.body());
    }
    return m.group(1);
  }

  private static void release(String url, String token, String lock) throws Exception {
    HttpResponse<String> r = HTTP.send(request(url + "/allocate/" + lock, token).DELETE().build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("release failed: " + r.statusCode() + " " + r.body());
    }
  }

  private static HttpRequest.Builder request(String url, String token) {
    return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
        .header("Authorization", "Bearer " + token);
  }
}
