package dev.styxy.coordinator;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The API token in {@code auth.token}: created at first start as 64 lowercase hex characters from
 * {@link SecureRandom}, owner-only ({@code 0600}); read and checked on later starts. The value is
 * never logged, only {@link #masked()}.
 *
 * @param value the token, trimmed
 * @param created whether this start created the file
 * @param warnings problems fixed on the way (a loose file mode), to be logged
 */
record AuthToken(String value, boolean created, List<String> warnings) {
  /** Shorter tokens are refused: they are guessable and likely not ours. */
  static final int MIN_LENGTH = 32;
  private static final int RANDOM_BYTES = 32;

  AuthToken {
    warnings = List.copyOf(warnings);
  }

  /**
   * Reads {@code file}, or creates it when missing.
   *
   * @throws StartupFailure if the file is unreadable or its token too short
   */
  static AuthToken loadOrCreate(Path file, SecureRandom random) {
    try {
      if (!Files.exists(file)) {
        Optional<String> created = create(file, random);
        if (created.isPresent()) {
          return new AuthToken(created.get(), true, List.of());
        }
      }
      return read(file);
    } catch (IOException e) {
      throw new StartupFailure("cannot read or create the auth token " + file + ": " + e, e);
    }
  }

  /** {@code abcd***wxyz}: enough to tell two tokens apart in a log, useless to an attacker. */
  String masked() {
    return mask(value);
  }

  static String mask(String token) {
    if (token.length() < 12) {
      return "***";
    }
    return token.substring(0, 4) + "***" + token.substring(token.length() - 4);
  }

  static String generate(SecureRandom random) {
    byte[] bytes = new byte[RANDOM_BYTES];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** Empty if another process created the file first; then the caller reads that one. */
  private static Optional<String> create(Path file, SecureRandom random) throws IOException {
    String token = generate(random);
    try (SeekableByteChannel out = Files.newByteChannel(file,
        EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
        FilePermissions.attributes(FilePermissions.OWNER_FILE))) {
      out.write(ByteBuffer.wrap((token + "\n").getBytes(StandardCharsets.US_ASCII)));
    } catch (FileAlreadyExistsException e) {
      return Optional.empty();
    }
    return Optional.of(token);
  }

  private static AuthToken read(Path file) throws IOException {
    List<String> warnings = new ArrayList<>();
    FilePermissions.restrict(file, FilePermissions.OWNER_FILE).ifPresent(mode -> warnings.add(
        "auth token file " + file + " had mode " + mode + "; changed it to 0600"));
    String token = Files.readString(file, StandardCharsets.UTF_8).trim();
    if (token.length() < MIN_LENGTH) {
      throw new StartupFailure("the auth token in " + file + " is too short (" + token.length()
          + " characters, at least " + MIN_LENGTH + " needed); delete the file and start the "
          + "daemon again to create a new one");
    }
    if (token.chars().anyMatch(c -> c <= ' ')) {
      throw new StartupFailure("the auth token in " + file + " contains whitespace; delete the "
          + "file and start the daemon again to create a new one");
    }
    return new AuthToken(token, false, warnings);
  }
}
