package dev.styxy.actors.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.styxy.actors.os.ProcNet;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The health-URL probe against real loopback servers: a 2xx is healthy, and a redirect is a
 * failed check that is never followed, so a {@code health_url} on loopback cannot bounce the
 * daemon's request to another address.
 */
class OsHealthProbeTest {
  private final AtomicInteger elsewhereHits = new AtomicInteger();
  private HttpServer local;
  private HttpServer elsewhere;
  private ExecutorService executor;
  private OsHealthProbe probe;

  @BeforeEach
  void servers() throws IOException {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    elsewhere = HttpServer.create(new InetSocketAddress(loopback, 0), 0);
    elsewhere.createContext("/", exchange -> {
      elsewhereHits.incrementAndGet();
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    elsewhere.start();
    local = HttpServer.create(new InetSocketAddress(loopback, 0), 0);
    local.createContext("/ok", exchange -> {
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    local.createContext("/moved", exchange -> {
      exchange.getResponseHeaders().add("Location",
          "http://127.0.0.1:" + elsewhere.getAddress().getPort() + "/secret");
      exchange.sendResponseHeaders(302, -1);
      exchange.close();
    });
    local.start();
    executor = Executors.newSingleThreadExecutor();
    probe = new OsHealthProbe(new ListeningPorts(new ProcNet(), Duration.ZERO, Clock.systemUTC()),
        (pid, startedAt) -> true, executor, Duration.ofSeconds(5));
  }

  @AfterEach
  void stop() {
    local.stop(0);
    elsewhere.stop(0);
    executor.shutdownNow();
  }

  private ProbeResult probe(String path) throws Exception {
    String url = "http://127.0.0.1:" + local.getAddress().getPort() + path;
    return probe.probe(new ProbeTarget(local.getAddress().getPort(), null, null, url))
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void aTwoHundredIsHealthy() throws Exception {
    ProbeResult r = probe("/ok");
    assertTrue(r.urlHealthy(), r.toString());
    assertTrue(r.listening(), r.toString());
  }

  @Test
  void aRedirectIsUnhealthyAndNotFollowed() throws Exception {
    ProbeResult r = probe("/moved");
    assertFalse(r.urlHealthy(), r.toString());
    assertEquals("HTTP 302", r.urlDetail());
    assertEquals(0, elsewhereHits.get(), "the redirect target was requested");
  }
}
