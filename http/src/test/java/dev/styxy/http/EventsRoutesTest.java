package dev.styxy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.styxy.actors.audit.AuditEntry;
import dev.styxy.actors.audit.LiveEvents;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.Done;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.stream.BufferOverflowException;
import org.apache.pekko.stream.javadsl.AsPublisher;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /events} on a real socket: live delivery and resume with {@code Last-Event-ID}. */
class EventsRoutesTest {
  static final ApiFixture fx = new ApiFixture("EventsRoutesTest");
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static ServerBinding binding;

  @BeforeAll
  static void bind() throws Exception {
    binding = ApiRoutes.bind(fx.kit.system(),
            fx.api(ApiFixture.SETTINGS, ApiFixture.TOKEN).routes(), "127.0.0.1", 0)
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterAll
  static void shutdown() throws Exception {
    binding.unbind().toCompletableFuture().get(10, TimeUnit.SECONDS);
    fx.close();
  }

  static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + binding.localAddress().getPort() + path);
  }

  static HttpRequest.Builder authed(String path) {
    return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10))
        .header("Authorization", "Bearer " + ApiFixture.TOKEN);
  }

  static JsonNode allocate(String name) throws Exception {
    HttpResponse<String> r = HTTP.send(authed("/allocate").header("Content-Type",
            "application/json").POST(BodyPublishers.ofString(
            "{\"service_type\":\"web\",\"service_name\":\"" + name + "\"}")).build(),
        BodyHandlers.ofString());
    return ApiJson.read(r.body(), JsonNode.class);
  }

  /** One server-sent event: its id (null when it has none), type and data. */
  record Event(String id, String type, JsonNode data) {}

  /** An open {@code /events} connection, read event by event. */
  static final class Follower implements AutoCloseable {
    final HttpResponse<InputStream> response;
    final BufferedReader lines;

    Follower(String lastEventId) throws Exception {
      HttpRequest.Builder b = HttpRequest.newBuilder(uri("/events"))
          .header("Authorization", "Bearer " + ApiFixture.TOKEN);
      if (lastEventId != null) {
        b.header("Last-Event-ID", lastEventId);
      }
      response = HTTP.send(b.GET().build(), BodyHandlers.ofInputStream());
      lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
    }

    Event next() throws IOException {
      String id = null;
      String type = null;
      StringBuilder data = new StringBuilder();
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.isEmpty() && data.length() > 0) {
          return new Event(id, type, ApiJson.read(data.toString(), JsonNode.class));
        } else if (line.startsWith("id:")) {
          id = line.substring(3).strip();
        } else if (line.startsWith("event:")) {
          type = line.substring(6).strip();
        } else if (line.startsWith("data:")) {
          data.append(line.substring(5).strip());
        }
      }
      throw new IOException("stream ended");
    }

    @Override
    public void close() throws IOException {
      response.body().close();
    }
  }

  @Test
  void anAllocationReachesAConnectedClientWithItsSequenceNumberAsId() throws Exception {
    try (Follower follower = new Follower(null)) {
      assertEquals(200, follower.response.statusCode());
      assertEquals("text/event-stream",
          follower.response.headers().firstValue("Content-Type").orElse(""));
      String lock = allocate("live").get("lock_id").asText();
      Event e = follower.next();
      assertEquals("allocated", e.type());
      assertEquals(lock, e.data().get("lock_id").asText());
      assertEquals(e.id(), e.data().get("seq").asText());
    }
  }

  @Test
  void aReconnectingClientGetsWhatItMissedFromTheJournalThenLiveEvents() throws Exception {
    String seen;
    try (Follower first = new Follower(null)) {
      allocate("before-drop");
      seen = first.next().id();
    }
    List<String> missed = new ArrayList<>();
    missed.add(allocate("missed-1").get("lock_id").asText());
    missed.add(allocate("missed-2").get("lock_id").asText());
    try (Follower again = new Follower(seen)) {
      Event one = again.next();
      Event two = again.next();
      assertEquals(missed, List.of(one.data().get("lock_id").asText(),
          two.data().get("lock_id").asText()));
      assertEquals(Long.parseLong(seen) + 1, Long.parseLong(one.id()));
      String live = allocate("after-resume").get("lock_id").asText();
      Event three = again.next();
      assertEquals(live, three.data().get("lock_id").asText());
      assertEquals(Long.parseLong(two.id()) + 1, Long.parseLong(three.id()));
    }
  }

  @Test
  void aClientThatDoesNotReadIsDroppedAndNeverSlowsThePublisher() throws Exception {
    EventsRoutes small = new EventsRoutes(fx.kit.system(), fx.journal(), 4);
    CompletionStage<Done> ended = small.stream(-1).watchTermination(Keep.right())
        .to(Sink.asPublisher(AsPublisher.WITHOUT_FANOUT)).run(fx.kit.system());
    CompletableFuture<Done> done = ended.toCompletableFuture();
    for (int i = 0; i < 200 && !done.isDone(); i++) {
      LiveEvents.publish(fx.kit.system(), AuditEntry.action(Instant.now(), AuditEntry.RECOVERED,
          "test", "flood " + i, Map.of()));
    }
    ExecutionException dropped = assertThrows(ExecutionException.class,
        () -> done.get(10, TimeUnit.SECONDS));
    assertTrue(dropped.getCause() instanceof BufferOverflowException, dropped.toString());
  }

  @Test
  void aMalformedLastEventIdIsRefused() throws Exception {
    HttpResponse<String> r = HTTP.send(authed("/events").header("Last-Event-ID", "abc").GET()
        .build(), BodyHandlers.ofString());
    assertEquals(400, r.statusCode(), r.body());
    assertTrue(r.body().contains("\"code\":\"INVALID_ARGUMENT\""), r.body());
  }
}
