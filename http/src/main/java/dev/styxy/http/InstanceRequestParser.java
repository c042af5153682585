package dev.styxy.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.styxy.http.api.RegisterInstanceRequest;
import java.util.Iterator;

/**
 * Reads and validates a {@code POST /instance/register} body, parsed as JSON whatever the
 * {@code Content-Type}. The original accepted any {@code instance_id} and silently lost odd ones on
 * restart (W25); this parser applies the original validator's {@code instance_id} and
 * {@code working_directory} rules and messages. Empty strings and JSON nulls mean "not given".
 * Stateless.
 */
final class InstanceRequestParser {
  private InstanceRequestParser() {}

  /**
   * The validated request: {@code instance_id} present and well formed, {@code metadata} an object
   * (empty when not given), optional fields null when absent.
   *
   * @throws ApiProblem {@code INVALID_REQUEST} for malformed JSON or an unknown field;
   *     {@code INVALID_ARGUMENT} for a missing or invalid value
   */
  static RegisterInstanceRequest parse(byte[] body) {
    ObjectNode object = AllocateRequestParser.object(body);
    for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!RegisterInstanceRequest.FIELDS.contains(name)) {
        throw ApiProblem.invalidRequest("Unknown field '" + AllocateRequestParser.echo(name)
            + "' in request body; allowed fields: "
            + String.join(", ", RegisterInstanceRequest.FIELDS));
      }
    }
    return new RegisterInstanceRequest(instanceId(given(object, "instance_id")),
        workingDirectory(given(object, "working_directory")),
        metadata(given(object, "metadata")), pid(given(object, "pid")));
  }

  private static String instanceId(JsonNode node) {
    require(node != null, "instance_id is required");
    require(node.isTextual(), "instance_id is required and must be a string");
    String id = node.textValue();
    require(AllocateRequestParser.INSTANCE_ID.matcher(id).matches(),
        "instance_id can only contain letters, numbers, hyphens, and underscores");
    require(id.length() <= 100, "instance_id must be 100 characters or less");
    return id;
  }

  private static String workingDirectory(JsonNode node) {
    if (node == null) {
      return null;
    }
    require(node.isTextual(), "working_directory must be a non-empty string");
    String path = node.textValue();
    require(path.indexOf('\0') < 0, "working_directory cannot contain null bytes");
    require(path.length() <= 1000, "working_directory must be 1000 characters or less");
    return path;
  }

  private static ObjectNode metadata(JsonNode node) {
    if (node == null) {
      return ApiJson.mapper().createObjectNode();
    }
    require(node instanceof ObjectNode, "metadata must be a JSON object");
    return (ObjectNode) node;
  }

  private static Long pid(JsonNode node) {
    if (node == null) {
      return null;
    }
    boolean valid = node.isIntegralNumber() && node.canConvertToLong()
        && node.longValue() >= 1 && node.longValue() <= AllocateRequestParser.MAX_PID;
    require(valid, "PID must be between 1 and " + AllocateRequestParser.MAX_PID + ", got: "
        + AllocateRequestParser.echo(node.toString()));
    return node.longValue();
  }

  /** The field's value, or null when absent, JSON null or the empty string. */
  private static JsonNode given(ObjectNode object, String name) {
    JsonNode node = object.get(name);
    if (node == null || node.isNull() || (node.isTextual() && node.textValue().isEmpty())) {
      return null;
    }
    return node;
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw ApiProblem.invalidArgument(message);
    }
  }
}
