package dev.styxy.http;

import static dev.styxy.http.ApiFixture.authed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.styxy.http.ApiFixture.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.server.Route;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /import}: the daemon reads an original {@code daemon.state} and imports it. */
class ImportRoutesTest {
  static final ApiFixture fx = new ApiFixture("ImportRoutesTest");
  static final Route route = fx.api(ApiFixture.SETTINGS, ApiFixture.TOKEN).routes();

  @TempDir
  Path dir;

  @AfterAll
  static void shutdown() {
    fx.close();
  }

  static Reply importState(String body) {
    return fx.call(route, authed(HttpRequest.POST("/import")
        .withEntity(ContentTypes.APPLICATION_JSON, body)));
  }

  static String pathBody(Path file) {
    return "{\"path\":" + ApiJson.write(file.toString()) + "}";
  }

  @Test
  void importReadsTheFileAndAnswersTheCounts() throws Exception {
    Path file = Files.writeString(dir.resolve("daemon.state"), """
        {"allocations":[{"service_type":"web","service_name":"shop","port":62120},
                        {"service_type":"nope","port":62121}],
         "instances":[{"id":"agent-imp","metadata":{"a":1}}]}
        """);

    Reply r = importState(pathBody(file));

    assertEquals(200, r.status(), r.body());
    JsonNode j = r.json();
    assertTrue(j.get("success").asBoolean());
    assertEquals(1, j.get("allocations").asInt());
    assertEquals(1, j.get("instances").asInt());
    assertEquals("allocation #2 (port 62121): service type 'nope' is not configured here",
        j.get("skipped").get(0).asText());
    assertEquals("Imported 1 allocation(s) and 1 instance(s); skipped 1 record(s)",
        j.get("message").asText());
    String listed = fx.call(route, authed(HttpRequest.GET("/allocations"))).body();
    assertTrue(listed.contains("\"port\":62120"), listed);
  }

  @Test
  void importWithoutATokenIsUnauthorized() {
    fx.call(route, HttpRequest.POST("/import").withEntity(ContentTypes.APPLICATION_JSON,
        "{\"path\":\"/tmp/daemon.state\"}")).assertError(401, "UNAUTHORIZED");
  }

  @Test
  void missingFileIsAnInvalidArgumentNamingIt() {
    Path file = dir.resolve("absent.state");

    JsonNode j = importState(pathBody(file)).assertError(400, "INVALID_ARGUMENT");

    assertEquals("Cannot import " + file + ": no such file", j.get("error").asText());
  }

  @Test
  void fileThatIsNotAStateFileIsAnInvalidArgument() throws Exception {
    Path file = Files.writeString(dir.resolve("daemon.state"), "{\"allocations\":[]}");

    JsonNode j = importState(pathBody(file)).assertError(400, "INVALID_ARGUMENT");

    assertEquals("Cannot import " + file + ": the state file has no \"instances\" array",
        j.get("error").asText());
  }

  @Test
  void relativePathIsRefused() {
    importState("{\"path\":\"daemon.state\"}").assertError(400, "INVALID_ARGUMENT");
  }

  @Test
  void missingPathOrAnotherFieldIsAnInvalidRequest() {
    importState("{}").assertError(400, "INVALID_REQUEST");
    importState("{\"path\":\"/x\",\"force\":true}").assertError(400, "INVALID_REQUEST");
  }
}
