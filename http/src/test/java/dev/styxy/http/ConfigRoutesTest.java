package dev.styxy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.styxy.config.AutoAllocationConfig;
import dev.styxy.config.ServiceCatalog;
import dev.styxy.http.ApiFixture.Reply;
import java.io.IOException;
import java.nio.file.Files;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.server.Route;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** {@code /config} and {@code /suggest} with auto-allocated types; {@code /config/validate}. */
class ConfigRoutesTest {
  private static final ApiFixture fixture = new ApiFixture("ConfigRoutesTest",
      new ServiceCatalog(ApiFixture.catalog().types(),
          new AutoAllocationConfig(true, 10, "after", 62400, 62900, false, 0)));

  private static final Route route = fixture.api(ApiFixture.SETTINGS, ApiFixture.TOKEN).routes();

  @AfterAll
  static void shutdown() {
    fixture.close();
  }

  private static Reply get(String path) {
    return fixture.call(route, ApiFixture.authed(HttpRequest.GET(path)));
  }

  @Test
  void configAndSuggestIncludeAutoAllocatedTypesMarkedAuto() {
    Reply allocated = fixture.call(route, ApiFixture.authed(HttpRequest.POST("/allocate")
        .withEntity(ContentTypes.APPLICATION_JSON, "{\"service_type\":\"grafana\"}")));
    assertEquals(200, allocated.status(), allocated.body());

    JsonNode types = get("/config").json().get("service_types");
    assertEquals("core", types.get("web").get("source").asText());
    JsonNode grafana = types.get("grafana");
    assertEquals("auto", grafana.get("source").asText(), types.toString());
    assertEquals("[62400,62409]", grafana.get("range").toString());
    assertEquals("Auto-allocated service type for grafana",
        grafana.get("description").asText());

    Reply suggest = get("/suggest/grafana?count=2");
    assertEquals(200, suggest.status(), suggest.body());
    assertEquals("[62401,62402]", suggest.json().get("suggestions").toString());
  }

  @Test
  void unknownTypeForSuggestIsA404NamingTheKnownTypes() {
    JsonNode error = get("/suggest/nope").assertError(404, "UNKNOWN_SERVICE_TYPE");
    assertTrue(error.get("error").asText().contains("web, ai, tiny"), error.toString());
  }

  @Test
  void validateListsEveryProblemOfTheFileAndNeverFails() throws IOException {
    Files.writeString(fixture.configFiles.userConfigFile(), "{\"service_types\":{"
        + "\"low\":{\"preferred_ports\":[100],\"port_range\":[80,90]}}}");
    JsonNode bad = get("/config/validate").json();

    Files.writeString(fixture.configFiles.userConfigFile(), "{\"service_types\": [");
    Reply malformed = get("/config/validate");

    Files.delete(fixture.configFiles.userConfigFile());
    JsonNode good = get("/config/validate").json();

    assertFalse(bad.get("valid").asBoolean());
    assertEquals(2, bad.get("problems").size(), bad.toString());
    assertEquals(200, malformed.status(), malformed.body());
    assertFalse(malformed.json().get("valid").asBoolean());
    assertTrue(malformed.json().get("problems").get(0).asText().contains("malformed JSON"));
    assertEquals("{\"valid\":true,\"problems\":[]}", good.toString());
  }
}
