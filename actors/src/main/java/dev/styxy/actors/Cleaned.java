package dev.styxy.actors;

import dev.styxy.persistence.CborSerializable;

/** Answer to {@link PortRegistry.Cleanup}: how many allocations were released. */
public record Cleaned(int count, String message) implements CborSerializable {}
