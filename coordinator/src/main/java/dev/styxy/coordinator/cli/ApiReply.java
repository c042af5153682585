package dev.styxy.coordinator.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.styxy.http.ApiJson;
import dev.styxy.http.api.ErrorResponse;
import java.io.IOException;

/**
 * One HTTP reply from the daemon: status and raw body. Bodies are read into the {@code http.api}
 * DTOs leniently (unknown keys ignored), so this CLI keeps working against a newer daemon that adds
 * fields.
 *
 * @param status the HTTP status
 * @param body the raw body, printed unchanged by {@code --json}
 */
public record ApiReply(int status, String body) {

  public boolean ok() {
    return status >= 200 && status < 300;
  }

  /** The body as {@code type}; a body that does not fit is a failure naming the status. */
  public <T> T as(Class<T> type) {
    try {
      return lenient().forType(type).readValue(body);
    } catch (IOException e) {
      throw new CliFailure(ExitCodes.FAILURE, "UNEXPECTED_REPLY",
          "unexpected reply from the daemon (HTTP " + status + "): " + excerpt());
    }
  }

  /** The body as a JSON tree, or a missing node when it is not JSON. */
  public JsonNode tree() {
    try {
      JsonNode node = lenient().readTree(body);
      return node == null ? ApiJson.mapper().missingNode() : node;
    } catch (IOException e) {
      return ApiJson.mapper().missingNode();
    }
  }

  /**
   * The one line for a failed request: {@code CODE: sentence} from the error body, or the HTTP
   * status and the start of the body when the reply is not one of ours.
   */
  public String problemLine() {
    JsonNode node = tree();
    if (node.hasNonNull("error")) {
      ErrorResponse error = as(ErrorResponse.class);
      String code = error.code() == null ? "HTTP_" + status : error.code();
      return code + ": " + error.error();
    }
    return "HTTP " + status + " from the daemon: " + excerpt();
  }

  private String excerpt() {
    String flat = body == null ? "" : body.strip().replaceAll("\\s+", " ");
    return flat.length() > 200 ? flat.substring(0, 197) + "..." : flat;
  }

  private static ObjectReader lenient() {
    return ApiJson.mapper().reader().without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }
}
