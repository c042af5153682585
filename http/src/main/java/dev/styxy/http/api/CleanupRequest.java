package dev.styxy.http.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Body of {@code POST /cleanup}; the whole body is optional.
 *
 * @param force release every live allocation, single-instance ones included; absent means false
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CleanupRequest(@JsonProperty("force") Boolean force) {

  /** The JSON keys the daemon accepts; any other key is refused with 400. */
  public static final List<String> FIELDS = List.of("force");
}
