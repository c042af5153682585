package dev.styxy.coordinator;

import picocli.CommandLine;

/** The Styxy version, from the {@code Implementation-Version} of the jar manifest. */
public final class Version implements CommandLine.IVersionProvider {
  /** What runs outside the shaded jar (IDE, unit tests) reports. */
  static final String UNPACKAGED = "0.0.0-unpackaged";

  /** The version string, e.g. {@code 0.2.0}. */
  public static String current() {
    String version = Version.class.getPackage().getImplementationVersion();
    return version == null || version.isBlank() ? UNPACKAGED : version;
  }

  @Override
  public String[] getVersion() {
    return new String[] {"styxy " + current()};
  }
}
