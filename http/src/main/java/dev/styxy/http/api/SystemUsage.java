package dev.styxy.http.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Who holds a port according to the operating system. When the holder is not visible to the
 * daemon's user, {@code pid}, {@code process} and {@code command} are null and {@code note} says
 * so; otherwise {@code note} is left out.
 *
 * @param localAddress the listening address, e.g. {@code 127.0.0.1:3000} or {@code [::]:3000}
 * @param protocol {@code tcp} or {@code tcp6}
 */
public record SystemUsage(
    @JsonProperty("pid") Long pid,
    @JsonProperty("process") String process,
    @JsonProperty("command") String command,
    @JsonProperty("local_address") String localAddress,
    @JsonProperty("protocol") String protocol,
    @JsonProperty("note") @JsonInclude(JsonInclude.Include.NON_NULL) String note) {}
