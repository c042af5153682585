package dev.styxy.http;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rule for {@code health_url}: an absolute {@code http} or {@code https} URL without user info
 * whose host is spelled as this machine: {@code localhost}, an IPv4 literal in 127.0.0.0/8, or the
 * IPv6 loopback literal ({@code [::1]}). The daemon probes the URL itself, so anything else would
 * let a client make it call other machines. Nothing is resolved: a name other than
 * {@code localhost} is refused as written, and IPv6 literals are parsed, never looked up.
 * Stateless.
 */
final class LoopbackUrl {
  static final int MAX_LENGTH = 2048;
  static final String NOT_LOCAL =
      "health_url must point at this machine (localhost, 127.0.0.1 or [::1])";

  private static final Pattern IPV4 =
      Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
  /** The characters of a bracketed IPv6 literal without a zone; must contain a colon. */
  private static final Pattern IPV6 = Pattern.compile("\\[([0-9a-f.]*:[0-9a-f:.]*)]");

  private LoopbackUrl() {}

  /**
   * {@code url} when it is an acceptable health URL.
   *
   * @throws ApiProblem {@code INVALID_ARGUMENT} naming what is wrong with it
   */
  static String check(String url) {
    require(url.length() <= MAX_LENGTH,
        "health_url must be " + MAX_LENGTH + " characters or less");
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw ApiProblem.invalidArgument("health_url is not a valid URL: "
          + AllocateRequestParser.echo(e.getReason()) + " at index " + e.getIndex());
    }
    String scheme = uri.getScheme();
    boolean web = "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
    require(web && !uri.isOpaque(), "health_url must be an absolute http or https URL, "
        + "e.g. http://127.0.0.1:3000/health");
    require(uri.getRawUserInfo() == null,
        "health_url must not contain user info (user:password@)");
    require(uri.getHost() != null && isLoopback(uri.getHost()), NOT_LOCAL);
    require(uri.getPort() == -1 || uri.getPort() >= 1 && uri.getPort() <= 65535,
        "health_url port must be between 1 and 65535");
    return url;
  }

  /** Whether {@code host}, as {@link URI#getHost()} gives it, names this machine. */
  static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.equals("localhost")) {
      return true;
    }
    Matcher v4 = IPV4.matcher(h);
    if (v4.matches()) {
      for (int i = 1; i <= 4; i++) {
        if (Integer.parseInt(v4.group(i)) > 255) {
          return false;
        }
      }
      return Integer.parseInt(v4.group(1)) == 127;
    }
    Matcher v6 = IPV6.matcher(h);
    if (!v6.matches()) {
      return false;
    }
    try {
      // A text with a colon is parsed as an IPv6 literal or refused; it is never resolved.
      InetAddress address = InetAddress.getByName(v6.group(1));
      return address instanceof Inet6Address && address.isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw ApiProblem.invalidArgument(message);
    }
  }
}
