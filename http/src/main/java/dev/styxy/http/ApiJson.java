package dev.styxy.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.paramnames.ParameterNamesModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The one JSON configuration of the public API, shared by the daemon's routes and the CLI, and
 * usable without an ActorSystem.
 *
 * <p>Output is compact, keys come in record declaration order (shell clients grep the original's
 * key order, so nothing is sorted), and null fields are written unless a DTO opts out. Input is
 * strict: unknown properties, duplicate keys, trailing tokens and numbers or booleans where a
 * string is expected all fail, so the API answers 400 instead of guessing. Timestamps in DTOs are
 * strings made by {@link #iso(Instant)}.
 *
 * <p>The mapper is thread-safe once built; it is reached through {@link #mapper()} and must not be
 * reconfigured.
 */
public final class ApiJson {
  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .addModule(new Jdk8Module())
      .addModule(new JavaTimeModule())
      .addModule(new ParameterNamesModule())
      .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
      .disable(SerializationFeature.INDENT_OUTPUT)
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .defaultPropertyInclusion(
          JsonInclude.Value.construct(JsonInclude.Include.ALWAYS, JsonInclude.Include.ALWAYS))
      .withCoercionConfig(LogicalType.Textual, c -> c
          .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
      .build();

  private ApiJson() {}

  /** The shared mapper. Do not reconfigure it: every client of the API relies on its settings. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** {@code instant} as the API writes timestamps: {@code 2026-01-01T12:00:00.000Z}, or null. */
  public static String iso(Instant instant) {
    return instant == null ? null : ISO.format(instant);
  }

  /** Parses a timestamp written by {@link #iso(Instant)}; null stays null. */
  public static Instant parseIso(String text) {
    return text == null ? null : Instant.parse(text);
  }

  /** Compact JSON bytes (UTF-8) of {@code value}. */
  public static byte[] bytes(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      // Only our own DTOs are written; failing to write one is a programming error.
      throw new IllegalStateException("Cannot write " + value.getClass().getName() + " as JSON", e);
    }
  }

  /** Compact JSON text of {@code value}. */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write " + value.getClass().getName() + " as JSON", e);
    }
  }

  /**
   * Reads {@code json} as {@code type} with the API's strict settings.
   *
   * @throws UncheckedIOException wrapping Jackson's exception when the text is malformed or does
   *     not fit {@code type}
   */
  public static <T> T read(String json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** As {@link #read(String, Class)}, from UTF-8 bytes. */
  public static <T> T read(byte[] json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
