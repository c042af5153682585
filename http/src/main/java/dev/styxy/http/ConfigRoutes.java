package dev.styxy.http;

import static org.apache.pekko.http.javadsl.server.Directives.*;

import dev.styxy.config.ServiceCatalog;
import dev.styxy.config.ServiceType;
import dev.styxy.http.api.ConfigResponse;
import dev.styxy.http.api.ServiceTypeView;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /config}: the merged service types in catalog order. The catalog is immutable, so the
 * reply is built once.
 */
final class ConfigRoutes {
  private final ConfigResponse config;

  ConfigRoutes(ServiceCatalog catalog) {
    Map<String, ServiceTypeView> types = new LinkedHashMap<>();
    for (Map.Entry<String, ServiceType> e : catalog.types().entrySet()) {
      types.put(e.getKey(), ApiViews.view(e.getValue()));
    }
    this.config = new ConfigResponse(types);
  }

  Route routes() {
    return pathPrefix("config", () -> pathEndOrSingleSlash(() -> get(() -> Replies.ok(config))));
  }
}
