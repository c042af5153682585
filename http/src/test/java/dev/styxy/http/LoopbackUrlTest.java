package dev.styxy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.styxy.persistence.ErrorCode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The tricks people use to make a "local" URL reach another machine (server-side request
 * forgery through the daemon's health probe). Each is refused without any name lookup; the
 * property {@code ParserPropertiesTest.anAcceptedHealthUrlOnlyEverReachesThisMachine} checks the same
 * rule on generated URLs, and {@code OsHealthProbeTest} that redirects are not followed.
 */
class LoopbackUrlTest {
  @ParameterizedTest
  @ValueSource(strings = {
      "http://2130706433/",               // 127.0.0.1 as one decimal number
      "http://0x7f000001/",               // ... as one hex number
      "http://0x7f.0.0.1/",               // hex octet
      "http://0177.0.0.1/",               // octal octet (0177 = 127)
      "http://017700000001/",             // octal number
      "http://127.1/",                    // shortened forms inet_aton accepts
      "http://127.0.1/",
      "http://localhost.evil.example/",   // a name that starts like localhost
      "http://localhost./",               // trailing dot: a different name to the resolver
      "http://127.0.0.1.nip.io/",         // wildcard DNS that resolves anywhere
      "http://evil.example/",             // any DNS name: never looked up, refused as written
      "http://127.0.0.1@evil.example/",   // userinfo that looks like the host
      "http://evil.example@127.0.0.1/",   // userinfo at all
      "http://[::ffff:127.0.0.1]/",       // IPv4-mapped IPv6
      "http://[::ffff:7f00:1]/",
      "http://[::ffff:10.0.0.1]/",
      "http://[::127.0.0.1]/",            // IPv4-compatible IPv6
      "http://[::1%25lo]/",               // zone id
      "http://[fe80::1]/",                // link-local
      "http://[::]/",                     // unspecified
      "http://0.0.0.0/",                  // "this host" on some stacks, any interface on others
      "http://169.254.169.254/latest/",   // cloud metadata
      "http://%6c%6f%63%61%6c%68%6f%73%74/",  // percent-encoded "localhost"
      "http://127.0.0.1\\@evil.example/", // backslash confusion between parsers
      "file:///etc/passwd",
      "gopher://127.0.0.1:25/",
      "//127.0.0.1/",
      "javascript:alert(1)"})
  void tricksAreRefused(String url) {
    ApiProblem p = assertThrows(ApiProblem.class, () -> LoopbackUrl.check(url), url);
    assertEquals(ErrorCode.INVALID_ARGUMENT, p.code());
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://127.0.0.1:3000/health", "http://localhost/", "http://[::1]:80/",
      "http://127.255.255.254/", "http://127.0.0.1:3000/#@evil.example",
      "http://127.0.0.1:3000/?next=http://evil.example/"})
  void loopbackUrlsWhoseOtherPartsMentionAnotherHostStillOnlyReachLoopback(String url) {
    assertEquals(url, LoopbackUrl.check(url));
    assertEquals(true, ParserPropertiesTest.pointsAtLoopback(url), url);
  }
}
