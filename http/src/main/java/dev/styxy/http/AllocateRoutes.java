package dev.styxy.http;

import static org.apache.pekko.http.javadsl.server.Directives.*;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import dev.styxy.actors.AllocateReply;
import dev.styxy.actors.LeaseReply;
import dev.styxy.actors.ReleaseReply;
import dev.styxy.actors.health.OsOwners;
import dev.styxy.actors.metrics.StyxyMetrics;
import dev.styxy.actors.os.ProcessUsers;
import dev.styxy.http.api.AllocateRequest;
import dev.styxy.http.api.DryRunResponse;
import dev.styxy.http.api.ExistingAllocationResponse;
import dev.styxy.http.api.LeaseRenewedResponse;
import dev.styxy.http.api.ReleaseResponse;
import dev.styxy.persistence.Allocation;
import dev.styxy.persistence.AllocationId;
import dev.styxy.persistence.AllocationRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code POST /allocate}, {@code DELETE /allocate/{lockId}} and
 * {@code PUT /allocate/{lockId}/heartbeat}: validates the request, asks the registry once, and
 * translates its reply into the original's reply shapes (plus the lease keys when there is a
 * lease). Bodies are read as JSON whatever their content type, bounded by {@code maxBodyBytes}.
 */
final class AllocateRoutes {
  private final RegistryClient registry;
  private final RequestBodies bodies;
  private final long maxLeaseTtlSeconds;
  private final StyxyMetrics metrics;
  private final ProcessUsers users;

  /**
   * Checks owner pids against the real {@code /proc}.
   *
   * @param maxBodyBytes bodies longer than this are refused with 413
   * @param readTimeout how long to wait for a slow client's body
   * @param maxLeaseTtl the longest {@code lease_ttl_s} a client may ask for
   * @param metrics where the latency of each allocate request (arrival to reply) goes
   */
  AllocateRoutes(RegistryClient registry, long maxBodyBytes, Duration readTimeout,
      Duration maxLeaseTtl, StyxyMetrics metrics) {
    this(registry, maxBodyBytes, readTimeout, maxLeaseTtl, metrics, new ProcessUsers());
  }

  /** @param users tells whose process an owner {@code pid} is ({@link OwnerPids}) */
  AllocateRoutes(RegistryClient registry, long maxBodyBytes, Duration readTimeout,
      Duration maxLeaseTtl, StyxyMetrics metrics, ProcessUsers users) {
    this.registry = registry;
    this.bodies = new RequestBodies(maxBodyBytes, readTimeout);
    this.maxLeaseTtlSeconds = maxLeaseTtl.toSeconds();
    this.metrics = metrics;
    this.users = users;
  }

  Route routes() {
    return pathPrefix("allocate", () -> concat(
        pathEndOrSingleSlash(() -> post(this::allocate)),
        path(segment().slash("heartbeat"), lockId -> put(() -> heartbeat(lockId))),
        path(segment(), lockId -> delete(() -> release(lockId)))));
  }

  private Route allocate() {
    return ApiGuards.caller(caller -> {
      long arrived = System.nanoTime();
      return bodies.bytes(bytes -> allocate(bytes, caller, arrived));
    });
  }

  private Route allocate(byte[] body, ApiGuards.Caller caller, long arrived) {
    AllocateRequest dto = AllocateRequestParser.parse(body, maxLeaseTtlSeconds);
    AllocationRequest request = new AllocationRequest(dto.serviceType(), dto.serviceName(),
        dto.instanceId(), dto.projectPath(), dto.preferredPort(), dto.pid(), dto.dryRun(),
        caller.userAgent(), caller.remoteIp(), caller.requestId(), caller.actor(),
        ownerStartedAt(dto.pid()), dto.healthUrl(), dto.leaseTtlSeconds());
    return onSuccess(timed(registry.allocate(request), arrived),
        reply -> allocated(reply, request, caller.requestId()));
  }

  /** {@code reply}, observed in the allocation latency by outcome when it completes. */
  private CompletionStage<AllocateReply> timed(CompletionStage<AllocateReply> reply,
      long arrived) {
    return reply.whenComplete((r, failure) -> metrics.allocationReplied(outcome(r),
        System.nanoTime() - arrived));
  }

  /** The outcome label: how the registry answered, {@code failed} when it did not. */
  static String outcome(AllocateReply reply) {
    if (reply instanceof AllocateReply.Allocated) {
      return "allocated";
    } else if (reply instanceof AllocateReply.Existing) {
      return "existing";
    } else if (reply instanceof AllocateReply.DryRunResult) {
      return "dry_run";
    }
    return reply instanceof AllocateReply.AllocateRejected ? "rejected" : "failed";
  }

  /**
   * The start time of the owner process, so a later process with a reused pid is not taken for
   * it; null without a pid or when the OS does not say. Runs inline, unlike this API's bind tests
   * and socket-table reads: it is two small reads of {@code /proc/PID}, served from kernel
   * memory, cheaper than a hop to the blocking dispatcher.
   *
   * @throws ApiProblem {@code INVALID_ARGUMENT} when no live process has that pid,
   *     {@code FORBIDDEN} when it is another user's ({@link OwnerPids})
   */
  private Instant ownerStartedAt(Long pid) {
    if (pid == null) {
      return null;
    }
    OwnerPids.requireOwn(users, pid);
    return OsOwners.startTime(pid).orElse(null);
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
          held.allocatedAt().toEpochMilli(), ApiJson.iso(held.leaseExpiresAt()),
          leaseTtl(held)));
    }
    if (reply instanceof AllocateReply.DryRunResult d) {
      return Replies.ok(new DryRunResponse(true, d.port(), true, d.message(),
          request.serviceType(), request.effectiveServiceName()));
    }
    AllocateReply.AllocateRejected r = (AllocateReply.AllocateRejected) reply;
    return complete(ApiErrors.response(requestId, ApiErrors.status(r.code()), r.code(),
        r.message(), r.reasons()));
  }

  /** The TTL shown with a lease; null (left out) for an allocation without one. */
  private static Integer leaseTtl(Allocation a) {
    return a.hasLease() ? a.leaseTtlSeconds() : null;
  }

  private Route release(String lockId) {
    return withLockId(lockId, (id, caller) -> onSuccess(
        registry.release(id, caller.requestId(), caller.actor()),
        reply -> released(reply, caller.requestId())));
  }

  private Route released(ReleaseReply reply, String requestId) {
    if (reply instanceof ReleaseReply.Released r) {
      return Replies.ok(new ReleaseResponse(true, r.message(), r.allocation().port()));
    }
    ReleaseReply.ReleaseRejected r = (ReleaseReply.ReleaseRejected) reply;
    return complete(ApiErrors.response(requestId, r.code(), r.message()));
  }

  /** The body is read (so the size limit applies to it too) and ignored. */
  private Route heartbeat(String lockId) {
    return withLockId(lockId, (id, caller) -> bodies.bytes(ignored -> onSuccess(
        registry.renewLease(id, caller.requestId(), caller.actor()),
        reply -> renewed(reply, caller.requestId()))));
  }

  private Route renewed(LeaseReply reply, String requestId) {
    if (reply instanceof LeaseReply.Renewed r) {
      Allocation a = r.allocation();
      String until = ApiJson.iso(a.leaseExpiresAt());
      return Replies.ok(new LeaseRenewedResponse(true, a.id().value(), a.id().value(),
          a.port(), until, "Lease of port " + a.port() + " renewed until " + until));
    }
    LeaseReply.LeaseRejected r = (LeaseReply.LeaseRejected) reply;
    return complete(ApiErrors.response(requestId, r.code(), r.message()));
  }

  /** Runs {@code inner} with the parsed lock id and the caller; 400 for a malformed id. */
  private static Route withLockId(String lockId,
      BiFunction<AllocationId, ApiGuards.Caller, Route> inner) {
    return ApiGuards.caller(caller -> {
      if (!AllocationId.isValid(lockId)) {
        throw ApiProblem.invalidArgument("lock_id must be a valid UUID v4");
      }
      return inner.apply(AllocationId.parse(lockId), caller);
    });
  }
}
