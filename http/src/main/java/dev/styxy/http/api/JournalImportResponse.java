package dev.styxy.http.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Reply to {@code POST /journal/import}: {@code {"success":true,"message":"Imported 3 event(s)",
 * "imported":{…JournalSummary of the registry's state right after the write…}}}.
 */
public record JournalImportResponse(
    @JsonProperty("success") boolean success,
    @JsonProperty("message") String message,
    @JsonProperty("imported") JournalSummary imported) {}
