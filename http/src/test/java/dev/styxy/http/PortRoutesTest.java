package dev.styxy.http;

import static dev.styxy.http.ApiFixture.authed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.styxy.http.ApiFixture.Reply;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.server.Route;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PortRoutesTest {
  static final ApiFixture fx = new ApiFixture("PortRoutesTest");
  static final Route route = fx.api(ApiFixture.SETTINGS, ApiFixture.TOKEN).routes();
  static ServerSocket held;

  @BeforeAll
  static void listen() throws IOException {
    held = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
  }

  @AfterAll
  static void shutdown() throws IOException {
    held.close();
    fx.close();
  }

  static Reply get(String uri) {
    return fx.call(route, authed(HttpRequest.GET(uri)));
  }

  static JsonNode allocate(String name) {
    return fx.call(route, authed(HttpRequest.POST("/allocate").withEntity(
        ContentTypes.APPLICATION_JSON, "{\"service_type\":\"web\",\"service_name\":\"" + name
            + "\"}"))).json();
  }

  @Test
  void checkOfAnAllocatedPortNamesTheAllocation() {
    JsonNode a = allocate("checked");
    int port = a.get("port").asInt();
    Reply r = get("/check/" + port);
    assertEquals(200, r.status(), r.body());
    JsonNode j = r.json();
    assertEquals(port, j.get("port").asInt());
    assertFalse(j.get("available").asBoolean());
    assertEquals(a.get("lock_id").asText(), j.get("allocated_to").get("lock_id").asText());
    assertEquals("checked", j.get("allocated_to").get("service_name").asText());
    assertTrue(j.get("system_usage").isNull(), "nothing listens on it: " + r.body());
  }

  @Test
  void checkOfAnAllocatedPortShowsItsHealthAndLease() {
    JsonNode a = fx.call(route, authed(HttpRequest.POST("/allocate").withEntity(
        ContentTypes.APPLICATION_JSON, "{\"service_type\":\"web\",\"service_name\":\"leased\","
            + "\"lease_ttl_s\":120,\"health_url\":\"http://[::1]:62148/health\"}"))).json();
    JsonNode to = get("/check/" + a.get("port").asInt()).json().get("allocated_to");
    assertEquals("STARTING", to.get("health").get("state").asText(), to.toString());
    assertTrue(to.get("health").get("since").asText().endsWith("Z"), to.toString());
    assertEquals(a.get("lease_expires_at"), to.get("lease_expires_at"));
    assertEquals(120, to.get("lease_ttl_s").asInt());
    assertEquals("http://[::1]:62148/health", to.get("health_url").asText());
  }

  @Test
  void checkOfAPortHeldByThisProcessNamesUs() {
    Reply r = get("/check/" + held.getLocalPort());
    JsonNode j = r.json();
    assertFalse(j.get("available").asBoolean(), r.body());
    assertTrue(j.get("allocated_to").isNull());
    JsonNode usage = j.get("system_usage");
    assertEquals(ProcessHandle.current().pid(), usage.get("pid").asLong(), r.body());
    // java.net.ServerSocket binds an IPv6 socket, so 127.0.0.1 may show as [::ffff:127.0.0.1].
    assertTrue(usage.get("local_address").asText().endsWith("127.0.0.1]:" + held.getLocalPort())
        || usage.get("local_address").asText().equals("127.0.0.1:" + held.getLocalPort()),
        r.body());
    assertTrue(usage.get("protocol").asText().startsWith("tcp"));
    assertTrue(usage.has("command") && usage.has("process"), r.body());
  }

  @Test
  void checkOfAFreePortIsAvailable() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = s.getLocalPort();
    }
    JsonNode j = get("/check/" + port).json();
    assertTrue(j.get("available").asBoolean(), j.toString());
    assertTrue(j.get("system_usage").isNull());
    assertEquals("{\"port\":" + port + ",\"available\":true,\"allocated_to\":null,"
        + "\"system_usage\":null}", j.toString());
  }

  @Test
  void checkRejectsPortsThatAreNotPorts() {
    for (String bad : new String[] {"abc", "0", "70000", "-1", "3000abc"}) {
      JsonNode j = get("/check/" + bad).assertError(400, "INVALID_ARGUMENT");
      assertTrue(j.get("error").asText().startsWith("Invalid port number: "), j.toString());
    }
  }

  @Test
  void scanListsListenersAndAllocationsInAscendingOrder() {
    int port = held.getLocalPort();
    Reply r = get("/scan?start=" + port + "&end=" + port);
    JsonNode j = r.json();
    assertEquals(port + "-" + port, j.get("scan_range").asText());
    assertEquals(1, j.get("ports_in_use").size(), r.body());
    JsonNode used = j.get("ports_in_use").get(0);
    assertEquals(port, used.get("port").asInt());
    assertTrue(used.get("allocated_to").isNull());
    assertEquals(ProcessHandle.current().pid(), used.get("system_usage").get("pid").asLong());

    int a = allocate("scan-a").get("port").asInt();
    int b = allocate("scan-b").get("port").asInt();
    JsonNode range = get("/scan?start=62100&end=62149").json();
    int last = 0;
    boolean sawA = false;
    boolean sawB = false;
    for (JsonNode p : range.get("ports_in_use")) {
      assertTrue(p.get("port").asInt() > last, range.toString());
      last = p.get("port").asInt();
      sawA |= last == a && !p.get("allocated_to").isNull();
      sawB |= last == b && !p.get("allocated_to").isNull();
    }
    assertTrue(sawA && sawB, range.toString());
  }

  @Test
  void scanDefaultsToAHundredPortsFromStart() {
    assertEquals("3000-3099", get("/scan").json().get("scan_range").asText());
    assertEquals("62100-62199", get("/scan?start=62100").json().get("scan_range").asText());
    assertEquals("65500-65535", get("/scan?start=65500").json().get("scan_range").asText());
  }

  @Test
  void scanRejectsInvalidRanges() {
    get("/scan?start=abc").assertError(400, "INVALID_ARGUMENT");
    get("/scan?start=10&end=70000").assertError(400, "INVALID_ARGUMENT");
    get("/scan?start=0").assertError(400, "INVALID_ARGUMENT");
    JsonNode j = get("/scan?start=5000&end=3999").assertError(400, "INVALID_ARGUMENT");
    assertTrue(j.get("error").asText().contains("5000"), j.toString());
  }
}
