package io.penultimate.stream;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where Kafka Streams keeps its local state when none is configured: never under {@code
 * java.io.tmpdir} (Kafka's default), which the OS may clear under a running application; Streams
 * warns that its checkpoint files can be lost there.
 */
public final class StateDirs {
  /** The environment variable that sets the default state directory. */
  public static final String ENV = "PENULTIMATE_STATE_DIR";

  private StateDirs() {}

  /**
   * The default state directory of a long-running monitor ({@code serve}): {@code
   * $PENULTIMATE_STATE_DIR}, else {@code $XDG_STATE_HOME/penultimate}, else {@code
   * ~/.local/state/penultimate}. Kafka Streams creates it, and a folder per application id in it.
   */
  public static Path serveDefault() {
    return serveDefault(System.getenv(), Path.of(System.getProperty("user.home")));
  }

  static Path serveDefault(Map<String, String> env, Path home) {
    return set(env, ENV).map(Path::of)
        .or(() -> set(env, "XDG_STATE_HOME").map(state -> Path.of(state, "penultimate")))
        .orElse(home.resolve(".local").resolve("state").resolve("penultimate"));
  }

  private static Optional<String> set(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).filter(value -> !value.isBlank());
  }
}
