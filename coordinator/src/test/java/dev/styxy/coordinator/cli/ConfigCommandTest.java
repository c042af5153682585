package dev.styxy.coordinator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.styxy.http.ApiJson;
import dev.styxy.http.api.ConfigResponse;
import dev.styxy.http.api.ServiceTypeView;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code config show} output and {@code config validate --file}, which needs no daemon. */
class ConfigCommandTest {
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine commandLine = new CommandLine(new ConfigCommand());
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  @Test
  void validateAFileWithProblemsListsEachAndExitsOne() throws IOException {
    Path file = Files.writeString(dir.resolve("config.json"), "{\"service_types\":{"
        + "\"low\":{\"preferred_ports\":[100],\"port_range\":[80,90]}}}");

    assertEquals(ExitCodes.FAILURE, run("validate", "--file", file.toString()));

    assertEquals("❌ 2 problem(s):\n"
        + "  - config.json: service_types.low.preferred_ports: 100 is outside port_range 80-90\n"
        + "  - config.json: service_types.low.port_range: 80-90 starts below 1024 (privileged"
        + " ports)\n", out.toString());
  }

  @Test
  void validateASoundFileExitsZeroAndJsonIsTheSameShapeAsTheRoute() throws IOException {
    Path file = Files.writeString(dir.resolve("config.json"),
        "{\"service_types\":{\"web\":{\"port_range\":[13000,13019]}}}");

    assertEquals(ExitCodes.OK, run("validate", "--json", "-f", file.toString()));

    JsonNode json = ApiJson.read(out.toString().strip(), JsonNode.class);
    assertEquals("{\"valid\":true,\"problems\":[]}", json.toString());
  }

  @Test
  void validateAMalformedFileIsAProblemNotACrash() throws IOException {
    Path file = Files.writeString(dir.resolve("config.json"), "{\"service_types\": [");

    assertEquals(ExitCodes.FAILURE, run("validate", "--file", file.toString()));
    assertTrue(out.toString().contains("malformed JSON"), out.toString());
  }

  @Test
  void validateAMissingFileIsNotFound() {
    assertEquals(ExitCodes.NOT_FOUND, run("validate", "--file", dir.resolve("nope").toString()));
    assertTrue(err.toString().contains("no such file"), err.toString());
  }

  @Test
  void showMarksEachTypesSource() {
    Map<String, ServiceTypeView> types = new LinkedHashMap<>();
    types.put("dev", new ServiceTypeView(List.of(3000), List.of(3000, 3099), "Frontend",
        List.of(), "multi", "core"));
    types.put("ai", new ServiceTypeView(List.of(11430), List.of(11400, 11499), "AI",
        List.of(), "single", "core"));
    types.put("grafana", new ServiceTypeView(List.of(11510), List.of(11510, 11519),
        "Auto-allocated service type for grafana", List.of(), "multi", "auto"));

    assertEquals("3 service types:\n"
        + "  dev      3000-3099    core  Frontend\n"
        + "  ai       11400-11499  core single  AI\n"
        + "  grafana  11510-11519  auto  Auto-allocated service type for grafana\n",
        ConfigShowCommand.format(new ConfigResponse(types)));
  }
}
