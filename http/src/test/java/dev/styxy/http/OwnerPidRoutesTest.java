package dev.styxy.http;

import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.handleExceptions;
import static org.apache.pekko.http.javadsl.server.Directives.handleRejections;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.styxy.actors.PortRegistry;
import dev.styxy.actors.StateView;
import dev.styxy.actors.os.ProcessUsers;
import dev.styxy.persistence.RegistryState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.server.Route;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Owner pids of another OS user are refused with 403 and change nothing; pids of the daemon's
 * user are accepted. A fake {@code /proc} says which user each pid belongs to: the daemon runs as
 * uid 1000, this JVM's pid belongs to uid 1001, pid 4242 does not exist.
 */
class OwnerPidRoutesTest {
  static final ApiFixture fx = new ApiFixture("OwnerPidRoutesTest");
  static final long OWN = ProcessHandle.current().pid();
  @TempDir static Path proc;
  static Route strangers;
  static Route same;

  @BeforeAll
  static void routes() throws IOException {
    status(proc.resolve("other"), "self", 1000);
    status(proc.resolve("other"), Long.toString(OWN), 1001);
    status(proc.resolve("same"), "self", 1001);
    status(proc.resolve("same"), Long.toString(OWN), 1001);
    strangers = sealed(new ProcessUsers(proc.resolve("other")));
    same = sealed(new ProcessUsers(proc.resolve("same")));
  }

  @AfterAll
  static void shutdown() {
    fx.close();
  }

  private static void status(Path root, String pid, int uid) throws IOException {
    Files.createDirectories(root.resolve(pid));
    Files.writeString(root.resolve(pid).resolve("status"),
        "Name:\tjava\nUid:\t" + uid + "\t" + uid + "\t" + uid + "\t" + uid + "\n");
  }

  /** The allocate and instance routes behind the request id and the JSON error handling. */
  private static Route sealed(ProcessUsers users) {
    RegistryClient client = new RegistryClient(fx.registry, fx.supervisor,
        ApiFixture.SETTINGS.askTimeout(), fx.kit.system().scheduler());
    Route inner = concat(
        new AllocateRoutes(client, 10240, ApiFixture.SETTINGS.askTimeout(),
            ApiFixture.HEALTH.maxLeaseTtl(), fx.metrics, users).routes(),
        new InstanceRoutes(client, 10240, ApiFixture.SETTINGS.askTimeout(), users).routes());
    return ApiGuards.withRequestId(id -> handleExceptions(ApiErrors.exceptionHandler(id), () ->
        handleRejections(ApiErrors.rejectionHandler(id), () -> inner)));
  }

  static RegistryState state() {
    TestProbe<StateView> probe = fx.kit.createTestProbe();
    fx.registry.tell(new PortRegistry.GetState(probe.getRef()));
    return probe.receiveMessage().state();
  }

  static ApiFixture.Reply post(Route route, String path, String body) {
    return fx.call(route, HttpRequest.POST(path).withEntity(ContentTypes.APPLICATION_JSON, body));
  }

  @Test
  void anotherUsersPidCannotOwnAnAllocation() {
    RegistryState before = state();
    JsonNode j = post(strangers, "/allocate", "{\"service_type\":\"web\",\"pid\":" + OWN + "}")
        .assertError(403, "FORBIDDEN");
    assertTrue(j.get("error").asText().contains("belongs to another user"), j.toString());
    assertEquals(before, state());
  }

  @Test
  void anotherUsersPidCannotOwnAnInstance() {
    RegistryState before = state();
    post(strangers, "/instance/register", "{\"instance_id\":\"stranger\",\"pid\":" + OWN + "}")
        .assertError(403, "FORBIDDEN");
    assertEquals(before, state());
  }

  @Test
  void aPidWithNoProcessIsABadArgument() {
    JsonNode j = post(same, "/instance/register", "{\"instance_id\":\"ghost\",\"pid\":4242}")
        .assertError(400, "INVALID_ARGUMENT");
    assertEquals("no process with pid 4242", j.get("error").asText());
    post(same, "/allocate", "{\"service_type\":\"web\",\"pid\":4242}")
        .assertError(400, "INVALID_ARGUMENT");
  }

  @Test
  void theDaemonsOwnUsersPidsAreAccepted() {
    ApiFixture.Reply allocated =
        post(same, "/allocate", "{\"service_type\":\"web\",\"pid\":" + OWN + "}");
    assertEquals(200, allocated.status(), allocated.body());
    ApiFixture.Reply registered =
        post(same, "/instance/register", "{\"instance_id\":\"mine\",\"pid\":" + OWN + "}");
    assertEquals(200, registered.status(), registered.body());
  }
}
