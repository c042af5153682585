package dev.styxy.coordinator.doctor;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * One line of {@code styxy doctor}: which check, how it went, what was found and, for a problem,
 * the command that fixes it.
 *
 * @param check the check's short name, e.g. {@code token} or {@code ports}
 * @param found what was found, one sentence
 * @param fix the shell command that fixes the problem; null when there is nothing to fix or no
 *     single command does it
 */
public record Finding(
    @JsonProperty("check") String check,
    @JsonProperty("status") Severity status,
    @JsonProperty("found") String found,
    @JsonProperty("fix") @JsonInclude(JsonInclude.Include.NON_NULL) String fix) {

  /** How a check went, printed and serialized in lower case. */
  public enum Severity {
    OK, WARN, FAIL;

    @JsonValue
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  static Finding ok(String check, String found) {
    return new Finding(check, Severity.OK, found, null);
  }

  static Finding warn(String check, String found, String fix) {
    return new Finding(check, Severity.WARN, found, fix);
  }

  static Finding fail(String check, String found, String fix) {
    return new Finding(check, Severity.FAIL, found, fix);
  }
}
