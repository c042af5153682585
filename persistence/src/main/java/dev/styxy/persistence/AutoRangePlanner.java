package dev.styxy.persistence;

import dev.styxy.config.AutoAllocationConfig;
import dev.styxy.config.AutoAllocationRule;
import dev.styxy.config.PortRange;
import dev.styxy.config.ServiceCatalog;
import dev.styxy.config.ServiceTypeNames;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Picks the range of a new, auto-allocated service type: the original's placement strategies
 * with their bugs fixed. Pure and deterministic; see {@code docs/operations.md} (Auto-allocation)
 * for the rules in prose.
 *
 * <p>A range never overlaps an existing one nor comes within {@code gap_size} ports of it (when
 * {@code preserve_gaps}), never holds the daemon's port, lies within {@code min_port..max_port}
 * (a rule's {@code preferred_range_start} may go below {@code min_port}, never below 1024) and
 * avoids the kernel's ephemeral range unless there is no room elsewhere.
 */
public final class AutoRangePlanner {
  /** Ports below this are privileged; no range starts there. */
  static final int FIRST_UNPRIVILEGED = 1024;
  private static final List<String> CATEGORY_KEYWORDS =
      List.of("monitor", "database", "db", "api", "test", "doc", "build", "ai", "ml");

  /** Existing ranges by type name (core, user and already auto-allocated). */
  private final Map<String, PortRange> existing;
  private final List<PortRange> sorted;
  private final int daemonPort;
  private final PortRange ephemeral;
  private final int gap;
  private final int chunk;
  private boolean avoidEphemeral;

  private AutoRangePlanner(Map<String, PortRange> existing, int daemonPort, PortRange ephemeral,
      int gap, int chunk) {
    this.existing = existing;
    this.sorted = existing.values().stream().sorted(Comparator.comparingInt(PortRange::start))
        .toList();
    this.daemonPort = daemonPort;
    this.ephemeral = ephemeral;
    this.gap = gap;
    this.chunk = chunk;
  }

  /**
   * The range for new type {@code typeName}.
   *
   * @param existing every known type's range, by name
   * @param rule the first {@code auto_allocation_rules} entry matching the name, if any
   */
  public static AutoRangePlan plan(String typeName, Map<String, PortRange> existing,
      AutoAllocationConfig config, Optional<AutoAllocationRule> rule, int daemonPort,
      PortRange ephemeral) {
    if (!ServiceTypeNames.isValid(typeName)) {
      return new AutoRangePlan.Refused(ErrorCode.INVALID_ARGUMENT,
          "Invalid service type name '" + typeName + "': it " + ServiceTypeNames.RULE);
    }
    if (!config.enabled()) {
      return new AutoRangePlan.Refused(ErrorCode.UNKNOWN_SERVICE_TYPE,
          "Unknown service type '" + typeName + "': Unknown service type '" + typeName
              + "' and auto-allocation is disabled");
    }
    int chunk = rule.map(AutoAllocationRule::chunkSize).orElse(config.defaultChunkSize());
    String placement = rule.map(AutoAllocationRule::placement).orElse(config.placement());
    Integer preferredStart = rule.map(AutoAllocationRule::preferredRangeStart).orElse(null);
    AutoRangePlanner planner = new AutoRangePlanner(existing, daemonPort, ephemeral,
        config.preserveGaps() ? config.gapSize() : 0, chunk);
    int lo = Math.max(config.minPort(), FIRST_UNPRIVILEGED);
    int hi = config.maxPort();
    for (boolean avoid : new boolean[] {true, false}) {
      planner.avoidEphemeral = avoid;
      if (preferredStart != null) {
        Optional<PortRange> at = planner.upward(preferredStart, preferredStart, hi);
        if (at.isPresent()) {
          return planned(at.get(), chunk, placement, "preferred_range_start");
        }
      }
      Optional<AutoRangePlan.Planned> placed = planner.place(typeName, placement, lo, hi);
      if (placed.isPresent()) {
        return placed.get();
      }
    }
    return new AutoRangePlan.Refused(ErrorCode.RANGE_EXHAUSTED, "No room left for a " + chunk
        + "-port range for new service type '" + typeName + "' within " + lo + "-" + hi
        + " (placement " + placement + ", gap " + planner.gap + "); raise"
        + " auto_allocation.max_port, lower min_port or gap_size, or remove unused types");
  }

  /**
   * The range for {@code typeName}, a type neither configured in {@code catalog} nor
   * auto-allocated in {@code state}, using the catalog's {@code auto_allocation} and first
   * matching rule.
   */
  public static AutoRangePlan plan(String typeName, RegistryState state, ServiceCatalog catalog,
      int daemonPort, PortRange ephemeral) {
    Map<String, PortRange> existing = new LinkedHashMap<>();
    catalog.types().forEach((name, type) -> existing.put(name, type.range()));
    state.autoTypes().forEach(t -> existing.putIfAbsent(t.serviceType(), t.portRange()));
    return plan(typeName, existing, catalog.autoAllocation(), catalog.ruleFor(typeName),
        daemonPort, ephemeral);
  }

  private static AutoRangePlan.Planned planned(PortRange range, int chunk, String placement,
      String basis) {
    List<Integer> preferred = IntStream.rangeClosed(range.start(),
        Math.min(range.end(), range.start() + 3)).boxed().toList();
    return new AutoRangePlan.Planned(range, preferred, chunk, placement, basis);
  }

  private Optional<AutoRangePlan.Planned> place(String typeName, String placement, int lo,
      int hi) {
    if (placement.equals("before")) {
      // Just below the lowest range inside the window, else down from the top; then any gap.
      int to = sorted.stream().filter(r -> r.start() >= lo).mapToInt(r -> r.start() - gap - 1)
          .findFirst().orElse(hi);
      return downward(Math.min(to, hi), lo, hi).or(() -> downward(hi, lo, hi))
          .map(r -> planned(r, chunk, placement, "before"));
    }
    if (placement.equals("smart")) {
      Optional<PortRange> inGap = betweenRanges(lo, hi);
      if (inGap.isPresent()) {
        return Optional.of(planned(inGap.get(), chunk, placement, "smart-gap"));
      }
      Optional<PortRange> near = nearCategory(typeName, lo, hi);
      if (near.isPresent()) {
        return Optional.of(planned(near.get(), chunk, placement, "smart-category"));
      }
      return after(lo, hi).map(r -> planned(r, chunk, placement, "smart-after"));
    }
    return after(lo, hi).map(r -> planned(r, chunk, placement, "after"));
  }

  /** After the highest existing range; when the window's top is full, its lowest free spot. */
  private Optional<PortRange> after(int lo, int hi) {
    int from = sorted.stream().mapToInt(PortRange::end).max().orElse(lo - gap - 1) + gap + 1;
    return upward(from, lo, hi).or(() -> upward(lo, lo, hi));
  }

  /** The lowest spot in a gap between two existing ranges, inside the window. */
  private Optional<PortRange> betweenRanges(int lo, int hi) {
    int maxEnd = Integer.MIN_VALUE;
    for (PortRange next : sorted) {
      if (maxEnd != Integer.MIN_VALUE) {
        int top = Math.min(hi, next.start() - gap - 1);
        Optional<PortRange> fit = upward(maxEnd + gap + 1, lo, top);
        if (fit.isPresent()) {
          return fit;
        }
      }
      maxEnd = Math.max(maxEnd, next.end());
    }
    return Optional.empty();
  }

  /** Right after the highest range of the same category, if that spot is free. */
  private Optional<PortRange> nearCategory(String typeName, int lo, int hi) {
    String category = category(typeName);
    int similarEnd = existing.entrySet().stream()
        .filter(e -> category(e.getKey()).equals(category))
        .mapToInt(e -> e.getValue().end()).max().orElse(-1);
    if (similarEnd < 0) {
      return Optional.empty();
    }
    int start = Math.max(similarEnd + gap + 1, lo);
    int end = start + chunk - 1;
    return end <= hi && blockedUntil(start, end) < 0 ? Optional.of(new PortRange(start, end))
        : Optional.empty();
  }

  /** The original's category: the part before the first hyphen, else a known keyword. */
  static String category(String name) {
    if (name.contains("-")) {
      return name.substring(0, name.indexOf('-'));
    }
    String lower = name.toLowerCase(Locale.ROOT);
    return CATEGORY_KEYWORDS.stream().filter(lower::contains).findFirst().orElse(lower);
  }

  /** The lowest free range starting at or after {@code from}, within {@code lo..hi}. */
  private Optional<PortRange> upward(int from, int lo, int hi) {
    int start = Math.max(from, lo);
    while (start + chunk - 1 <= hi) {
      int next = blockedUntil(start, start + chunk - 1);
      if (next < 0) {
        return Optional.of(new PortRange(start, start + chunk - 1));
      }
      start = next;
    }
    return Optional.empty();
  }

  /** The highest free range ending at or before {@code to}, within {@code lo..hi}. */
  private Optional<PortRange> downward(int to, int lo, int hi) {
    int end = Math.min(to, hi);
    while (end - chunk + 1 >= lo) {
      int next = blockedFrom(end - chunk + 1, end);
      if (next == Integer.MAX_VALUE) {
        return Optional.of(new PortRange(end - chunk + 1, end));
      }
      end = next;
    }
    return Optional.empty();
  }

  /** What blocks {@code start..end}, as obstacles with the gap each keeps around it. */
  private List<int[]> blockers(int start, int end) {
    List<int[]> found = new ArrayList<>();
    for (PortRange r : sorted) {
      if (start <= r.end() + gap && r.start() - gap <= end) {
        found.add(new int[] {r.start() - gap, r.end() + gap});
      }
    }
    if (daemonPort >= start && daemonPort <= end) {
      found.add(new int[] {daemonPort, daemonPort});
    }
    if (avoidEphemeral && ephemeral.start() <= end && start <= ephemeral.end()) {
      found.add(new int[] {ephemeral.start(), ephemeral.end()});
    }
    return found;
  }

  /** -1 when {@code start..end} is free, else the first start past everything blocking it. */
  private int blockedUntil(int start, int end) {
    return blockers(start, end).stream().mapToInt(b -> b[1] + 1).max().orElse(-1);
  }

  /** MAX_VALUE when free, else the last end before everything blocking {@code start..end}. */
  private int blockedFrom(int start, int end) {
    return blockers(start, end).stream().mapToInt(b -> b[0] - 1).min().orElse(Integer.MAX_VALUE);
  }
}
