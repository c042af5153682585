package dev.styxy.http.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;

/**
 * The last line of a journal export, and the state part of {@code POST /journal/import}'s reply:
 * what the events add up to. {@code {"end":true,"events":3,"last_sequence_nr":3,
 * "allocations":1,"ports":[3000],"instances":1,"auto_types":0,"digest":"sha256:…"}}.
 *
 * @param end always {@code true}; marks the line as the summary
 * @param events how many events the export holds
 * @param lastSequenceNr the sequence number of the last one
 * @param allocations live allocations after the last event
 * @param ports their ports, ascending
 * @param instances registered instances
 * @param autoTypes auto-allocated service types
 * @param digest SHA-256 over the whole resulting state (allocations, instances, auto types,
 *     sticky ports, release history), the same on any journal that holds the same state
 */
public record JournalSummary(
    @JsonProperty("end") boolean end,
    @JsonProperty("events") long events,
    @JsonProperty("last_sequence_nr") long lastSequenceNr,
    @JsonProperty("allocations") int allocations,
    @JsonProperty("ports") List<Integer> ports,
    @JsonProperty("instances") int instances,
    @JsonProperty("auto_types") int autoTypes,
    @JsonProperty("digest") String digest) {

  public JournalSummary {
    ports = List.copyOf(ports);
  }

  /** What differs from {@code other}, one phrase per field; empty when they agree. */
  public List<String> differences(JournalSummary other) {
    List<String> out = new ArrayList<>();
    compare(out, "events", events, other.events);
    compare(out, "last sequence number", lastSequenceNr, other.lastSequenceNr);
    compare(out, "allocations", allocations, other.allocations);
    compare(out, "ports", ports, other.ports);
    compare(out, "instances", instances, other.instances);
    compare(out, "auto types", autoTypes, other.autoTypes);
    compare(out, "state digest", digest, other.digest);
    return out;
  }

  private static void compare(List<String> out, String what, Object mine, Object theirs) {
    if (!mine.equals(theirs)) {
      out.add(what + " " + mine + " vs " + theirs);
    }
  }
}
