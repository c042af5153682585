package dev.styxy.coordinator.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * How {@code styxy run --pid-of-child} gives CMD its port although CMD's PID must be known before
 * the port is allocated: CMD starts as a small POSIX {@code sh} stub ({@link #SCRIPT}) that waits
 * on a FIFO, the port is allocated for the stub's PID, and the stub, once it has read the port,
 * exports it and {@code exec}s CMD, which keeps that PID and its start time. CMD and its arguments
 * reach the stub as positional parameters, never as shell text; the terminal's stdin, stdout and
 * stderr stay CMD's.
 *
 * <p>The FIFO lives in a fresh 0700 folder in the temporary folder and is removed as soon as the
 * stub has opened it. When the stub has already ended (a signal killed it), nobody would open the
 * FIFO for reading and the write would block forever, so the stub's exit opens it once from here.
 */
final class PortHandoff implements AutoCloseable {
  /**
   * The stub. {@code $1} is the FIFO; then the {@code --env} names up to {@code --}; then CMD.
   * Two lines are read: the port (an empty line means "do not run") and the lock id. Only
   * variables CMD gets anyway are assigned, so CMD's environment has nothing of the stub's.
   */
  static final String SCRIPT = String.join("\n",
      "{ IFS= read -r PORT && IFS= read -r STYXY_LOCK_ID; } < \"$1\" || exit 125",
      "case $PORT in ''|*[!0-9]*) exit 125 ;; esac",
      "export PORT STYXY_LOCK_ID STYXY_PORT=\"$PORT\"",
      "shift",
      "while [ \"$1\" != -- ]; do export \"$1=$PORT\"; shift; done",
      "shift",
      "exec \"$@\"");

  /** {@code $0} of the stub: how {@code sh} names it in a message such as "not found". */
  static final String STUB_NAME = "styxy run";

  private final Path dir;
  private final Path fifo;
  private boolean readerStarted;
  private boolean sent;

  private PortHandoff(Path dir) {
    this.dir = dir;
    this.fifo = dir.resolve("port");
  }

  /**
   * A new FIFO in a private folder.
   *
   * @throws CliFailure when the folder or the FIFO cannot be made
   */
  static PortHandoff create() {
    Path dir;
    try {
      dir = Files.createTempDirectory("styxy-run-",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (IOException | UnsupportedOperationException e) {
      throw cannot("cannot create a private folder for the port hand-off: " + e.getMessage());
    }
    PortHandoff handoff = new PortHandoff(dir);
    handoff.makeFifo();
    return handoff;
  }

  Path fifo() {
    return fifo;
  }

  /** The stub's command line: {@code sh -c SCRIPT}, the FIFO, the names, {@code --}, CMD. */
  List<String> stubCommand(List<String> envNames, List<String> command) {
    List<String> line = new ArrayList<>(List.of("sh", "-c", SCRIPT, STUB_NAME, fifo.toString()));
    line.addAll(envNames);
    line.add("--");
    line.addAll(command);
    return line;
  }

  /** From now on, the stub's exit unblocks a hand-off that it will never read. */
  void readerStarted(CompletableFuture<?> exit) {
    exit.thenRunAsync(this::openForReading);
    readerStarted = true;
  }

  /** Hands the port over: the stub exports it and becomes CMD. */
  void send(int port, String lockId) {
    write(port + "\n" + lockId + "\n");
  }

  /** Tells the stub not to run CMD; it exits with 125. */
  void cancel() {
    write("\n");
  }

  /** Tells a stub that got nothing yet not to run, and removes the folder. */
  @Override
  public void close() {
    if (readerStarted && !sent) {
      cancel();
    }
    delete();
  }

  /**
   * Opening blocks until the stub opens its end; the folder is then no longer needed. A stub that
   * ended before reading makes the write fail, which is no error here: its exit status tells.
   */
  private void write(String text) {
    sent = true;
    try (OutputStream out = Files.newOutputStream(fifo)) {
      delete();
      out.write(text.getBytes(StandardCharsets.US_ASCII));
    } catch (IOException readerGone) {
      // The stub has ended; the caller sees that when it waits for it.
    } finally {
      delete();
    }
  }

  /** Pairs with a writer waiting for a reader that has ended; nothing when the FIFO is gone. */
  private void openForReading() {
    try (InputStream in = Files.newInputStream(fifo)) {
      in.transferTo(OutputStream.nullOutputStream());
    } catch (IOException gone) {
      // Already handed over and removed.
    }
  }

  private void makeFifo() {
    try {
      Process mkfifo = new ProcessBuilder("mkfifo", "-m", "600", fifo.toString())
          .redirectErrorStream(true).start();
      String output = new String(mkfifo.getInputStream().readAllBytes(),
          StandardCharsets.UTF_8).strip();
      if (mkfifo.waitFor() != 0) {
        delete();
        throw cannot("mkfifo " + fifo + " failed: " + output);
      }
    } catch (IOException e) {
      delete();
      throw cannot("cannot run mkfifo: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      delete();
      throw cannot("interrupted while creating " + fifo);
    }
  }

  private void delete() {
    try {
      Files.deleteIfExists(fifo);
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      // A leftover empty folder in the temporary folder harms nobody.
    }
  }

  private static CliFailure cannot(String line) {
    return new CliFailure(ExitCodes.FAILURE, "CANNOT_RUN", "styxy run --pid-of-child: " + line);
  }
}
