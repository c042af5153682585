package dev.styxy.http;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.styxy.http.api.AllocateRequest;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The request parsers and the health-URL rule under hostile input, without an actor system, so
 * they take many more tries than the route properties: they either accept a value that keeps
 * every documented rule or refuse it with an {@link ApiProblem}; no other exception escapes.
 */
class ParserPropertiesTest {
  private static final long WEEK = 604_800;

  @Property(tries = 2000, seed = "1")
  void allocateBodiesAreValidOrRefusedWithAProblem(@ForAll("bodies") byte[] body) {
    AllocateRequest r;
    try {
      r = AllocateRequestParser.parse(body, WEEK);
    } catch (ApiProblem expected) {
      return;
    }
    assertTrue(r.serviceType().matches("[a-zA-Z0-9-]{1,50}"), r.toString());
    assertTrue(r.serviceName() == null || r.serviceName().matches("[a-zA-Z0-9_.-]{1,100}"));
    assertTrue(r.instanceId() == null || r.instanceId().matches("[a-zA-Z0-9_-]{1,100}"));
    assertTrue(r.projectPath() == null
        || r.projectPath().length() <= 1000 && r.projectPath().indexOf('\0') < 0);
    assertTrue(r.preferredPort() == null || r.preferredPort() >= 1 && r.preferredPort() <= 65535);
    assertTrue(r.pid() == null || r.pid() >= 1 && r.pid() <= AllocateRequestParser.MAX_PID);
    assertTrue(r.leaseTtlSeconds() == null
        || r.leaseTtlSeconds() >= 1 && r.leaseTtlSeconds() <= WEEK);
    assertTrue(r.healthUrl() == null || pointsAtLoopback(r.healthUrl()), r.healthUrl());
  }

  @Property(tries = 1000, seed = "2")
  void instanceBodiesAreValidOrRefusedWithAProblem(@ForAll("bodies") byte[] body) {
    try {
      InstanceRequestParser.parse(body);
    } catch (ApiProblem expected) {
      // A refusal with the documented error is the other allowed outcome.
    }
  }

  @Property(tries = 3000, seed = "3")
  void anAcceptedHealthUrlOnlyEverReachesThisMachine(@ForAll("urls") String url) {
    try {
      LoopbackUrl.check(url);
    } catch (ApiProblem refused) {
      return;
    }
    assertTrue(pointsAtLoopback(url), url);
  }

  /** Whether every address the URL's host stands for is a loopback address. */
  static boolean pointsAtLoopback(String url) {
    URI uri = URI.create(url);
    if (uri.getRawUserInfo() != null || uri.getHost() == null) {
      return false;
    }
    try {
      return Arrays.stream(InetAddress.getAllByName(uri.getHost()))
          .allMatch(InetAddress::isLoopbackAddress);
    } catch (UnknownHostException e) {
      fail("accepted a host that does not resolve: " + url);
      return false;
    }
  }

  @Provide
  Arbitrary<byte[]> bodies() {
    return HostileInput.bodies();
  }

  /** URLs assembled from hostile parts, plus whole hostile strings and known tricks. */
  @Provide
  Arbitrary<String> urls() {
    Arbitrary<String> scheme = Arbitraries.of("http://", "https://", "HTTP://", "ftp://", "//",
        "http:", "http:/");
    Arbitrary<String> user = Arbitraries.of("", "", "", "u@", "u:p@", "127.0.0.1@",
        "localhost:80@");
    Arbitrary<String> host = Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.of("127.0.0.1", "localhost", "[::1]", "127.255.255.254",
            "2130706433", "0x7f000001", "0x7f.0.0.1", "0177.0.0.1", "127.0.0.01", "127.1",
            "127.0.1", "localhost.", "localhost.evil.example", "evil.example", "[::ffff:7f00:1]",
            "[::ffff:127.0.0.1]", "[0:0:0:0:0:0:0:1]", "[::1%25lo]", "[::127.0.0.1]", "0.0.0.0",
            "[::]", "10.0.0.1", "169.254.169.254", "127.0.0.1.nip.io", "LOCALHOST", "127.0.0.256",
            "1.0.0.127", "[fe80::1]", "%6c%6f%63%61%6c%68%6f%73%74")),
        Tuple.of(1, HostileInput.strings()));
    Arbitrary<String> port = Arbitraries.of("", ":3000", ":0", ":65535", ":65536", ":-1", ":x",
        ":99999999999");
    Arbitrary<String> rest = Arbitraries.of("", "/", "/health", "/#@evil.example", "?@evil.example",
        "/..%2f..%2f", "\\@evil.example/", " /", "/\r\nHost: evil");
    Arbitrary<String> assembled = Combinators.combine(scheme, user, host, port, rest)
        .as((s, u, h, p, r) -> s + u + h + p + r);
    return Arbitraries.frequencyOf(Tuple.of(6, assembled),
        Tuple.of(1, Arbitraries.of(HostileInput.URLS)), Tuple.of(1, HostileInput.strings()));
  }
}
