package dev.styxy.http;

import static org.apache.pekko.http.javadsl.server.Directives.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.styxy.actors.StateImported;
import dev.styxy.http.api.ImportResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code POST /import} with {@code {"path":"/abs/daemon.state"}}: the daemon reads the original
 * Node.js daemon's state file at that absolute path (on the blocking dispatcher) and the registry
 * imports what does not clash with its state. The body names a path rather than carrying the
 * file, because a state file is larger than the request body limit. Answers the counts and one
 * line per skipped record; a file that cannot be read or is not a state file is a 400.
 */
final class ImportRoutes {
  /** Larger files are refused: an original state file of 10,000 allocations is about 5 MB. */
  static final long MAX_STATE_BYTES = 64L * 1024 * 1024;

  private final RegistryClient registry;
  private final RequestBodies bodies;
  private final Executor blocking;

  /**
   * @param maxBodyBytes bodies longer than this are refused with 413
   * @param readTimeout how long to wait for a slow client's body
   * @param blocking where the file is read
   */
  ImportRoutes(RegistryClient registry, long maxBodyBytes, Duration readTimeout,
      Executor blocking) {
    this.registry = registry;
    this.bodies = new RequestBodies(maxBodyBytes, readTimeout);
    this.blocking = blocking;
  }

  Route routes() {
    return pathPrefix("import", () -> pathEndOrSingleSlash(() -> post(this::importState)));
  }

  private Route importState() {
    return ApiGuards.caller(caller -> bodies.bytes(bytes -> {
      Path path = parse(bytes, "the original daemon.state");
      CompletionStage<StateImported> done = CompletableFuture
          .supplyAsync(() -> read(path), blocking)
          .thenCompose(content -> registry.importState(content, path.toString(),
              caller.requestId(), caller.actor()));
      return onSuccess(done, reply -> {
        if (reply.refused() != null) {
          return complete(ApiErrors.response(caller.requestId(), reply.refused(),
              reply.message()));
        }
        return Replies.ok(new ImportResponse(true, reply.allocations(), reply.instances(),
            reply.skipped(), reply.message()));
      });
    }));
  }

  /**
   * The file to import.
   *
   * @param what what the file is, for the error message (e.g. "the original daemon.state")
   * @throws ApiProblem {@code INVALID_REQUEST} for malformed JSON, another key or a missing
   *     {@code path}; {@code INVALID_ARGUMENT} for a path that is not absolute
   */
  static Path parse(byte[] body, String what) {
    ObjectNode object = AllocateRequestParser.object(body);
    for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!"path".equals(name)) {
        throw ApiProblem.invalidRequest("Unknown field '" + AllocateRequestParser.echo(name)
            + "' in request body; allowed fields: path");
      }
    }
    JsonNode path = object.get("path");
    if (path == null || path.isNull() || !path.isTextual() || path.textValue().isEmpty()) {
      throw ApiProblem.invalidRequest("Field 'path' (the absolute path of " + what
          + ") is required and must be a string");
    }
    try {
      Path p = Path.of(path.textValue());
      if (!p.isAbsolute()) {
        throw ApiProblem.invalidArgument("Field 'path' must be an absolute path");
      }
      return p.normalize();
    } catch (InvalidPathException e) {
      throw ApiProblem.invalidArgument("Field 'path' is not a valid path: " + e.getReason());
    }
  }

  private static byte[] read(Path path) {
    try {
      if (!Files.isRegularFile(path)) {
        throw ApiProblem.invalidArgument("Cannot import " + path + ": "
            + (Files.exists(path) ? "not a regular file" : "no such file"));
      }
      if (Files.size(path) > MAX_STATE_BYTES) {
        throw ApiProblem.invalidArgument("Cannot import " + path + ": larger than "
            + MAX_STATE_BYTES + " bytes");
      }
      return Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw ApiProblem.invalidArgument("Cannot import " + path + ": no such file");
    } catch (IOException e) {
      throw ApiProblem.invalidArgument("Cannot import " + path + ": " + e.getMessage());
    }
  }
}
