package dev.styxy.http;

import static org.apache.pekko.http.javadsl.server.Directives.*;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.fasterxml.jackson.databind.JsonNode;
import dev.styxy.actors.InstanceReply;
import dev.styxy.actors.PortRegistry;
import dev.styxy.actors.os.ProcessUsers;
import dev.styxy.http.api.DeregisterResponse;
import dev.styxy.http.api.HeartbeatResponse;
import dev.styxy.http.api.InstanceRecord;
import dev.styxy.http.api.InstanceResponse;
import dev.styxy.http.api.InstancesResponse;
import dev.styxy.http.api.RegisterInstanceRequest;
import dev.styxy.persistence.AllocationId;
import dev.styxy.persistence.Instance;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The agent-instance registry: {@code POST /instance/register},
 * {@code PUT /instance/{id}/heartbeat} (body ignored), {@code GET /instance/list} and
 * {@code DELETE /instance/{id}} (which also releases the instance's allocations). One registry ask
 * per request; replies keep the original's shapes. A registration's {@code pid} must be a live
 * process of the daemon's user ({@link OwnerPids}).
 */
final class InstanceRoutes {
  private final RegistryClient registry;
  private final RequestBodies bodies;
  private final ProcessUsers users;

  /**
   * Checks instance pids against the real {@code /proc}.
   *
   * @param maxBodyBytes register bodies longer than this are refused with 413
   * @param readTimeout how long to wait for a slow client's body
   */
  InstanceRoutes(RegistryClient registry, long maxBodyBytes, Duration readTimeout) {
    this(registry, maxBodyBytes, readTimeout, new ProcessUsers());
  }

  /** @param users tells whose process an instance {@code pid} is ({@link OwnerPids}) */
  InstanceRoutes(RegistryClient registry, long maxBodyBytes, Duration readTimeout,
      ProcessUsers users) {
    this.registry = registry;
    this.bodies = new RequestBodies(maxBodyBytes, readTimeout);
    this.users = users;
  }

  Route routes() {
    return pathPrefix("instance", () -> concat(
        path("register", () -> post(this::register)),
        path("list", () -> get(this::list)),
        path(segment().slash("heartbeat"), id -> put(() -> heartbeat(id))),
        path(segment(), id -> delete(() -> deregister(id)))));
  }

  private Route register() {
    return ApiGuards.caller(caller -> bodies.bytes(bytes -> {
      RegisterInstanceRequest req = InstanceRequestParser.parse(bytes);
      if (req.pid() != null) {
        OwnerPids.requireOwn(users, req.pid());
      }
      return onSuccess(registry.registerInstance(req.instanceId(), req.workingDirectory(),
          ApiJson.write(req.metadata()), req.pid(), caller.requestId(), caller.actor()),
          reply -> replied(reply, caller.requestId()));
    }));
  }

  private Route heartbeat(String id) {
    return ApiGuards.requestId(requestId ->
        onSuccess(registry.instanceHeartbeat(id), reply -> replied(reply, requestId)));
  }

  private Route deregister(String id) {
    return ApiGuards.caller(caller -> onSuccess(
        registry.deregisterInstance(id, caller.requestId(), caller.actor()),
        reply -> replied(reply, caller.requestId())));
  }

  private Route list() {
    return onSuccess(registry.instances(), list -> Replies.ok(new InstancesResponse(
        list.instances().stream().map(InstanceRoutes::record).toList())));
  }

  private Route replied(InstanceReply reply, String requestId) {
    if (reply instanceof InstanceReply.Registered r) {
      return Replies.ok(new InstanceResponse(true, r.instance().id(), r.message()));
    }
    if (reply instanceof InstanceReply.HeartbeatRecorded h) {
      return Replies.ok(new HeartbeatResponse(true, h.instanceId(),
          ApiJson.iso(h.lastHeartbeat())));
    }
    if (reply instanceof InstanceReply.Deregistered d) {
      return Replies.ok(new DeregisterResponse(true, d.instanceId(), d.released(), d.message()));
    }
    InstanceReply.InstanceRejected r = (InstanceReply.InstanceRejected) reply;
    return complete(ApiErrors.response(requestId, r.code(), r.message()));
  }

  private static InstanceRecord record(InstanceReply.InstanceEntry entry) {
    Instance i = entry.instance();
    List<String> locks = entry.activeAllocations().stream().map(AllocationId::value).toList();
    return new InstanceRecord(i.id(), i.workingDirectory(), ApiJson.iso(i.registeredAt()),
        ApiJson.iso(i.lastHeartbeat()), locks, ApiJson.read(i.metadataJson(), JsonNode.class),
        i.pid());
  }
}
