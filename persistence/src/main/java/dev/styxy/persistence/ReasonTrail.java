package dev.styxy.persistence;

import java.util.ArrayList;
import java.util.List;

/**
 * The decision trail of one allocation: why each skipped candidate was skipped and which port was
 * chosen. Names at most {@link #MAX_REASONS} skipped ports one by one, then summarizes the rest, so
 * a nearly full range does not produce a reply of a hundred lines. Not thread-safe; one per
 * decision.
 */
final class ReasonTrail {
  /** How many skipped candidates are named one by one before summarizing. */
  static final int MAX_REASONS = 20;

  private final List<String> reasons = new ArrayList<>();
  private int omitted;

  void skipped(String reason) {
    if (reasons.size() < MAX_REASONS) {
      reasons.add(reason);
    } else {
      omitted++;
    }
  }

  void chose(int port) {
    summarizeOmitted();
    reasons.add("chose " + port);
  }

  List<String> reasons() {
    summarizeOmitted();
    return List.copyOf(reasons);
  }

  private void summarizeOmitted() {
    if (omitted > 0) {
      reasons.add("… " + omitted + " more ports skipped");
      omitted = 0;
    }
  }
}
