package dev.styxy.http;

import java.util.List;

/**
 * The route template of a request path, the {@code route} label of the HTTP metrics: ids and
 * ports become placeholders ({@code /allocate/{lockId}}), so the label has a bounded set of
 * values whatever clients send. Paths of no route are {@code unmatched}. A new route adds its
 * template here; literal templates come before those with a placeholder in the same place.
 */
final class RouteTemplates {
  /** The label of every path no route serves. */
  static final String UNMATCHED = "unmatched";

  private static final List<String> TEMPLATES = List.of(
      "/",
      "/status",
      "/health",
      "/health/ack",
      "/metrics",
      "/allocate",
      "/allocate/{lockId}",
      "/allocate/{lockId}/heartbeat",
      "/allocations",
      "/allocations/history",
      "/check/{port}",
      "/scan",
      "/suggest/{serviceType}",
      "/config",
      "/config/validate",
      "/config/reload",
      "/instance/register",
      "/instance/list",
      "/instance/{instanceId}",
      "/instance/{instanceId}/heartbeat",
      "/cleanup",
      "/import",
      "/journal/export",
      "/journal/import",
      "/shutdown",
      "/audit",
      "/events",
      "/dashboard/{asset}");

  private RouteTemplates() {}

  /** The template matching {@code path} (one trailing slash ignored), else {@link #UNMATCHED}. */
  static String of(String path) {
    String trimmed = path.length() > 1 && path.endsWith("/")
        ? path.substring(0, path.length() - 1) : path;
    String[] segments = trimmed.split("/", -1);
    for (String template : TEMPLATES) {
      if (matches(template.split("/", -1), segments)) {
        return template;
      }
    }
    return UNMATCHED;
  }

  private static boolean matches(String[] template, String[] segments) {
    if (template.length != segments.length) {
      return false;
    }
    for (int i = 0; i < template.length; i++) {
      boolean placeholder = template[i].startsWith("{");
      if (placeholder ? segments[i].isEmpty() : !template[i].equals(segments[i])) {
        return false;
      }
    }
    return true;
  }
}
