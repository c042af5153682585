package dev.styxy.http;

import dev.styxy.config.PortRange;
import java.nio.file.Path;

/**
 * What the configuration routes check besides the registry's view: the user's
 * {@code config.json} and the kernel's ephemeral port range (ranges should not cross it).
 */
public record ConfigFiles(Path userConfigFile, PortRange ephemeralRange) {}
