package dev.styxy.config;

import java.util.regex.Pattern;

/**
 * One entry of {@code auto_allocation_rules}: a glob over new type names and what to use instead
 * of the global {@code auto_allocation} keys for them. Every setting is optional ({@code null}
 * keeps the global value). In the pattern only {@code *} is special (any run of characters,
 * possibly empty); everything else is literal, unlike the original, which passed the pattern
 * unescaped to a regular expression.
 *
 * @param chunkSize how many ports the new range gets, 1..1000
 * @param placement {@code after}, {@code before} or {@code smart}
 * @param preferredRangeStart where the range should start if there is room from that port up
 */
public record AutoAllocationRule(String pattern, Integer chunkSize, String placement,
    Integer preferredRangeStart) {

  public AutoAllocationRule {
    if (pattern == null || pattern.isEmpty()) {
      throw new IllegalArgumentException("auto_allocation_rules pattern must not be empty");
    }
  }

  /** Whether the whole of {@code typeName} matches this rule's glob. */
  public boolean matches(String typeName) {
    return glob().matcher(typeName).matches();
  }

  private Pattern glob() {
    StringBuilder regex = new StringBuilder();
    int from = 0;
    for (int star = pattern.indexOf('*'); star >= 0; star = pattern.indexOf('*', from)) {
      if (star > from) {
        regex.append(Pattern.quote(pattern.substring(from, star)));
      }
      regex.append(".*");
      from = star + 1;
    }
    if (from < pattern.length()) {
      regex.append(Pattern.quote(pattern.substring(from)));
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }
}
