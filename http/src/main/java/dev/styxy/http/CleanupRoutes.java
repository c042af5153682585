package dev.styxy.http;

import static org.apache.pekko.http.javadsl.server.Directives.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.styxy.http.api.CleanupRequest;
import dev.styxy.http.api.CleanupResponse;
import java.time.Duration;
import java.util.Iterator;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code POST /cleanup}: asks the registry to reconcile now. Without {@code force} it releases
 * the allocations whose owner process exited (or whose pid now belongs to another process), whose
 * lease ran out, or whose instance is gone; with {@code force} it releases every allocation,
 * single-instance ones included. The body is optional; when present it is {@code {"force":bool}}.
 */
final class CleanupRoutes {
  private final RegistryClient registry;
  private final RequestBodies bodies;

  /**
   * @param maxBodyBytes bodies longer than this are refused with 413
   * @param readTimeout how long to wait for a slow client's body
   */
  CleanupRoutes(RegistryClient registry, long maxBodyBytes, Duration readTimeout) {
    this.registry = registry;
    this.bodies = new RequestBodies(maxBodyBytes, readTimeout);
  }

  Route routes() {
    return pathPrefix("cleanup", () -> pathEndOrSingleSlash(() -> post(this::cleanup)));
  }

  private Route cleanup() {
    return ApiGuards.caller(caller -> bodies.bytes(bytes -> {
      boolean force = Boolean.TRUE.equals(parse(bytes).force());
      return onSuccess(registry.cleanup(force, caller.requestId(), caller.actor()),
          cleaned -> Replies.ok(new CleanupResponse(true, cleaned.count(), cleaned.message())));
    }));
  }

  /**
   * The request: an empty body, {@code {}} or JSON null {@code force} mean no force.
   *
   * @throws ApiProblem {@code INVALID_REQUEST} for malformed JSON, another key, or a
   *     {@code force} that is not a boolean
   */
  static CleanupRequest parse(byte[] body) {
    ObjectNode object = AllocateRequestParser.object(body);
    for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!CleanupRequest.FIELDS.contains(name)) {
        throw ApiProblem.invalidRequest("Unknown field '" + AllocateRequestParser.echo(name)
            + "' in request body; allowed fields: " + String.join(", ", CleanupRequest.FIELDS));
      }
    }
    JsonNode force = object.get("force");
    if (force == null || force.isNull()) {
      return new CleanupRequest(null);
    }
    if (!force.isBoolean()) {
      throw ApiProblem.invalidRequest("Field 'force' must be a boolean (true or false)");
    }
    return new CleanupRequest(force.booleanValue());
  }
}
