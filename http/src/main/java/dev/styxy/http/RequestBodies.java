package dev.styxy.http;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.RequestEntity;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.Materializer;

/**
 * Reads a whole request body as bytes for the routes that parse JSON themselves (whatever the
 * {@code Content-Type}), bounded in size and in time. Stateless.
 */
final class RequestBodies {
  private final long maxBodyBytes;
  private final Duration readTimeout;

  /**
   * @param maxBodyBytes bodies longer than this are refused with 413
   * @param readTimeout how long to wait for a slow client's body
   */
  RequestBodies(long maxBodyBytes, Duration readTimeout) {
    this.maxBodyBytes = maxBodyBytes;
    this.readTimeout = readTimeout;
  }

  /** Runs {@code inner} with the current request's whole body. */
  Route bytes(Function<byte[], Route> inner) {
    return Directives.extractRequestEntity(entity -> Directives.extractMaterializer(mat ->
        Directives.onSuccess(read(entity, mat), inner)));
  }

  /**
   * The whole body, at most {@code maxBodyBytes} (else an {@code EntityStreamSizeException}, 413).
   * A client too slow to send it is a bad request, not the registry timing out.
   */
  CompletionStage<byte[]> read(RequestEntity entity, Materializer mat) {
    if (entity instanceof HttpEntity.Strict strict
        && strict.getContentLengthOption().orElse(Long.MAX_VALUE) <= maxBodyBytes) {
      // Already in memory (the usual small body): no stream to materialize.
      return CompletableFuture.completedFuture(strict.getData().toArray());
    }
    return entity.toStrict(readTimeout.toMillis(), maxBodyBytes, mat).handle((strict, failure) -> {
      if (failure == null) {
        return strict.getData().toArray();
      }
      Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
      if (cause instanceof TimeoutException) {
        throw ApiProblem.invalidRequest("The request body did not arrive within "
            + readTimeout.toMillis() + " ms");
      }
      throw failure instanceof CompletionException c ? c : new CompletionException(failure);
    });
  }
}
