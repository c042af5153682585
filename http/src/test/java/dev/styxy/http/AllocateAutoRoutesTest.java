package dev.styxy.http;

import static dev.styxy.http.ApiFixture.authed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.styxy.config.AutoAllocationConfig;
import dev.styxy.config.ServiceCatalog;
import dev.styxy.http.ApiFixture.Reply;
import java.util.List;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.server.Route;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** {@code POST /allocate} with auto-allocation on: unknown types get a range, not a 400. */
class AllocateAutoRoutesTest {
  static final ServiceCatalog AUTO = new ServiceCatalog(ApiFixture.catalog().types(),
      new AutoAllocationConfig(true, 10, "after", 62400, 62900, false, 0));
  static final ApiFixture fx = new ApiFixture("AllocateAutoRoutesTest", AUTO);
  static final Route route = fx.api(ApiFixture.SETTINGS, ApiFixture.TOKEN).routes();

  @AfterAll
  static void shutdown() {
    fx.close();
  }

  static Reply allocate(String json) {
    return fx.call(route,
        authed(HttpRequest.POST("/allocate").withEntity(ContentTypes.APPLICATION_JSON, json)));
  }

  @Test
  void firstRequestForANewTypeGetsTheOriginalsAutoAllocationKeysAndLaterOnesDoNot() {
    Reply first = allocate("{\"service_type\":\"grafana\"}");
    assertEquals(200, first.status(), first.body());
    JsonNode j = first.json();
    assertEquals(List.of("success", "port", "lock_id", "message", "reasons", "auto_allocated",
        "allocated_range", "chunk_size", "placement"), AllocateRoutesTest.keys(j));
    assertEquals(62400, j.get("port").asInt());
    assertEquals(true, j.get("auto_allocated").asBoolean());
    assertEquals("[62400,62409]", j.get("allocated_range").toString());
    assertEquals(10, j.get("chunk_size").asInt());
    assertEquals("after", j.get("placement").asText());

    Reply second = allocate("{\"service_type\":\"grafana\"}");
    assertEquals(200, second.status(), second.body());
    assertEquals(62401, second.json().get("port").asInt());
    assertFalse(second.json().has("auto_allocated"), second.body());
  }

  @Test
  void invalidNewTypeNameIsABadRequest() {
    allocate("{\"service_type\":\"bad_type!\"}").assertError(400, "INVALID_ARGUMENT");
  }
}
