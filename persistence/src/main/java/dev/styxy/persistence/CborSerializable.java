package dev.styxy.persistence;

/**
 * Marker for everything Pekko serializes with jackson-cbor: events, snapshots, commands and
 * replies. Bound in this module's {@code reference.conf}.
 */
public interface CborSerializable {}
