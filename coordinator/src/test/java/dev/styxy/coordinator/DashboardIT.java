package dev.styxy.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard ({@code GET /}) in headless Chromium against the real jar: what it shows without
 * a token, live updates from {@code /events}, release with confirmation, hostile names shown as
 * text, filters, and the layout at 1280×800 and on a narrow window. Screenshots go to
 * {@code coordinator/target/} for review.
 */
class DashboardIT {
  /** Service and project names as a hostile client may send them. */
  static final String HOSTILE_PATH = "/home/u/<img src=x onerror=\"window.pwned=1\">";
  private static final Pattern LOCK = Pattern.compile("\"lock_id\":\"([^\"]+)\"");
  private static final Pattern PORT = Pattern.compile("\"port\":(\\d+)");
  /** The port of each allocation made by {@link #allocate}, by lock id. */
  private static final Map<String, Integer> PORTS = new ConcurrentHashMap<>();
  private static final long OWNER = ProcessHandle.current().pid();

  @TempDir
  static Path dir;
  static DaemonProcess daemon;

  @TempDir
  Path profile;
  ChromeDriver browser;

  /** The first port of the {@code listeners} type's ten, on high ports of this test's own. */
  static int listenersBase;

  @BeforeAll
  static void startDaemon() throws Exception {
    Path home = Files.createDirectory(dir.resolve("home"));
    listenersBase = DaemonProcess.freePort();
    Files.writeString(home.resolve("config.json"), "{\"service_types\":{\"listeners\":{"
        + "\"preferred_ports\":[],\"port_range\":[" + listenersBase + ","
        + (listenersBase + 9) + "]}}}");
    // Probes every second, so a listener is seen HEALTHY while the test waits.
    daemon = DaemonProcess.start(home, DaemonProcess.freePort(), dir, "daemon",
        List.of("-Dstyxy.health.check-interval=1s"));
    daemon.awaitReady();
  }

  @AfterAll
  static void stopDaemon() throws InterruptedException {
    if (daemon != null) {
      daemon.close();
    }
  }

  private final List<Process> listeners = new ArrayList<>();

  @AfterEach
  void quitBrowser() throws InterruptedException {
    if (browser != null) {
      browser.quit();
    }
    for (Process p : listeners) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void withoutATokenItShowsOnlyHowToFindIt() {
    browser = HeadlessChromium.start(profile, 1280, 800);
    browser.get(daemon.baseUrl() + "/");
    WebElement login = wait(5).until(ExpectedConditions.visibilityOfElementLocated(By.id("login")));
    assertTrue(login.getText().contains("auth.token"), login.getText());
    assertTrue(login.getText().contains("styxy dashboard"), login.getText());
    assertFalse(browser.findElement(By.id("app")).isDisplayed());
    assertEquals(0, browser.findElements(By.cssSelector("#rows tr")).size());
  }

  @Test
  void aRefusedTokenIsForgottenAndTheLoginShown() {
    browser = HeadlessChromium.start(profile, 1280, 800);
    browser.get(daemon.baseUrl() + "/#token=not-the-token");
    wait(5).until(ExpectedConditions.textToBe(By.id("notice"), "The daemon refused the token."));
    assertTrue(browser.findElement(By.id("login")).isDisplayed());
    assertEquals(null, script("return sessionStorage.getItem('styxy.token')"));
  }

  @Test
  void allocationsAppearLiveAndTheReleaseButtonReleasesAfterConfirmation() {
    String before = allocate("dev", "web", "agent-a", HOSTILE_PATH);
    allocate("storybook", "stories", "agent-b", null);
    openLoggedIn(1280, 800);
    assertEquals("", script("return location.hash"), "the token is taken off the address bar");
    WebElement first = row(before);
    assertEquals(HOSTILE_PATH, first.findElement(By.cssSelector(".col-name .sub")).getText());
    assertEquals(null, script("return window.pwned === undefined ? null : 'pwned'"));
    assertEquals(0, browser.findElements(By.cssSelector("#rows img")).size());

    String lock = allocate("dev", "api", "agent-a", "/home/u/shop");
    WebElement added = new WebDriverWait(browser, Duration.ofSeconds(1), Duration.ofMillis(20))
        .until(ExpectedConditions.presenceOfElementLocated(rowBy(lock)));
    assertTrue(added.getText().contains("api"), added.getText());
    HeadlessChromium.save(browser.getScreenshotAs(OutputType.BYTES),
        Path.of("target", "dashboard.png"));

    added.findElement(By.cssSelector("button.release")).click();
    wait(5).until(ExpectedConditions.alertIsPresent()).accept();
    wait(5).until(ExpectedConditions.numberOfElementsToBe(rowBy(lock), 0));
    WebElement released = wait(5).until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("#events li.released")));
    assertTrue(released.getText().contains("reason: released"), released.getText());
    assertFalse(daemon.get("/allocations").body().contains(lock));
  }

  @Test
  void theListenerOfAnAllocationAndOutsideHoldersAreNamed() throws Exception {
    assumeTrue(OutsideListenerIT.pythonAvailable(), "python3 is not installed");
    String lock = allocate("listeners", "served", "agent-l", "/home/u/site");
    int port = PORTS.get(lock);
    listen(port);
    int outside = port == listenersBase ? listenersBase + 1 : listenersBase;
    listen(outside);
    openLoggedIn(1280, 800);
    WebElement row = row(lock);
    wait(20).until(ExpectedConditions.textToBePresentInElement(
        row.findElement(By.cssSelector(".col-owner")), "http.server " + port));
    wait(20).until(ExpectedConditions.textToBePresentInElement(
        row.findElement(By.cssSelector(".col-health")), "HEALTHY"));
    wait(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("outside"),
        outside + " (listeners): pid "));
    assertTrue(browser.findElement(By.cssSelector("#bars [data-type='listeners']")).getText()
        .contains("1 / 10 (+1 outside)"));
    HeadlessChromium.save(browser.getScreenshotAs(OutputType.BYTES),
        Path.of("target", "dashboard-listeners.png"));
  }

  @Test
  void dismissingTheConfirmationKeepsTheAllocation() {
    String lock = allocate("dev", "kept", "agent-c", null);
    openLoggedIn(1280, 800);
    row(lock).findElement(By.cssSelector("button.release")).click();
    wait(5).until(ExpectedConditions.alertIsPresent()).dismiss();
    assertTrue(daemon.get("/allocations").body().contains(lock));
    assertTrue(row(lock).isDisplayed());
  }

  @Test
  void filtersByServiceTypeAndInstance() {
    String dev = allocate("dev", "front", "agent-f", null);
    String story = allocate("storybook", "book", "agent-g", null);
    openLoggedIn(1280, 800);
    row(story);
    new Select(browser.findElement(By.id("filter-type"))).selectByValue("storybook");
    assertFalse(row(dev).isDisplayed());
    assertTrue(row(story).isDisplayed());
    new Select(browser.findElement(By.id("filter-type"))).selectByValue("");
    new Select(browser.findElement(By.id("filter-instance"))).selectByValue("agent-f");
    assertTrue(row(dev).isDisplayed());
    assertFalse(row(story).isDisplayed());
  }

  @Test
  void aNarrowWindowScrollsTheTableNotThePage() {
    String lock = allocate("dev", "narrow", "agent-n", "/home/u/a/rather/long/project/path");
    openLoggedIn(420, 800);
    row(lock);
    Object overflow = script("return document.documentElement.scrollWidth"
        + " - document.documentElement.clientWidth");
    assertEquals(0L, overflow, "the page itself must not scroll sideways");
    HeadlessChromium.save(browser.getScreenshotAs(OutputType.BYTES),
        Path.of("target", "dashboard-narrow.png"));
  }

  @Test
  void theCliPrintsTheUrlWithTheTokenInItsFragment() throws Exception {
    DaemonProcess.CliRun run = DaemonProcess.cli(Map.of("STYXY_HOME",
        dir.resolve("home").toString(), "STYXY_URL", daemon.baseUrl()), dir, "cli-dashboard",
        "dashboard", "--no-open");
    assertEquals(0, run.status(), run.all());
    assertEquals(daemon.baseUrl() + "/#token=" + daemon.token(), run.out().strip(), run.all());
  }

  /** {@code python3 -m http.server port}, stopped after the test. */
  private void listen(int port) throws Exception {
    // Debian's interpreter when there, so the command line reads the same on every machine.
    String python =
        Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    Process p = new ProcessBuilder(python, "-m", "http.server", Integer.toString(port),
        "--bind", "127.0.0.1").redirectErrorStream(true)
        .redirectOutput(dir.resolve("python-" + port + ".out").toFile()).start();
    listeners.add(p);
    OutsideListenerIT.awaitListening(p, port);
  }

  private void openLoggedIn(int width, int height) {
    browser = HeadlessChromium.start(profile, width, height);
    browser.get(daemon.baseUrl() + "/#token=" + daemon.token());
    wait(10).until(d -> Boolean.TRUE.equals(script("return window.styxyDashboard.loaded")));
    wait(5).until(ExpectedConditions.textToBe(By.id("connection"), "live"));
  }

  private WebElement row(String lock) {
    return wait(5).until(ExpectedConditions.presenceOfElementLocated(rowBy(lock)));
  }

  private static By rowBy(String lock) {
    return By.cssSelector("#rows tr[data-lock='" + lock + "']");
  }

  private WebDriverWait wait(int seconds) {
    return new WebDriverWait(browser, Duration.ofSeconds(seconds));
  }

  private Object script(String js) {
    return browser.executeScript(js);
  }

  /** Allocates through the API, owned by this JVM (alive for the whole test); the lock id. */
  static String allocate(String type, String name, String instance, String project) {
    StringBuilder json = new StringBuilder("{\"service_type\":\"" + type
        + "\",\"service_name\":\"" + name + "\",\"instance_id\":\"" + instance
        + "\",\"pid\":" + OWNER);
    if (project != null) {
      json.append(",\"project_path\":\"").append(project.replace("\"", "\\\"")).append('"');
    }
    HttpResponse<String> reply = daemon.post("/allocate", json.append('}').toString());
    assertEquals(200, reply.statusCode(), reply.body());
    Matcher lock = LOCK.matcher(reply.body());
    Matcher port = PORT.matcher(reply.body());
    assertTrue(lock.find() && port.find(), reply.body());
    PORTS.put(lock.group(1), Integer.parseInt(port.group(1)));
    return lock.group(1);
  }

}
