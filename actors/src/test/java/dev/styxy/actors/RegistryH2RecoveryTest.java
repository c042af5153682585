package dev.styxy.actors;

import static dev.styxy.actors.RegistryFixtures.deps;
import static dev.styxy.actors.RegistryFixtures.request;
import static dev.styxy.actors.RegistryFixtures.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.styxy.persistence.Allocation;
import dev.styxy.persistence.RegistryState;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry on the real embedded journal: H2 files in a temporary folder, one ActorSystem per
 * daemon run, so a restart reads back only what reached the file.
 */
class RegistryH2RecoveryTest {
  private static final String PID = PortRegistry.PERSISTENCE_ID.id();
  private static final String URL_KEY = "pekko-persistence-jdbc.shared-databases.default.db.url";

  @TempDir
  Path dir;

  private ActorTestKit kit;

  @AfterEach
  void stopDaemon() {
    if (kit != null) {
      kit.shutdownTestKit();
    }
  }

  /** Starts a "daemon run": a fresh ActorSystem on the journal in {@link #dir}, schema ensured. */
  private ActorTestKit start() throws Exception {
    kit = ActorTestKit.create("RegistryH2RecoveryTest",
        Journal.h2(dir).withFallback(ConfigFactory.load()));
    Journal.createSchema(kit.system()).toCompletableFuture().get(30, TimeUnit.SECONDS);
    return kit;
  }

  private void stop() {
    kit.shutdownTestKit();
    kit = null;
  }

  private ActorRef<PortRegistry.Command> registry(int snapshotEvery) {
    return kit.spawn(PortRegistry.create(deps(settings(snapshotEvery, 50, 100))));
  }

  private static Allocation allocate(ActorTestKit kit, ActorRef<PortRegistry.Command> registry,
      String type) {
    TestProbe<AllocateReply> client =
        kit.createTestProbe(AllocateReply.class);
    registry.tell(new PortRegistry.Allocate(request(type), client.getRef()));
    return client.expectMessageClass(AllocateReply.Allocated.class).allocation();
  }

  private static void release(ActorTestKit kit, ActorRef<PortRegistry.Command> registry,
      Allocation a) {
    var client = kit.createTestProbe(ReleaseReply.class);
    registry.tell(new PortRegistry.Release(a.id(), "released", "r", "http", client.getRef()));
    client.expectMessageClass(ReleaseReply.Released.class);
  }

  private static RegistryState stateOf(ActorTestKit kit, ActorRef<PortRegistry.Command> registry) {
    TestProbe<StateView> reader = kit.createTestProbe(StateView.class);
    registry.tell(new PortRegistry.GetState(reader.getRef()));
    return reader.receiveMessage().state();
  }

  /** Opens the journal file directly, as an operator's SQL shell would. */
  private Connection sql() throws SQLException {
    return DriverManager.getConnection(Journal.h2(dir).getString(URL_KEY), "sa", "");
  }

  private long count(String query) throws SQLException {
    try (Connection c = sql(); PreparedStatement st = c.prepareStatement(query)) {
      st.setString(1, PID);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** Writes 12 allocations and one release with a snapshot every 5 events; returns the state. */
  private RegistryState writeThirteenEvents() throws Exception {
    start();
    ActorRef<PortRegistry.Command> registry = registry(5);
    for (int i = 0; i < 12; i++) {
      allocate(kit, registry, "dev");
    }
    release(kit, registry, stateOf(kit, registry).atPort(3004).orElseThrow());
    RegistryState written = stateOf(kit, registry);
    var probe = kit.createTestProbe();
    probe.awaitAssert(() -> {
      try {
        assertEquals(10, count("SELECT MAX(\"sequence_number\") FROM \"snapshot\""
            + " WHERE \"persistence_id\" = ?"));
      } catch (SQLException e) {
        throw new AssertionError(e);
      }
      return null;
    });
    stop();
    return written;
  }

  @Test
  void registryRecoversItsAllocationsAfterADaemonRestart() throws Exception {
    start();
    ActorRef<PortRegistry.Command> registry = registry(100);
    for (int i = 0; i < 5; i++) {
      allocate(kit, registry, "dev");
    }
    release(kit, registry, stateOf(kit, registry).atPort(3001).orElseThrow());
    RegistryState written = stateOf(kit, registry);
    stop();

    start();
    RegistryState recovered = stateOf(kit, registry(100));

    assertEquals(written, recovered);
    assertEquals(4, recovered.size());
  }

  @Test
  void recoveredRegistryDoesNotHandOutRecoveredPortsAgain() throws Exception {
    start();
    ActorRef<PortRegistry.Command> registry = registry(100);
    allocate(kit, registry, "dev");
    allocate(kit, registry, "dev");
    stop();

    start();

    assertEquals(3002, allocate(kit, registry(100), "dev").port());
  }

  @Test
  void registryWritesASnapshotEveryNEvents() throws Exception {
    writeThirteenEvents();

    assertEquals(2, count("SELECT COUNT(*) FROM \"snapshot\" WHERE \"persistence_id\" = ?"));
  }

  @Test
  void registryRecoversFromTheSnapshotAndTheEventsAfterIt() throws Exception {
    RegistryState written = writeThirteenEvents();
    try (Connection c = sql(); PreparedStatement st = c.prepareStatement("DELETE FROM"
        + " \"event_journal\" WHERE \"persistence_id\" = ? AND \"sequence_number\" <= 10")) {
      st.setString(1, PID);
      assertEquals(10, st.executeUpdate());
    }

    start();
    RegistryState recovered = stateOf(kit, registry(5));

    assertEquals(written, recovered);
    assertEquals(11, recovered.size());
  }

  @Test
  void createSchemaTwiceOnTheSameDatabaseKeepsItsData() throws Exception {
    start();
    Allocation a = allocate(kit, registry(100), "dev");

    Journal.createSchema(kit.system()).toCompletableFuture().get(30, TimeUnit.SECONDS);

    assertEquals(1, count("SELECT COUNT(*) FROM \"event_journal\" WHERE \"persistence_id\" = ?"));
    stop();
    start();
    assertEquals(a, stateOf(kit, registry(100)).atPort(3000).orElseThrow());
  }

  @Test
  void createSchemaFailsWhenTheTablesCannotBeCreated() throws Exception {
    sql().close(); // an empty database: the read-only run below can open it but not change it
    String readOnly = Journal.h2(dir).getString(URL_KEY) + ";ACCESS_MODE_DATA=r";
    kit = ActorTestKit.create("RegistryH2RecoveryTest", ConfigFactory.parseMap(Map.of(URL_KEY,
        readOnly)).withFallback(Journal.h2(dir)).withFallback(ConfigFactory.load()));

    var schema = Journal.createSchema(kit.system()).toCompletableFuture();

    ExecutionException e = assertThrows(ExecutionException.class,
        () -> schema.get(30, TimeUnit.SECONDS));
    assertTrue(e.getCause().getMessage().contains("read only"), e.getCause().getMessage());
  }
}
