package dev.styxy.http;

import dev.styxy.actors.os.ProcessUsers;
import dev.styxy.persistence.ErrorCode;

/**
 * The rule for a {@code pid} a client names as the owner of an allocation or an instance: a live
 * process of the user the daemon runs as. Anything else would let a client tie its allocation to
 * a stranger's process (kept alive as long as that process runs) or to no process at all.
 * Stateless.
 */
final class OwnerPids {
  private OwnerPids() {}

  /**
   * Returns normally when {@code pid} is a live process of the daemon's user.
   *
   * @throws ApiProblem {@code INVALID_ARGUMENT} when no live process has that pid,
   *     {@code FORBIDDEN} when it belongs to another user
   */
  static void requireOwn(ProcessUsers users, long pid) {
    switch (users.check(pid)) {
      case SAME_USER -> { }
      case NO_PROCESS -> throw ApiProblem.invalidArgument("no process with pid " + pid);
      case OTHER_USER -> throw new ApiProblem(ErrorCode.FORBIDDEN, "pid " + pid
          + " belongs to another user; only processes of the user running the daemon can own "
          + "allocations and instances");
    }
  }
}
