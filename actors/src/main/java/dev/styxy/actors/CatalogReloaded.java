package dev.styxy.actors;

import dev.styxy.persistence.CborSerializable;

/** Answer to {@link PortRegistry.ReloadCatalog}: the new catalog is in use. */
public record CatalogReloaded(int types, String message) implements CborSerializable {}
