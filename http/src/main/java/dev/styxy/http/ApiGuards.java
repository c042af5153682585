package dev.styxy.http;

import dev.styxy.config.HttpSettings;
import dev.styxy.persistence.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.pekko.http.javadsl.model.AttributeKeys;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.RemoteAddress;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The checks every request passes before it reaches a resource, in this order: request id, DNS
 * rebinding protection ({@code Host} and {@code Origin}), authentication, body size, rate limit.
 * Also extracts the {@link Caller} that routes record in the registry's events.
 *
 * <p>The request id is the client's {@code X-Request-Id} when it is well formed, otherwise a fresh
 * UUID; it replaces the request's header (so routes and error handlers read one value) and is
 * echoed on every response.
 */
final class ApiGuards {
  /** Header carrying the request id, in both directions. */
  static final String REQUEST_ID = "X-Request-Id";
  /** Header by which the CLI identifies itself, so events name {@code cli} as the actor. */
  static final String CLIENT = "X-Styxy-Client";

  private static final Pattern REQUEST_ID_FORMAT = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
  private static final Pattern LOOPBACK_HOST = Pattern.compile(
      "(localhost|127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}|\\[::1\\]|::1)(:\\d{1,5})?");
  private static final Set<String> WILDCARD_HOSTS = Set.of("0.0.0.0", "::", "[::]");
  private static final Set<String> UNLIMITED_PATHS = Set.of("/status", "/health", "/metrics");
  private static final String ANONYMOUS = "";
  private static final int MAX_ECHO = 100;

  private final byte[] token;
  private final long maxBodyBytes;
  private final String bindHost;
  /** The origins of pages the daemon itself serves: the only ones allowed to call it. */
  private final Set<String> ownOrigins;
  private final RateLimiter limiter;

  /**
   * Who sent a request, as recorded in the registry's events.
   *
   * @param userAgent the {@code User-Agent} header, or null
   * @param remoteIp the client address, or null when unknown
   * @param actor {@code cli} for the Styxy CLI, {@code http} for everything else
   */
  record Caller(String requestId, String userAgent, String remoteIp, String actor) {}

  /**
   * @param authToken the API token, or null to disable authentication
   * @param nanoClock monotonic time for the rate limiter
   */
  ApiGuards(HttpSettings settings, String authToken, LongSupplier nanoClock) {
    this.token = authToken == null ? null : authToken.getBytes(StandardCharsets.UTF_8);
    this.maxBodyBytes = settings.maxBodyBytes();
    String host = settings.host().toLowerCase(Locale.ROOT);
    // The daemon bound to a routable address (--bind) must still answer requests addressed to it.
    this.bindHost = WILDCARD_HOSTS.contains(host) ? null : host;
    this.ownOrigins = ownOrigins(settings.port(), bindHost);
    this.limiter = new RateLimiter(settings.rateLimitPerMinute(), nanoClock);
  }

  /** Settles the request id, stores it in the request and echoes it on the response. */
  static Route withRequestId(Function<String, Route> inner) {
    return Directives.optionalHeaderValueByName(REQUEST_ID, given -> {
      String id = given.filter(v -> REQUEST_ID_FORMAT.matcher(v).matches())
          .orElseGet(() -> UUID.randomUUID().toString());
      RawHeader header = RawHeader.create(REQUEST_ID, id);
      return Directives.mapRequest(r -> r.removeHeader(REQUEST_ID).addHeader(header),
          () -> Directives.respondWithHeader(header, () -> inner.apply(id)));
    });
  }

  /** The current request's id (settled by {@link #withRequestId}). */
  static Route requestId(Function<String, Route> inner) {
    return Directives.headerValueByName(REQUEST_ID, inner);
  }

  /** The {@link Caller} of the current request. */
  static Route caller(Function<Caller, Route> inner) {
    return Directives.headerValueByName(REQUEST_ID, id ->
        Directives.optionalHeaderValueByName("User-Agent", agent ->
            Directives.optionalHeaderValueByName(CLIENT, client ->
                Directives.extractRequest(request -> inner.apply(new Caller(id,
                    agent.map(ApiGuards::recordable).orElse(null), socketAddress(request),
                    client.filter("cli"::equalsIgnoreCase).isPresent() ? "cli" : "http"))))));
  }

  /**
   * The address of the TCP peer, never a forwarding header: a local client could otherwise put any
   * address it likes into the audit trail.
   */
  private static String socketAddress(HttpRequest request) {
    return request.getAttribute(AttributeKeys.remoteAddress).map(ApiGuards::address).orElse(null);
  }

  /** Runs {@code inner} only for requests that pass every guard; answers the others. */
  Route admit(String requestId, Supplier<Route> inner) {
    return Directives.extractRequest(request -> {
      HttpResponse refused = refusal(requestId, request);
      if (refused != null) {
        return Directives.complete(refused);
      }
      Route limited = Directives.withSizeLimit(maxBodyBytes, inner);
      if (UNLIMITED_PATHS.contains(trimSlash(request.getUri().path()))) {
        return limited;
      }
      // Past authentication the presented key is the token; without auth all callers share one.
      String key = token == null ? ANONYMOUS : presentedToken(request).orElse(ANONYMOUS);
      RateLimiter.Decision d = limiter.tryAcquire(key);
      if (!d.allowed()) {
        return Directives.complete(ApiErrors.rateLimited(requestId, d.retryAfterSeconds()));
      }
      return Directives.respondWithHeaders(List.of(
          RawHeader.create("X-RateLimit-Limit", Integer.toString(d.limit())),
          RawHeader.create("X-RateLimit-Remaining", Integer.toString(d.remaining()))),
          () -> limited);
    });
  }

  /** The response refusing {@code request}, or null when it may proceed to the rate limit. */
  private HttpResponse refusal(String requestId, HttpRequest request) {
    Optional<String> host = request.getHeader("Host").map(h -> h.value());
    if (host.isPresent() && !allowedHost(host.get())) {
      return ApiErrors.response(requestId, ErrorCode.FORBIDDEN, "Host '" + echo(host.get())
          + "' is not allowed: the API only answers requests addressed to localhost, 127.0.0.1 "
          + "or [::1] (DNS-rebinding protection)");
    }
    Optional<String> origin = request.getHeader("Origin").map(h -> h.value());
    if (origin.isPresent()
        && !ownOrigins.contains(origin.get().trim().toLowerCase(Locale.ROOT))) {
      return ApiErrors.response(requestId, ErrorCode.FORBIDDEN, "Cross-origin requests from '"
          + echo(origin.get()) + "' are not allowed; only pages the daemon serves itself ("
          + String.join(", ", new TreeSet<>(ownOrigins)) + ") may call the API");
    }
    if (token != null && !isStatus(request)) {
      Optional<String> presented = presentedToken(request);
      if (presented.isEmpty()) {
        return unauthorized(requestId, "Authentication required. Provide API key via "
            + "Authorization: Bearer <key> or X-API-Key: <key> header");
      }
      if (!MessageDigest.isEqual(presented.get().getBytes(StandardCharsets.UTF_8), token)) {
        return unauthorized(requestId, "Invalid API key");
      }
    }
    OptionalLong length = request.entity().getContentLengthOption();
    if (length.isPresent() && length.getAsLong() > maxBodyBytes) {
      return ApiErrors.response(requestId, ErrorCode.PAYLOAD_TOO_LARGE, "Request body too large: "
          + length.getAsLong() + " bytes (the limit is " + maxBodyBytes + " bytes)");
    }
    return null;
  }

  /**
   * {@code http://localhost:PORT}, {@code http://127.0.0.1:PORT}, {@code http://[::1]:PORT} and
   * the bound address's origin; none while the port is unknown (0).
   */
  private static Set<String> ownOrigins(int port, String bindHost) {
    if (port == 0) {
      return Set.of();
    }
    Set<String> hosts = new LinkedHashSet<>(List.of("localhost", "127.0.0.1", "[::1]"));
    if (bindHost != null) {
      hosts.add(bindHost.contains(":") && !bindHost.startsWith("[") ? "[" + bindHost + "]"
          : bindHost);
    }
    Set<String> origins = new LinkedHashSet<>();
    for (String h : hosts) {
      origins.add("http://" + h + ":" + port);
      if (port == 80) {
        origins.add("http://" + h);
      }
    }
    return Set.copyOf(origins);
  }

  private boolean allowedHost(String value) {
    String host = value.trim().toLowerCase(Locale.ROOT);
    if (host.isEmpty() || LOOPBACK_HOST.matcher(host).matches()) {
      return true;
    }
    if (bindHost == null) {
      return false;
    }
    String bracketed = bindHost.contains(":") ? "[" + bindHost + "]" : bindHost;
    return host.equals(bracketed) || host.matches(Pattern.quote(bracketed) + ":\\d{1,5}");
  }

  /** {@code GET /status} and {@code GET /health} are the routes callable without a token. */
  private static boolean isStatus(HttpRequest request) {
    boolean read = request.method().equals(HttpMethods.GET)
        || request.method().equals(HttpMethods.HEAD);
    String path = trimSlash(request.getUri().path());
    return read && ("/status".equals(path) || "/health".equals(path));
  }

  /** The key from {@code Authorization: Bearer <key>}, else from {@code X-API-Key}. */
  private static Optional<String> presentedToken(HttpRequest request) {
    Optional<String> authorization = request.getHeader("Authorization").map(h -> h.value());
    if (authorization.isPresent() && authorization.get().startsWith("Bearer ")) {
      return Optional.of(authorization.get().substring("Bearer ".length()));
    }
    return request.getHeader("X-API-Key").map(h -> h.value());
  }

  private static HttpResponse unauthorized(String requestId, String message) {
    return ApiErrors.response(requestId, ErrorCode.UNAUTHORIZED, message)
        .addHeader(RawHeader.create("WWW-Authenticate", "Bearer realm=\"styxy\""));
  }

  private static String trimSlash(String path) {
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  /**
   * A header value as events record it: no control characters (no forged log lines), no
   * unpaired surrogates (the journal cannot write them), at most 200 characters.
   */
  static String recordable(String value) {
    String clean = value.replaceAll("\\p{Cntrl}", "");
    if (!AllocateRequestParser.wellFormed(clean)) {
      clean = clean.replaceAll("\\p{Cs}", "?");
    }
    return clean.length() > 200 ? clean.substring(0, 200) : clean;
  }

  /** A header value safe to repeat in an error message: no control characters, bounded. */
  private static String echo(String value) {
    String clean = value.replaceAll("\\p{Cntrl}", "");
    return clean.length() > MAX_ECHO ? clean.substring(0, MAX_ECHO) + "..." : clean;
  }

  private static String address(RemoteAddress ip) {
    return ip.getAddress().map(a -> a.getHostAddress()).orElse(null);
  }
}
