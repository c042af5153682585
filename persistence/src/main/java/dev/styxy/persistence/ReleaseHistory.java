package dev.styxy.persistence;

import java.util.List;
import org.pcollections.PVector;
import org.pcollections.TreePVector;

/**
 * The most recent releases, newest first, at most {@link #LIMIT}: enough to answer "where did my
 * port go?" from {@code /allocations} without reading the journal. Built from {@link PortReleased}
 * events like the rest of the state, so it survives restarts. Immutable.
 */
final class ReleaseHistory {
  static final int LIMIT = 100;
  static final ReleaseHistory EMPTY = new ReleaseHistory(TreePVector.empty());

  private final PVector<ReleasedAllocation> newestFirst;

  private ReleaseHistory(PVector<ReleasedAllocation> newestFirst) {
    this.newestFirst = newestFirst;
  }

  /** The history as a snapshot lists it (newest first); longer lists keep their newest entries. */
  static ReleaseHistory of(List<ReleasedAllocation> newestFirst) {
    List<ReleasedAllocation> kept = newestFirst == null ? List.of()
        : newestFirst.subList(0, Math.min(LIMIT, newestFirst.size()));
    return new ReleaseHistory(TreePVector.from(kept));
  }

  ReleaseHistory with(ReleasedAllocation released) {
    PVector<ReleasedAllocation> next = newestFirst.plus(0, released);
    return new ReleaseHistory(next.size() > LIMIT ? next.minus(LIMIT) : next);
  }

  List<ReleasedAllocation> list() {
    return List.copyOf(newestFirst);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReleaseHistory other && newestFirst.equals(other.newestFirst);
  }

  @Override
  public int hashCode() {
    return newestFirst.hashCode();
  }
}
