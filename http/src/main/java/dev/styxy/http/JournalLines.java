package dev.styxy.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.styxy.http.api.JournalSummary;
import dev.styxy.persistence.Allocation;
import dev.styxy.persistence.RegistryEvent;
import dev.styxy.persistence.RegistryState;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.io.UncheckedIOException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The journal export format, JSON lines: a header line ({@code {"format":"styxy-journal",
 * "version":1,…}}), one line per event ({@code {"sequence_nr":1,"type":"PortAllocated",
 * "event":{…}}}, the event as the journal's serializer sees it, in JSON), and a last
 * {@link JournalSummary} line ({@code "end":true}) with what the events add up to. A file without
 * its summary line is incomplete. Events are written and read with Pekko's {@code jackson-json}
 * mapper, so they carry the same fields (and migrate the same way) as in the journal.
 */
final class JournalLines {
  static final String FORMAT = "styxy-journal";
  static final int VERSION = 1;
  private static final Map<String, Class<?>> TYPES = new LinkedHashMap<>();

  static {
    for (Class<?> type : RegistryEvent.class.getPermittedSubclasses()) {
      TYPES.put(type.getSimpleName(), type);
    }
  }

  private final ObjectMapper events;

  /** @param events Pekko's {@code jackson-json} mapper of the actor system */
  JournalLines(ObjectMapper events) {
    this.events = events;
  }

  /** A parsed export: its events, in order, and its summary line. */
  record Parsed(List<RegistryEvent> events, JournalSummary summary) {}

  String header(Instant now) {
    return ApiJson.write(Map.of("format", FORMAT, "version", VERSION,
        "persistence_id", "PortRegistry|default", "exported_at", ApiJson.iso(now)));
  }

  String eventLine(long sequenceNr, RegistryEvent event) {
    ObjectNode line = events.createObjectNode();
    line.put("sequence_nr", sequenceNr);
    line.put("type", event.getClass().getSimpleName());
    line.set("event", events.valueToTree(event));
    return line.toString();
  }

  String summaryLine(JournalSummary summary) {
    return ApiJson.write(summary);
  }

  /** What {@code state}, reached after {@code count} events up to {@code lastSequenceNr}, holds. */
  JournalSummary summary(long count, long lastSequenceNr, RegistryState state) {
    List<Integer> ports = state.allocations().stream().map(Allocation::port).sorted().toList();
    return new JournalSummary(true, count, lastSequenceNr, state.size(), ports,
        state.instanceCount(), state.autoTypes().size(), digest(state));
  }

  /**
   * SHA-256 over the state's parts, each element as JSON; unordered parts are sorted first so the
   * digest does not depend on map iteration order. The release history keeps its order.
   */
  String digest(RegistryState state) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    List<List<String>> parts = List.of(sorted(state.allocations()), sorted(state.instances()),
        sorted(state.autoTypes()), sorted(state.sticky()), json(state.recentlyReleased()));
    for (List<String> part : parts) {
      part.forEach(element -> sha.update((element + "\n").getBytes(StandardCharsets.UTF_8)));
      sha.update((byte) 0);
    }
    return "sha256:" + HexFormat.of().formatHex(sha.digest());
  }

  private List<String> sorted(List<?> elements) {
    List<String> out = json(elements);
    out.sort(null);
    return out;
  }

  private List<String> json(List<?> elements) {
    List<String> out = new ArrayList<>(elements.size());
    elements.forEach(e -> out.add(events.valueToTree(e).toString()));
    return out;
  }

  /**
   * Parses an export: header, events numbered 1, 2, 3…, summary line last.
   *
   * @throws ApiProblem {@code INVALID_ARGUMENT} naming the line that is wrong
   */
  Parsed parse(Stream<String> lines) {
    List<RegistryEvent> parsed = new ArrayList<>();
    JournalSummary summary = null;
    int number = 0;
    for (String line : (Iterable<String>) lines::iterator) {
      number++;
      if (line.isBlank()) {
        continue;
      }
      if (summary != null) {
        throw problem(number, "text after the summary line");
      }
      JsonNode node = tree(number, line);
      if (number == 1) {
        checkHeader(node);
      } else if (node.path("end").asBoolean(false)) {
        summary = read(number, line, JournalSummary.class);
      } else {
        parsed.add(event(number, node, parsed.size() + 1L));
      }
    }
    if (summary == null) {
      throw ApiProblem.invalidArgument("The journal file has no summary line at its end: it is "
          + "incomplete (an export that was cut off)");
    }
    return new Parsed(parsed, summary);
  }

  private void checkHeader(JsonNode node) {
    if (!FORMAT.equals(node.path("format").asText()) || node.path("version").asInt() != VERSION) {
      throw ApiProblem.invalidArgument("Line 1 is not a header of format " + FORMAT
          + " version " + VERSION + ": not a journal export of this Styxy version");
    }
  }

  private RegistryEvent event(int number, JsonNode node, long expected) {
    long sequenceNr = node.path("sequence_nr").asLong(-1);
    if (sequenceNr != expected) {
      throw problem(number, "sequence_nr " + sequenceNr + " where " + expected
          + " was expected (events must be numbered 1, 2, 3… without gaps)");
    }
    Class<?> type = TYPES.get(node.path("type").asText());
    if (type == null || !node.path("event").isObject()) {
      throw problem(number, "unknown event type '" + node.path("type").asText()
          + "'; known: " + String.join(", ", TYPES.keySet()));
    }
    try {
      return (RegistryEvent) events.treeToValue(node.get("event"), type);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw problem(number, "not a valid " + type.getSimpleName() + ": " + firstLine(e));
    }
  }

  private static JsonNode tree(int number, String line) {
    return read(number, line, JsonNode.class);
  }

  private static <T> T read(int number, String text, Class<T> type) {
    try {
      return ApiJson.read(text, type);
    } catch (UncheckedIOException e) {
      throw problem(number, firstLine(e.getCause()));
    }
  }

  private static String firstLine(Throwable e) {
    String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
    why = why == null ? e.getClass().getSimpleName() : why;
    return why.lines().findFirst().orElse(why);
  }

  private static ApiProblem problem(int number, String why) {
    return ApiProblem.invalidArgument("Line " + number + " of the journal file: " + why);
  }
}
