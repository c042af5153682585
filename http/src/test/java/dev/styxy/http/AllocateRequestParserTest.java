package dev.styxy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.styxy.http.api.AllocateRequest;
import dev.styxy.persistence.ErrorCode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AllocateRequestParserTest {

  static AllocateRequest parse(String json) {
    return AllocateRequestParser.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  static ApiProblem problem(String json) {
    return assertThrows(ApiProblem.class, () -> parse(json));
  }

  @Test
  void aFullRequestIsRead() {
    AllocateRequest r = parse("{\"service_type\":\"dev\",\"service_name\":\"my.app_1\","
        + "\"preferred_port\":3005,\"instance_id\":\"claude-1\",\"project_path\":\"/home/u\","
        + "\"pid\":4242,\"dry_run\":true}");
    assertEquals(new AllocateRequest("dev", "my.app_1", 3005, "claude-1", "/home/u", 4242L, true),
        r);
  }

  @Test
  void emptyStringsMeanNotGiven() {
    AllocateRequest r = parse("{\"service_type\":\"dev\",\"service_name\":\"\","
        + "\"instance_id\":\"\",\"project_path\":\"\"}");
    assertNull(r.serviceName());
    assertNull(r.instanceId());
    assertNull(r.projectPath());
    assertFalse(r.dryRun());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "\"3000\"|3000", "\"3000abc\"|3000", "3000.7|3000", "\" 42\"|42", "65535|65535"})
  void preferredPortIsReadLikeParseInt(String raw, int expected) {
    assertEquals(expected,
        parse("{\"service_type\":\"dev\",\"preferred_port\":" + raw + "}").preferredPort());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "null|Invalid port number: null", "0|Invalid port number: 0",
      "70000|Invalid port number: 70000", "\"abc\"|Invalid port number: abc",
      "true|Invalid port number: true"})
  void badPreferredPortsAreRefused(String raw, String message) {
    ApiProblem p = problem("{\"service_type\":\"dev\",\"preferred_port\":" + raw + "}");
    assertEquals(ErrorCode.INVALID_ARGUMENT, p.code());
    assertEquals(message, p.getMessage());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{}|service_type is required and must be a string",
      "{\"service_type\":\"\"}|service_type is required and must be a string",
      "{\"service_type\":7}|service_type is required and must be a string",
      "{\"service_type\":\"a b\"}|service_type can only contain letters, numbers, and hyphens",
      "{\"service_type\":\"dev\",\"instance_id\":\"a.b\"}|instance_id can only contain letters, "
          + "numbers, hyphens, and underscores",
      "{\"service_type\":\"dev\",\"project_path\":\"/a\\u0000b\"}|working_directory cannot "
          + "contain null bytes",
      "{\"service_type\":\"dev\",\"pid\":0}|PID must be between 1 and 4194304, got: 0"})
  void invalidValuesGetTheOriginalMessages(String json, String message) {
    ApiProblem p = problem(json);
    assertEquals(ErrorCode.INVALID_ARGUMENT, p.code());
    assertEquals(message, p.getMessage());
  }

  @Test
  void lengthsAreLimited() {
    assertEquals("service_type must be 50 characters or less",
        problem("{\"service_type\":\"" + "a".repeat(51) + "\"}").getMessage());
    assertEquals("service_name must be 100 characters or less",
        problem("{\"service_type\":\"d\",\"service_name\":\"" + "a".repeat(101) + "\"}")
            .getMessage());
    assertEquals("instance_id must be 100 characters or less",
        problem("{\"service_type\":\"d\",\"instance_id\":\"" + "a".repeat(101) + "\"}")
            .getMessage());
    assertEquals("working_directory must be 1000 characters or less",
        problem("{\"service_type\":\"d\",\"project_path\":\"" + "a".repeat(1001) + "\"}")
            .getMessage());
  }

  @Test
  void theOriginalValidationOrderDecidesWhichErrorWins() {
    assertEquals("service_name can only contain letters, numbers, hyphens, underscores, and dots",
        problem("{\"service_name\":\"bad name\",\"preferred_port\":0}").getMessage());
  }

  @Test
  void shapeProblemsAreInvalidRequests() {
    assertEquals(ErrorCode.INVALID_REQUEST, problem("{").code());
    assertEquals(ErrorCode.INVALID_REQUEST, problem("\"dev\"").code());
    assertEquals(ErrorCode.INVALID_REQUEST, problem("{\"a\":1,\"a\":2}").code());
    assertEquals(ErrorCode.INVALID_REQUEST, problem("{\"service_type\":\"d\"} x").code());
    ApiProblem unknown = problem("{\"service_type\":\"d\",\"lease\":1}");
    assertEquals(ErrorCode.INVALID_REQUEST, unknown.code());
    assertTrue(unknown.getMessage().startsWith("Unknown field 'lease'"), unknown.getMessage());
    assertEquals("Field 'service_name' must be a string",
        problem("{\"service_type\":\"d\",\"service_name\":5}").getMessage());
  }
}
