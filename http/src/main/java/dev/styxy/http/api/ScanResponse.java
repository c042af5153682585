package dev.styxy.http.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Reply to {@code GET /scan}.
 *
 * @param scanRange the scanned range, e.g. {@code 3000-3099}
 * @param portsInUse every used port of the range, ascending
 */
public record ScanResponse(
    @JsonProperty("scan_range") String scanRange,
    @JsonProperty("ports_in_use") List<PortInUse> portsInUse) {

  public ScanResponse {
    portsInUse = List.copyOf(portsInUse);
  }
}
