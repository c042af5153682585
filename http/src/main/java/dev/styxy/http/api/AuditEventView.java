package dev.styxy.http.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * One audit entry, as {@code GET /audit} lists it and {@code GET /events} sends it (the
 * {@code data} of each event).
 *
 * @param seq the journal sequence number (the SSE event id); {@code null} for recovery and
 *     supervision actions, which are not journaled
 * @param event {@code allocated}, {@code released}, {@code health_changed},
 *     {@code lease_renewed}, {@code instance_registered}, {@code instance_deregistered},
 *     {@code auto_allocated}; live only: {@code recovered}, {@code registry_restarting},
 *     {@code registry_stopped}, {@code degraded_acknowledged}
 * @param owner who held the port (or is the instance); {@code null} when unknown
 * @param actor {@code http}, {@code cli}, {@code health}, {@code recovery},
 *     {@code auto-allocation}
 * @param reason why: {@code released}, {@code owner_exited}, … for a release; the allocation's
 *     tag ({@code preferred}, {@code range}, …) for an allocation
 * @param counts figures of a recovery summary; empty otherwise
 */
public record AuditEventView(
    @JsonProperty("seq") Long seq,
    @JsonProperty("timestamp") String timestamp,
    @JsonProperty("event") String event,
    @JsonProperty("port") Integer port,
    @JsonProperty("lock_id") String lockId,
    @JsonProperty("service_type") String serviceType,
    @JsonProperty("owner") Owner owner,
    @JsonProperty("request_id") String requestId,
    @JsonProperty("actor") String actor,
    @JsonProperty("reason") String reason,
    @JsonProperty("detail") String detail,
    @JsonProperty("counts") Map<String, Long> counts) {

  /** Who held the port: the allocation's name, instance, project and owner process. */
  public record Owner(
      @JsonProperty("service_name") String serviceName,
      @JsonProperty("instance_id") String instanceId,
      @JsonProperty("project_path") String projectPath,
      @JsonProperty("pid") Long pid) {}
}
