package dev.styxy.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.styxy.http.api.AllocateRequest;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and validates a {@code POST /allocate} body. The bytes are parsed as JSON whatever the
 * {@code Content-Type} ({@code curl -d} sends a form type), an empty body counts as {@code {}}, and
 * the rules and messages are the original daemon's (its {@code validator.js}), checked in its
 * order: service_name, instance_id, project_path, preferred_port, service_type; then the fields
 * the original did not have: pid, lease_ttl_s, health_url. Empty strings mean "not given", as the
 * original's truthiness checks did; so does JSON null for the two lease and health fields.
 * Stateless.
 */
final class AllocateRequestParser {
  private static final Pattern SERVICE_TYPE = Pattern.compile("[a-zA-Z0-9-]+");
  private static final Pattern SERVICE_NAME = Pattern.compile("[a-zA-Z0-9_.-]+");
  static final Pattern INSTANCE_ID = Pattern.compile("[a-zA-Z0-9_-]+");
  /** What JavaScript's {@code parseInt(x, 10)} reads: leading blanks, a sign, digits. */
  private static final Pattern LEADING_INTEGER = Pattern.compile("^\\s*([+-]?\\d{1,10})");
  /** The largest Linux pid ({@code pid_max} limit); also used for instance pids. */
  static final long MAX_PID = 4_194_304L;
  private static final int MAX_ECHO = 200;

  private AllocateRequestParser() {}

  /**
   * The validated request: optional strings are null when absent or empty, {@code preferred_port}
   * is an integer in 1..65535 when present, {@code lease_ttl_s} an integer in
   * 1..{@code maxLeaseTtlSeconds} when present, {@code health_url} a loopback http(s) URL when
   * present ({@link LoopbackUrl}), {@code dry_run} is never null. Whether the pid exists is the
   * route's check, not this parser's.
   *
   * @param maxLeaseTtlSeconds the longest lease a client may ask for
   * @throws ApiProblem {@code INVALID_REQUEST} for malformed JSON, an unknown field or a wrong
   *     JSON type; {@code INVALID_ARGUMENT} for a value the validator refuses
   */
  static AllocateRequest parse(byte[] body, long maxLeaseTtlSeconds) {
    ObjectNode object = object(body);
    for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!AllocateRequest.FIELDS.contains(name)) {
        throw ApiProblem.invalidRequest("Unknown field '" + echo(name)
            + "' in request body; allowed fields: " + String.join(", ", AllocateRequest.FIELDS));
      }
    }
    String portError = null;
    JsonNode port = object.get("preferred_port");
    if (port != null) {
      Integer parsed = lenientPort(port);
      if (parsed == null) {
        portError = "Invalid port number: " + echo(port.isTextual() ? port.textValue()
            : port.toString());
        object.remove("preferred_port");
      } else {
        object.put("preferred_port", parsed);
      }
    }
    JsonNode type = object.get("service_type");
    if (type != null && !type.isTextual()) {
      // Reported below with the original's message rather than as a JSON type error.
      object.remove("service_type");
    }
    // Checked by hand after the original's fields: binding would truncate 1.5 to 1.
    JsonNode lease = object.remove("lease_ttl_s");
    JsonNode healthUrl = object.remove("health_url");
    AllocateRequest raw = validate(bind(object), portError);
    return new AllocateRequest(raw.serviceType(), raw.serviceName(), raw.preferredPort(),
        raw.instanceId(), raw.projectPath(), raw.pid(), raw.dryRun(),
        leaseTtl(lease, maxLeaseTtlSeconds), healthUrl(healthUrl));
  }

  private static AllocateRequest validate(AllocateRequest raw, String portError) {
    String name = emptyToNull(raw.serviceName());
    if (name != null) {
      require(SERVICE_NAME.matcher(name).matches(),
          "service_name can only contain letters, numbers, hyphens, underscores, and dots");
      require(name.length() <= 100, "service_name must be 100 characters or less");
    }
    String instance = emptyToNull(raw.instanceId());
    if (instance != null) {
      require(INSTANCE_ID.matcher(instance).matches(),
          "instance_id can only contain letters, numbers, hyphens, and underscores");
      require(instance.length() <= 100, "instance_id must be 100 characters or less");
    }
    String path = emptyToNull(raw.projectPath());
    if (path != null) {
      require(path.indexOf('\0') < 0, "working_directory cannot contain null bytes");
      require(path.length() <= 1000, "working_directory must be 1000 characters or less");
    }
    if (portError != null) {
      throw ApiProblem.invalidArgument(portError);
    }
    String type = raw.serviceType();
    require(type != null && !type.isEmpty(), "service_type is required and must be a string");
    require(SERVICE_TYPE.matcher(type).matches(),
        "service_type can only contain letters, numbers, and hyphens");
    require(type.length() <= 50, "service_type must be 50 characters or less");
    if (raw.pid() != null) {
      require(raw.pid() >= 1 && raw.pid() <= MAX_PID,
          "PID must be between 1 and " + MAX_PID + ", got: " + raw.pid());
    }
    return new AllocateRequest(type, name, raw.preferredPort(), instance, path, raw.pid(),
        Boolean.TRUE.equals(raw.dryRun()), null, null);
  }

  /** An integer number of seconds in 1..max; null when absent or JSON null. */
  private static Integer leaseTtl(JsonNode node, long max) {
    if (node == null || node.isNull()) {
      return null;
    }
    // The allocation keeps the TTL as an int; a larger configured maximum cannot be honoured.
    long limit = Math.min(max, Integer.MAX_VALUE);
    boolean valid = node.isIntegralNumber() && node.canConvertToLong()
        && node.longValue() >= 1 && node.longValue() <= limit;
    require(valid, "lease_ttl_s must be an integer number of seconds between 1 and " + limit
        + ", got: " + echo(node.toString()));
    return node.intValue();
  }

  /** A loopback http(s) URL; null when absent, JSON null or empty. */
  private static String healthUrl(JsonNode node) {
    if (node == null || node.isNull() || node.isTextual() && node.textValue().isEmpty()) {
      return null;
    }
    if (!node.isTextual()) {
      throw ApiProblem.invalidRequest("Field 'health_url' must be a string");
    }
    return LoopbackUrl.check(node.textValue());
  }

  /** The body as a JSON object; an empty body is {@code {}}. */
  static ObjectNode object(byte[] body) {
    JsonNode root;
    try {
      root = ApiJson.mapper().readTree(body);
    } catch (JsonProcessingException e) {
      throw ApiProblem.invalidRequest("Malformed JSON in request body: "
          + echo(String.valueOf(e.getOriginalMessage())));
    } catch (IOException e) {
      throw ApiProblem.invalidRequest("Unreadable request body: " + echo(e.getMessage()));
    }
    if (root == null || root.isMissingNode()) {
      return ApiJson.mapper().createObjectNode();
    }
    if (!(root instanceof ObjectNode object)) {
      throw ApiProblem.invalidRequest("Request body must be a JSON object, was "
          + root.getNodeType().name().toLowerCase(Locale.ROOT));
    }
    requireWellFormedText(object, "(body)");
    return object;
  }

  /**
   * Refuses a lone UTF-16 surrogate ({@code "\\ud800"} escapes without their pair) anywhere in
   * the body, keys included. Such a string is not Unicode text: the journal cannot write it, so
   * one accepted request would fail the journal for everyone.
   */
  private static void requireWellFormedText(JsonNode node, String field) {
    if (node.isTextual() && !wellFormed(node.textValue())) {
      throw ApiProblem.invalidRequest("Field '" + field + "' contains an unpaired UTF-16 "
          + "surrogate (a \\uD800-\\uDFFF escape without its pair); send valid Unicode text");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!wellFormed(e.getKey())) {
        throw ApiProblem.invalidRequest("A field name contains an unpaired UTF-16 surrogate; "
            + "send valid Unicode text");
      }
      requireWellFormedText(e.getValue(), echo(e.getKey()));
    }
    if (node.isArray()) {
      for (JsonNode element : node) {
        requireWellFormedText(element, field);
      }
    }
  }

  /** Whether every surrogate in {@code text} is part of a high-low pair. */
  static boolean wellFormed(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  private static AllocateRequest bind(ObjectNode object) {
    try {
      return ApiJson.mapper().treeToValue(object, AllocateRequest.class);
    } catch (MismatchedInputException e) {
      throw ApiProblem.invalidRequest("Field '" + field(e) + "' must be "
          + expected(e.getTargetType()));
    } catch (JsonProcessingException e) {
      throw ApiProblem.invalidRequest("Invalid request body: "
          + echo(String.valueOf(e.getOriginalMessage())));
    }
  }

  /** The original's {@code parseInt(x, 10)} then 1..65535; null when that fails. */
  static Integer lenientPort(JsonNode node) {
    long value;
    if (node.isNumber()) {
      double d = node.asDouble();
      if (!Double.isFinite(d) || Math.abs(d) > Integer.MAX_VALUE) {
        return null;
      }
      value = (long) d;
    } else if (node.isTextual()) {
      Matcher m = LEADING_INTEGER.matcher(node.textValue());
      if (!m.find()) {
        return null;
      }
      value = Long.parseLong(m.group(1));
    } else {
      return null;
    }
    return value >= 1 && value <= 65535 ? (int) value : null;
  }

  private static String field(JsonMappingException e) {
    List<JsonMappingException.Reference> path = e.getPath();
    if (path.isEmpty() || path.get(path.size() - 1).getFieldName() == null) {
      return "(body)";
    }
    return path.get(path.size() - 1).getFieldName();
  }

  private static String expected(Class<?> type) {
    if (type == String.class) {
      return "a string";
    } else if (type == Long.class || type == Integer.class) {
      return "an integer";
    } else if (type == Boolean.class) {
      return "a boolean";
    }
    return "a value of the documented type";
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw ApiProblem.invalidArgument(message);
    }
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  /** Client text repeated in a message: no control characters, at most 200 characters. */
  static String echo(String text) {
    String clean = text.replaceAll("\\p{Cntrl}", "");
    return clean.length() > MAX_ECHO ? clean.substring(0, MAX_ECHO) : clean;
  }
}
