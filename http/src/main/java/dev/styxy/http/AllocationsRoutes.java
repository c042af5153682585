package dev.styxy.http;

import static org.apache.pekko.http.javadsl.server.Directives.*;

import dev.styxy.http.api.AllocationRecord;
import dev.styxy.http.api.AllocationsResponse;
import dev.styxy.http.api.ReleaseHistoryResponse;
import dev.styxy.http.api.ReleasedRecord;
import dev.styxy.persistence.Allocation;
import dev.styxy.persistence.RegistryState;
import dev.styxy.persistence.ReleasedAllocation;
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
    return pathPrefix("allocations", () -> concat(
        pathEndOrSingleSlash(() -> get(() ->
            onSuccess(registry.state(), view -> Replies.ok(list(view.state()))))),
        path("history", () -> get(() ->
            onSuccess(registry.state(), view -> Replies.ok(history(view.state())))))));
  }

  private static AllocationsResponse list(RegistryState state) {
    List<AllocationRecord> records = new ArrayList<>(state.size());
    for (Allocation a : state.allocations()) {
      records.add(ApiViews.record(a));
    }
    return new AllocationsResponse(records);
  }

  private static ReleaseHistoryResponse history(RegistryState state) {
    List<ReleasedRecord> released = new ArrayList<>();
    for (ReleasedAllocation r : state.recentlyReleased()) {
      released.add(new ReleasedRecord(ApiViews.record(r.allocation()),
          ApiJson.iso(r.releasedAt()), r.reason(), r.actor()));
    }
    return new ReleaseHistoryResponse(released);
  }
}
