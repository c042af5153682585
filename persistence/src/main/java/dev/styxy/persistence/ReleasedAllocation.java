package dev.styxy.persistence;

import java.time.Instant;

/**
 * An allocation that ended, as the release history keeps it.
 *
 * @param allocation the allocation as it was when released (its last health status included)
 * @param reason the {@link PortReleased} reason, e.g. {@code owner_exited}
 * @param actor who released it: {@code http}, {@code cli}, {@code health}
 */
public record ReleasedAllocation(Allocation allocation, Instant releasedAt, String reason,
    String actor) implements CborSerializable {}
