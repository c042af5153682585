package dev.styxy.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.styxy.http.ApiJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL journal against a real server: a registry moved H2 → PostgreSQL → H2 with
 * {@code styxy journal export|import} keeps its allocations, ports and state; a journal that is
 * not empty refuses an import; a password file readable by others and an unreachable database
 * stop the start with one line. Runs in failsafe's {@code postgres} execution.
 */
class PostgresJournalIT extends LiveDaemonTest {
  private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(30);
  private static final Map<String, String> H2 = Map.of("STYXY_JOURNAL", "h2");

  @BeforeEach
  void onlyAgainstPostgres() {
    PostgresServer.assumeSelected();
  }

  @Test
  void aRegistryMovedFromH2ToPostgresAndBackKeepsItsAllocationsPortsAndState() throws Exception {
    Path first = Files.createDirectory(dir.resolve("h2-first"));
    daemon = DaemonProcess.start(first, DaemonProcess.freePort(), dir, "h2-first", List.of(), H2);
    daemon.awaitReady();
    allocate("{\"service_type\":\"dev\",\"service_name\":\"web\"}");
    allocate("{\"service_type\":\"grafana\",\"lease_ttl_s\":600}");
    String gone = allocate("{\"service_type\":\"api\",\"service_name\":\"tmp\"}");
    assertEquals(200, daemon.send(daemon.request("/allocate/" + gone).DELETE()).statusCode());
    Map<String, Integer> before = allocations();
    Path h2Export = dir.resolve("h2.jsonl");
    assertEquals(0, cli(first, "export-h2", "journal", "export", "-o", h2Export.toString())
        .status());
    daemon.close();

    Path pg = Files.createDirectory(dir.resolve("pg"));
    daemon = DaemonProcess.startReady(pg, DaemonProcess.freePort(), dir, "pg");
    DaemonProcess.CliRun imported = cli(pg, "import-pg", "journal", "import", h2Export.toString());
    assertEquals(0, imported.status(), imported.all());
    assertTrue(imported.out().contains("Consistency check passed"), imported.all());
    assertEquals(before, allocations());
    DaemonProcess.CliRun again = cli(pg, "again-pg", "journal", "import", h2Export.toString());
    assertEquals(3, again.status(), again.all());
    assertTrue(again.err().startsWith("JOURNAL_NOT_EMPTY: "), again.all());
    Path pgExport = dir.resolve("pg.jsonl");
    assertEquals(0, cli(pg, "export-pg", "journal", "export", "-o", pgExport.toString())
        .status());
    daemon.close();

    Path back = Files.createDirectory(dir.resolve("h2-back"));
    daemon = DaemonProcess.start(back, DaemonProcess.freePort(), dir, "h2-back", List.of(), H2);
    daemon.awaitReady();
    DaemonProcess.CliRun home = cli(back, "import-h2", "journal", "import", pgExport.toString());
    assertEquals(0, home.status(), home.all());
    assertEquals(before, allocations());
    assertEquals(summary(h2Export), summary(pgExport));
  }

  @Test
  void aPasswordFileReadableByOthersStopsTheStartWithOneLine() throws Exception {
    Path home = Files.createDirectory(dir.resolve("home"));
    Path file = Files.writeString(dir.resolve("password"), "secret\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    Map<String, String> env = new HashMap<>(DaemonProcess.journalEnvironment(home));
    env.put("STYXY_POSTGRES_PASSWORD_FILE", file.toString());
    daemon = DaemonProcess.start(home, DaemonProcess.freePort(), dir, "loose", List.of(), env);

    assertEquals(1, daemon.awaitExit(EXIT_TIMEOUT), daemon.output());
    assertEquals("styxy.postgres.password-file " + file + " must be readable by its owner only "
        + "(mode 0600), is 0644; run: chmod 600 " + file, daemon.stderr().strip());
  }

  @Test
  void anUnreachableDatabaseStopsTheStartWithOneLineNamingTheUrl() throws Exception {
    Path home = Files.createDirectory(dir.resolve("home"));
    Map<String, String> env = new HashMap<>(DaemonProcess.journalEnvironment(home));
    String url = "jdbc:postgresql://127.0.0.1:" + DaemonProcess.freePort() + "/styxy";
    env.put("STYXY_POSTGRES_URL", url);
    daemon = DaemonProcess.start(home, DaemonProcess.freePort(), dir, "down", List.of(), env);

    assertEquals(1, daemon.awaitExit(EXIT_TIMEOUT), daemon.output());
    assertEquals("cannot open the PostgreSQL journal at " + url + " as styxy: Connection refused",
        daemon.stderr().strip());
  }

  private String allocate(String body) throws Exception {
    var reply = daemon.post("/allocate", body);
    assertEquals(200, reply.statusCode(), reply.body());
    return ApiJson.mapper().readTree(reply.body()).path("lock_id").asText();
  }

  /** Lock id → port of every live allocation. */
  private Map<String, Integer> allocations() throws Exception {
    var list = daemon.get("/allocations");
    assertEquals(200, list.statusCode(), list.body());
    Map<String, Integer> out = new TreeMap<>();
    for (JsonNode a : ApiJson.mapper().readTree(list.body()).path("allocations")) {
      out.put(a.path("lock_id").asText(), a.path("port").asInt());
    }
    return out;
  }

  private DaemonProcess.CliRun cli(Path home, String name, String... args) throws Exception {
    return DaemonProcess.cli(Map.of("STYXY_HOME", home.toString(), "STYXY_DAEMON_PORT",
        Integer.toString(daemon.port())), dir, name, args);
  }

  private static String summary(Path export) throws Exception {
    List<String> lines = Files.readAllLines(export);
    return lines.get(lines.size() - 1);
  }
}
