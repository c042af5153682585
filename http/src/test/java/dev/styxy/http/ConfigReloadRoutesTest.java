package dev.styxy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.styxy.http.ApiFixture.Reply;
import java.io.IOException;
import java.nio.file.Files;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.server.Route;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** {@code POST /config/reload}: a bad file changes nothing, a good one is used at once. */
class ConfigReloadRoutesTest {
  private static final ApiFixture fixture = new ApiFixture("ConfigReloadRoutesTest");
  private static final Route route = fixture.api(ApiFixture.SETTINGS, ApiFixture.TOKEN).routes();

  @AfterAll
  static void shutdown() {
    fixture.close();
  }

  private static Reply reload() {
    return fixture.call(route, ApiFixture.authed(HttpRequest.POST("/config/reload")));
  }

  private static JsonNode types() {
    return fixture.call(route, ApiFixture.authed(HttpRequest.GET("/config"))).json()
        .get("service_types");
  }

  @Test
  void aFileThatDoesNotLoadIsRefusedAndTheGoodOneIsUsedAtOnce() throws IOException {
    Files.writeString(fixture.configFiles.userConfigFile(), "{\"service_types\":{\"reloaded\":{"
        + "\"port_range\":[62700,62709],\"colour\":\"blue\"}}}");
    JsonNode refused = reload().assertError(400, "INVALID_ARGUMENT");
    assertTrue(refused.get("error").asText().startsWith(
        "config.json: service_types.reloaded.colour: unknown key"), refused.toString());
    assertTrue(refused.get("error").asText().endsWith("the running configuration is unchanged"));
    assertEquals(3, types().size(), "still the catalog the daemon started with");

    Files.writeString(fixture.configFiles.userConfigFile(), "{\"service_types\":{\"reloaded\":{"
        + "\"description\":\"added while running\",\"port_range\":[62700,62709]}}}");
    Reply reloaded = reload();
    assertEquals(200, reloaded.status(), reloaded.body());
    assertEquals(18, reloaded.json().get("types").asInt(), "17 core types and the user's");
    assertEquals("Configuration reloaded: 18 service types",
        reloaded.json().get("message").asText());
    assertEquals("user", types().get("reloaded").get("source").asText());

    Reply allocated = fixture.call(route, ApiFixture.authed(HttpRequest.POST("/allocate")
        .withEntity(ContentTypes.APPLICATION_JSON, "{\"service_type\":\"reloaded\"}")));
    assertEquals(200, allocated.status(), allocated.body());
    assertEquals(62700, allocated.json().get("port").asInt());
  }

  @Test
  void reloadNeedsTheToken() {
    fixture.call(route, HttpRequest.POST("/config/reload")).assertError(401, "UNAUTHORIZED");
  }
}
