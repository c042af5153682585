package dev.styxy.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed reads from one JSON file's tree. Every failed check throws a {@link ConfigProblem} naming
 * the file and the full key path (e.g. {@code service_types.dev.port_range}); nothing is defaulted.
 */
final class JsonFields {
  private final String file;

  JsonFields(String file) {
    this.file = file;
  }

  ConfigProblem problem(String key, String problem) {
    return new ConfigProblem(file, key, problem);
  }

  ConfigProblem problem(String key, String problem, Throwable cause) {
    return new ConfigProblem(file, key, problem, cause);
  }

  static String path(String parent, String field) {
    return parent.isEmpty() ? field : parent + "." + field;
  }

  ObjectNode object(JsonNode node, String key) {
    if (!node.isObject()) {
      throw problem(key, "must be an object, was " + describe(node));
    }
    return (ObjectNode) node;
  }

  ArrayNode array(JsonNode node, String key) {
    if (!node.isArray()) {
      throw problem(key, "must be an array, was " + describe(node));
    }
    return (ArrayNode) node;
  }

  String string(JsonNode node, String key) {
    if (!node.isTextual()) {
      throw problem(key, "must be a string, was " + describe(node));
    }
    return node.textValue();
  }

  boolean bool(JsonNode node, String key) {
    if (!node.isBoolean()) {
      throw problem(key, "must be true or false, was " + describe(node));
    }
    return node.booleanValue();
  }

  /** A whole number (JSON has one number type, so {@code 3000.0} counts) that fits in an int. */
  int integer(JsonNode node, String key) {
    if (!node.isNumber() || !node.canConvertToExactIntegral() || !node.canConvertToInt()) {
      throw problem(key, "must be an integer, was " + describe(node));
    }
    return node.asInt();
  }

  int intIn(JsonNode node, String key, int min, int max) {
    int value = integer(node, key);
    if (value < min || value > max) {
      throw problem(key, "must be within " + min + ".." + max + ", was " + value);
    }
    return value;
  }

  int port(JsonNode node, String key) {
    return intIn(node, key, 1, 65535);
  }

  List<String> strings(JsonNode node, String key) {
    List<String> values = new ArrayList<>();
    ArrayNode array = array(node, key);
    for (int i = 0; i < array.size(); i++) {
      values.add(string(array.get(i), key + "[" + i + "]"));
    }
    return values;
  }

  List<Integer> ports(JsonNode node, String key) {
    List<Integer> values = new ArrayList<>();
    ArrayNode array = array(node, key);
    for (int i = 0; i < array.size(); i++) {
      values.add(port(array.get(i), key + "[" + i + "]"));
    }
    return values;
  }

  /** Rejects keys outside {@code allowed}, so a typo such as {@code port-range} is not ignored. */
  void onlyKeys(ObjectNode node, String key, Set<String> allowed) {
    for (Map.Entry<String, JsonNode> property : node.properties()) {
      String name = property.getKey();
      if (!allowed.contains(name)) {
        throw problem(path(key, name), "unknown key; expected one of " + new TreeSet<>(allowed));
      }
    }
  }

  /** A short, one-line description of a JSON value for problem messages. */
  static String describe(JsonNode node) {
    String kind = node.getNodeType().name().toLowerCase(Locale.ROOT);
    if (node.isContainerNode()) {
      return "an " + kind;
    }
    if (node.isNull()) {
      return "null";
    }
    String text = node.toString();
    if (text.length() > 40) {
      text = text.substring(0, 37) + "...";
    }
    return "a " + kind + " " + text;
  }
}
