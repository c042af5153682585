package dev.styxy.http.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One entry of {@code GET /allocations/history}: the allocation as it was when it ended
 * (same keys as a live record), and when, why and by whom it ended.
 *
 * @param reason {@code released}, {@code owner_exited}, {@code port_abandoned},
 *     {@code health_check_failed}, {@code lease_expired}, {@code instance_gone},
 *     {@code forced_cleanup}, {@code orphaned}, {@code duplicate_singleton}
 * @param actor {@code http}, {@code cli}, {@code health} or {@code recovery}
 */
public record ReleasedRecord(
    @JsonProperty("allocation") AllocationRecord allocation,
    @JsonProperty("released_at") String releasedAt,
    @JsonProperty("reason") String reason,
    @JsonProperty("actor") String actor) {}
