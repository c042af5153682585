import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;

/**
 * The adversarial requests of {@link FuzzHarness}, as raw HTTP/1.1 text: protocol junk, wrong
 * methods, hostile path segments and query strings (traversal, shell metacharacters, control and
 * unicode characters, huge and negative numbers), wrong or missing tokens, foreign Host and
 * Origin headers, and JSON bodies whose every field breaks a rule (wrong types, out-of-range
 * ports and pids, non-loopback health URLs, lone surrogates, deep nesting, duplicate keys,
 * bodies over 10 KiB). Every body is meant to be refused; {@link FuzzHarness} undoes any that is
 * not. Deterministic for a seed.
 */
final class FuzzRequests {
  static final String[] NASTY = {"", "../../etc/passwd", "; rm -rf ~", "$(id)", "`id`", "|id",
      "a\nb", "\r\nX: 1", "\u0000", "%00", "\u202e", "\uD83D\uDCA5", "\\uD800", "null", "-1", "0",
      "65536", "99999999999999999999", "1e309", "NaN", "{}", "<script>", "${jndi:ldap://x/a}",
      "%s%n", "\\", "\"", "web", "x".repeat(101), "y".repeat(1001), "\u00e9\u4e2d"};
  static final String[] NUMBERS = {"0", "-1", "1.5", "65535", "65536", "1e309", "-0",
      "123456789012345678901234567890", "4194305", "\"80\"", "true", "null", "[]", "{}"};
  static final String[] URLS = {"http://2130706433/", "http://0x7f.0.0.1/", "http://127.1/",
      "http://localhost.evil.example/", "http://127.0.0.1@evil.example/", "http://[::ffff:7f00:1]/",
      "http://169.254.169.254/", "file:///etc/passwd", "http://10.0.0.1/", "gopher://x/"};
  static final String[] TARGETS = {"/allocate", "/allocate/{s}", "/allocate/{s}/heartbeat",
      "/check/{s}", "/scan?start={s}&end={s}", "/status", "/health", "/allocations",
      "/allocations/history", "/config", "/config/validate", "/instance/register",
      "/instance/list", "/instance/{s}/heartbeat", "/instance/{s}", "/cleanup", "/import",
      "/suggest/{s}?count={s}", "/{s}", "/metrics?format={s}", "/audit?limit={s}"};
  static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS",
      "TRACE", "CONNECT", "FOO", "PROPFIND", "G\u00c9T", "POST /x", ""};
  static final String[] RAW = {"GARBAGE\r\n\r\n", "GET\r\n\r\n", "GET / HTTP/2.0\r\n\r\n",
      "GET / HTTP/1.7\r\nHost: localhost\r\n\r\n",
      "GET /status HTTP/1.1\r\nHost: localhost\r\nBad Header\r\n\r\n",
      "GET http://evil.example/allocations HTTP/1.1\r\nHost: localhost\r\n\r\n",
      "GET /../../etc/passwd HTTP/1.1\r\nHost: localhost\r\n\r\n",
      "GET /check/%zz HTTP/1.1\r\nHost: localhost\r\n\r\n",
      "GET /status HTTP/1.1\r\nHost: localhost\r\nX: " + "a".repeat(20_000) + "\r\n\r\n",
      "POST /allocate HTTP/1.1\r\nHost: localhost\r\nContent-Length: -5\r\n\r\n",
      "POST /allocate HTTP/1.1\r\nHost: localhost\r\nContent-Length: abc\r\n\r\n",
      "POST /allocate HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\nContent-Length: 3"
          + "\r\n\r\n{}",
      "POST /allocate HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n\r\n",
      "POST /allocate HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n"
          + "Content-Length: 4\r\n\r\n0\r\n\r\n",
      "GET /status HTTP/1.1\r\n" + "X-A: 1\r\n".repeat(300) + "\r\n"};


  private final Random random;
  private final String token;
  private final String owner;

  /** @param owner a pid to name as owner (as a string, so it is also a wrong type) */
  FuzzRequests(long seed, String token, String owner) {
    this.random = new Random(seed);
    this.token = token;
    this.owner = owner;
  }


  /** One adversarial request, as the bytes a client would write. */
  String next() {
    int kind = random.nextInt(100);
    if (kind < 8) {
      return pick(RAW);
    }
    String method = kind < 15 ? pick(METHODS) : pick(new String[] {"GET", "POST", "PUT",
        "DELETE"});
    String target = fill(pick(TARGETS));
    String auth = kind < 25 ? pick(new String[] {null, "Bearer nope", "Basic " + token,
        "Bearer " + token.toUpperCase(), "Bearer " + token + " "}) : "Bearer " + token;
    String host = kind >= 25 && kind < 32 ? pick(new String[] {"evil.example",
        "localhost.evil.example:9876", "127.0.0.1.nip.io", ""}) : "localhost";
    StringBuilder r = new StringBuilder(method).append(' ').append(target)
        .append(" HTTP/1.1\r\nHost: ").append(host).append("\r\nConnection: close\r\n");
    if (auth != null) {
      r.append("Authorization: ").append(auth.replaceAll("[\r\n]", "")).append("\r\n");
    }
    if (kind >= 32 && kind < 38) {
      r.append("Origin: ").append(pick(new String[] {"http://evil.example", "null",
          "http://localhost:5173", "https://127.0.0.1"})).append("\r\n");
    }
    if (random.nextInt(4) == 0) {
      r.append("X-Request-Id: ").append(headerSafe(pick(NASTY))).append("\r\n");
    }
    byte[] body = body().getBytes(StandardCharsets.UTF_8);
    r.append("Content-Type: ").append(pick(new String[] {"application/json", "text/plain",
        "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"})).append("\r\n");
    if (!method.equals("GET") && !method.equals("HEAD") || random.nextInt(10) == 0) {
      r.append("Content-Length: ").append(body.length).append("\r\n\r\n")
          .append(new String(body, StandardCharsets.UTF_8));
    } else {
      r.append("\r\n");
    }
    return r.toString();
  }

  String body() {
    int kind = random.nextInt(20);
    if (kind == 0) {
      return "[".repeat(2000 + random.nextInt(20_000));
    } else if (kind == 1) {
      return "{\"service_type\":\"web\",\"project_path\":\"" + "p".repeat(10_300 + random.nextInt(
          5000)) + "\"}";
    } else if (kind == 2) {
      return "{\"service_type\":\"web\",\"service_type\":\"ai\"}";
    } else if (kind == 3) {
      return pick(NASTY);
    }
    List<String> fields = new ArrayList<>();
    for (int i = random.nextInt(5); i >= 0; i--) {
      fields.add(field());
    }
    return "{" + String.join(",", fields) + "}";
  }

  /** One JSON field; each is hostile, so the whole body is refused. */
  String field() {
    return switch (random.nextInt(11)) {
      case 0 -> "\"service_type\":" + json(pick(NASTY));
      case 1 -> "\"service_name\":" + json(pick(NASTY) + "$(id)");
      case 2 -> "\"project_path\":\"" + pick(new String[] {"\\u0000", "\\uDE6E", "\\uD800x"})
          + "\"";
      case 3 -> "\"preferred_port\":" + pick(NUMBERS);
      case 4 -> "\"health_url\":" + json(pick(URLS));
      case 5 -> "\"pid\":" + pick(new String[] {"1", "0", "-1", "4194305", "\"" + owner + "\"",
          "1.5"});
      case 6 -> "\"lease_ttl_s\":" + pick(NUMBERS);
      case 7 -> "\"instance_id\":" + json(pick(NASTY) + "/..");
      case 8 -> "\"force\":" + pick(new String[] {"\"yes\"", "1", "[]"});
      case 9 -> "\"path\":" + json(pick(new String[] {"/etc/passwd", "/proc/self/environ",
          "relative/daemon.state", "/dev/zero", "/"}));
      default -> json(pick(NASTY) + "!") + ":" + pick(NUMBERS);
    };
  }

  String fill(String template) {
    String t = template;
    while (t.contains("{s}")) {
      String s = random.nextInt(3) == 0 ? pick(NUMBERS) : pick(NASTY);
      t = t.replaceFirst("\\{s}", Matcher.quoteReplacement(
          random.nextBoolean() ? URLEncoder.encode(s, StandardCharsets.UTF_8) : headerSafe(s)));
    }
    return t;
  }

  /** Drops what would end a request line or header early (CR, LF, space). */
  static String headerSafe(String s) {
    return s.replaceAll("[\r\n ]", "");
  }

  static String json(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")
        .replace("\r", "\\r").replace("\u0000", "\\u0000") + "\"";
  }

  String pick(String[] options) {
    return options[random.nextInt(options.length)];
  }
}
