package dev.styxy.actors;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An original {@code daemon.state} to import once, after the first replay of a journal that did
 * not exist before this start. Shared by every incarnation of the registry, so a restart after a
 * crash never imports it a second time (by then clients may have released what it held). An
 * import whose journal write failed recorded nothing, so it is put back and runs again after the
 * replay that follows.
 */
public final class StartupImport {
  /** The file's content and where it was read from. */
  public record Content(byte[] bytes, String source) {}

  private final AtomicReference<Content> pending;

  private StartupImport(Content content) {
    this.pending = new AtomicReference<>(content);
  }

  /** Nothing to import. */
  public static StartupImport none() {
    return new StartupImport(null);
  }

  /** Import {@code bytes}, read from {@code source}, after the first replay. */
  public static StartupImport of(byte[] bytes, String source) {
    return new StartupImport(new Content(bytes.clone(), source));
  }

  /**
   * Puts back {@code content} whose journal write failed, so the next replay imports it; ignored
   * when another content is already pending.
   */
  void retry(Content content) {
    pending.compareAndSet(null, content);
  }

  /** The content, the first time only; empty after that or when there is nothing to import. */
  Optional<Content> take() {
    return Optional.ofNullable(pending.getAndSet(null));
  }
}
