package dev.styxy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.styxy.http.api.AllocateRequest;
import dev.styxy.persistence.ErrorCode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AllocateRequestParserTest {
  /** Seven days, the reference {@code styxy.health.max-lease-ttl}. */
  static final long MAX_LEASE = 604_800;

  static AllocateRequest parse(String json) {
    return AllocateRequestParser.parse(json.getBytes(StandardCharsets.UTF_8), MAX_LEASE);
  }

  static ApiProblem problem(String json) {
    return assertThrows(ApiProblem.class, () -> parse(json));
  }

  @Test
  void aFullRequestIsRead() {
    AllocateRequest r = parse("{\"service_type\":\"dev\",\"service_name\":\"my.app_1\","
        + "\"preferred_port\":3005,\"instance_id\":\"claude-1\",\"project_path\":\"/home/u\","
        + "\"pid\":4242,\"dry_run\":true,\"lease_ttl_s\":600,"
        + "\"health_url\":\"http://127.0.0.1:3005/health\"}");
    assertEquals(new AllocateRequest("dev", "my.app_1", 3005, "claude-1", "/home/u", 4242L, true,
        600, "http://127.0.0.1:3005/health"), r);
  }

  @Test
  void emptyStringsMeanNotGiven() {
    AllocateRequest r = parse("{\"service_type\":\"dev\",\"service_name\":\"\","
        + "\"instance_id\":\"\",\"project_path\":\"\"}");
    assertNull(r.serviceName());
    assertNull(r.instanceId());
    assertNull(r.projectPath());
    assertFalse(r.dryRun());
    assertNull(r.leaseTtlSeconds());
    assertNull(r.healthUrl());
  }

  @Test
  void nullOrEmptyLeaseAndHealthUrlMeanNotGiven() {
    AllocateRequest r = parse("{\"service_type\":\"dev\",\"lease_ttl_s\":null,"
        + "\"health_url\":\"\"}");
    assertNull(r.leaseTtlSeconds());
    assertNull(r.healthUrl());
    assertNull(parse("{\"service_type\":\"dev\",\"health_url\":null}").healthUrl());
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "3600", "604800"})
  void leaseTtlWithinTheBoundsIsKept(String raw) {
    assertEquals(Integer.parseInt(raw),
        parse("{\"service_type\":\"dev\",\"lease_ttl_s\":" + raw + "}").leaseTtlSeconds());
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-5", "604801", "1.5", "\"60\"", "true", "99999999999999999999",
      "[60]"})
  void leaseTtlOutsideTheBoundsOrNotAnIntegerIsRefusedNamingTheBounds(String raw) {
    ApiProblem p = problem("{\"service_type\":\"dev\",\"lease_ttl_s\":" + raw + "}");
    assertEquals(ErrorCode.INVALID_ARGUMENT, p.code());
    assertEquals("lease_ttl_s must be an integer number of seconds between 1 and 604800, got: "
        + raw, p.getMessage());
  }

  @Test
  void leaseTtlBoundFollowsTheConfiguredMaximum() {
    byte[] body = "{\"service_type\":\"dev\",\"lease_ttl_s\":61}"
        .getBytes(StandardCharsets.UTF_8);
    ApiProblem p = assertThrows(ApiProblem.class, () -> AllocateRequestParser.parse(body, 60));
    assertTrue(p.getMessage().contains("between 1 and 60,"), p.getMessage());
    assertEquals(61, AllocateRequestParser.parse(body, 61).leaseTtlSeconds());
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://localhost:3000/health", "https://LOCALHOST/", "http://127.0.0.1",
      "http://127.9.8.7:8080/ready?deep=1", "http://[::1]:3000/health",
      "http://[0:0:0:0:0:0:0:1]/", "HTTP://127.0.0.1:1/x"})
  void loopbackHealthUrlsAreKept(String url) {
    assertEquals(url,
        parse("{\"service_type\":\"dev\",\"health_url\":\"" + url + "\"}").healthUrl());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "http://example.com/health|" + LoopbackUrl.NOT_LOCAL,
      "http://10.0.0.5:3000/|" + LoopbackUrl.NOT_LOCAL,
      "http://128.0.0.1/|" + LoopbackUrl.NOT_LOCAL,
      "http://127.0.0.256/|" + LoopbackUrl.NOT_LOCAL,
      "http://127.1/|" + LoopbackUrl.NOT_LOCAL,
      "http://localhost.evil.com/|" + LoopbackUrl.NOT_LOCAL,
      "http://[::2]/|" + LoopbackUrl.NOT_LOCAL,
      "ftp://127.0.0.1/health|health_url must be an absolute http or https URL, "
          + "e.g. http://127.0.0.1:3000/health",
      "/health|health_url must be an absolute http or https URL, "
          + "e.g. http://127.0.0.1:3000/health",
      "http:localhost|health_url must be an absolute http or https URL, "
          + "e.g. http://127.0.0.1:3000/health",
      "http://user:pw@127.0.0.1/|health_url must not contain user info (user:password@)",
      "http://example.com@localhost/|health_url must not contain user info (user:password@)",
      "http://localhost:99999/|health_url port must be between 1 and 65535"})
  void otherHealthUrlsAreRefused(String url, String message) {
    ApiProblem p = problem("{\"service_type\":\"dev\",\"health_url\":\"" + url + "\"}");
    assertEquals(ErrorCode.INVALID_ARGUMENT, p.code());
    assertEquals(message, p.getMessage());
  }

  @Test
  void healthUrlMustBeAStringOfAtMost2048Characters() {
    String base = "http://127.0.0.1/";
    String longest = base + "a".repeat(2048 - base.length());
    assertEquals(longest, parse("{\"service_type\":\"d\",\"health_url\":\"" + longest
        + "\"}").healthUrl());
    assertEquals("health_url must be 2048 characters or less", problem(
        "{\"service_type\":\"d\",\"health_url\":\"" + longest + "a\"}").getMessage());
    ApiProblem p = problem("{\"service_type\":\"d\",\"health_url\":\"http://[::1/\"}");
    assertEquals(ErrorCode.INVALID_ARGUMENT, p.code());
    assertTrue(p.getMessage().startsWith("health_url is not a valid URL: "), p.getMessage());
    ApiProblem typed = problem("{\"service_type\":\"d\",\"health_url\":80}");
    assertEquals(ErrorCode.INVALID_REQUEST, typed.code());
    assertEquals("Field 'health_url' must be a string", typed.getMessage());
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
