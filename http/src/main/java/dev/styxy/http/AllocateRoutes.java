package dev.styxy.http;

import static org.apache.pekko.http.javadsl.server.Directives.*;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import dev.styxy.actors.AllocateReply;
import dev.styxy.actors.PortRegistry;
import dev.styxy.actors.ReleaseReply;
import dev.styxy.http.api.AllocateRequest;
import dev.styxy.http.api.DryRunResponse;
import dev.styxy.http.api.ExistingAllocationResponse;
import dev.styxy.http.api.ReleaseResponse;
import dev.styxy.persistence.Allocation;
import dev.styxy.persistence.AllocationId;
import dev.styxy.persistence.AllocationRequest;
import java.time.Duration;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code POST /allocate} and {@code DELETE /allocate/{lockId}}: validates the request, asks the
 * registry once, and translates its reply into the original's reply shapes. The body is read as
 * JSON whatever its content type, bounded by {@code maxBodyBytes}.
 */
final class AllocateRoutes {
  private final RegistryClient registry;
  private final RequestBodies bodies;

  /**
   * @param maxBodyBytes bodies longer than this are refused with 413
   * @param readTimeout how long to wait for a slow client's body
   */
  AllocateRoutes(RegistryClient registry, long maxBodyBytes, Duration readTimeout) {
    this.registry = registry;
    this.bodies = new RequestBodies(maxBodyBytes, readTimeout);
  }

  Route routes() {
    return pathPrefix("allocate", () -> concat(
        pathEndOrSingleSlash(() -> post(this::allocate)),
        path(segment(), lockId -> delete(() -> release(lockId)))));
  }

  private Route allocate() {
    return ApiGuards.caller(caller -> bodies.bytes(bytes -> allocate(bytes, caller)));
  }

  private Route allocate(byte[] body, ApiGuards.Caller caller) {
    AllocateRequest dto = AllocateRequestParser.parse(body);
    AllocationRequest request = new AllocationRequest(dto.serviceType(), dto.serviceName(),
        dto.instanceId(), dto.projectPath(), dto.preferredPort(), dto.pid(), dto.dryRun(),
        caller.userAgent(), caller.remoteIp(), caller.requestId(), caller.actor(), null, null,
        null);
    return onSuccess(registry.allocate(request),
        reply -> allocated(reply, request, caller.requestId()));
  }

  private Route allocated(AllocateReply reply, AllocationRequest request,
      String requestId) {
    if (reply instanceof AllocateReply.Allocated a) {
      return Replies.ok(ApiViews.allocated(a));
    }
    if (reply instanceof AllocateReply.Existing e) {
      Allocation held = e.allocation();
      return Replies.ok(new ExistingAllocationResponse(true, held.port(), held.id().value(),
          e.message(), true, held.id().value(), held.instanceId(), held.pid(),
          held.allocatedAt().toEpochMilli()));
    }
    if (reply instanceof AllocateReply.DryRunResult d) {
      return Replies.ok(new DryRunResponse(true, d.port(), true, d.message(),
          request.serviceType(), request.effectiveServiceName()));
    }
    AllocateReply.AllocateRejected r = (AllocateReply.AllocateRejected) reply;
    return complete(ApiErrors.response(requestId, ApiErrors.status(r.code()), r.code(),
        r.message(), r.reasons()));
  }

  private Route release(String lockId) {
    return ApiGuards.caller(caller -> {
      if (!AllocationId.isValid(lockId)) {
        throw ApiProblem.invalidArgument("lock_id must be a valid UUID v4");
      }
      return onSuccess(
          registry.release(AllocationId.parse(lockId), caller.requestId(), caller.actor()),
          reply -> released(reply, caller.requestId()));
    });
  }

  private Route released(ReleaseReply reply, String requestId) {
    if (reply instanceof ReleaseReply.Released r) {
      return Replies.ok(new ReleaseResponse(true, r.message(), r.allocation().port()));
    }
    ReleaseReply.ReleaseRejected r = (ReleaseReply.ReleaseRejected) reply;
    return complete(ApiErrors.response(requestId, r.code(), r.message()));
  }
}
