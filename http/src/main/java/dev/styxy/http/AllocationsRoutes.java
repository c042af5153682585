package dev.styxy.http;

import static org.apache.pekko.http.javadsl.server.Directives.*;

import dev.styxy.http.api.AllocationRecord;
import dev.styxy.http.api.AllocationsResponse;
import dev.styxy.persistence.Allocation;
import dev.styxy.persistence.RegistryState;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code GET /allocations}: every live allocation, ordered by port, one record each. */
final class AllocationsRoutes {
  private final RegistryClient registry;

  AllocationsRoutes(RegistryClient registry) {
    this.registry = registry;
  }

  Route routes() {
    return pathPrefix("allocations", () -> pathEndOrSingleSlash(() -> get(() ->
        onSuccess(registry.state(), view -> Replies.ok(list(view.state()))))));
  }

  private static AllocationsResponse list(RegistryState state) {
    List<AllocationRecord> records = new ArrayList<>(state.size());
    for (Allocation a : state.allocations()) {
      records.add(ApiViews.record(a));
    }
    return new AllocationsResponse(records);
  }
}
