package io.penultimate.cli;

import picocli.CommandLine;

/** Reports the version recorded in the jar manifest (or "dev" when run from classes). */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = Penultimate.class.getPackage().getImplementationVersion();
    return new String[] {"penultimate " + (version == null ? "dev" : version)};
  }
}
