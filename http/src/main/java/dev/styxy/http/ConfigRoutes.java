package dev.styxy.http;

import static org.apache.pekko.http.javadsl.server.Directives.*;

import dev.styxy.actors.StateView;
import dev.styxy.config.ConfigValidator;
import dev.styxy.config.ServiceType;
import dev.styxy.http.api.ConfigReloadResponse;
import dev.styxy.http.api.ConfigResponse;
import dev.styxy.http.api.ConfigValidationResponse;
import dev.styxy.http.api.ServiceTypeView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code POST /config/reload}: see {@link ConfigReload}; a file that does not load is a 400 naming
 * the file, the key and the problem. {@code GET /config}: the merged service types as the registry
 * uses them, each marked with its {@code source} ({@code core}, {@code user}, {@code auto}),
 * auto-allocated types included. {@code GET /config/validate}: {@code config.json} re-read and
 * checked with {@link ConfigValidator} together with the auto types only the journal holds; the
 * file is read on the blocking dispatcher.
 */
final class ConfigRoutes {
  private final RegistryClient registry;
  private final ConfigFiles files;
  private final Executor blocking;
  private final ConfigReload reload;

  ConfigRoutes(RegistryClient registry, ConfigFiles files, Executor blocking,
      ConfigReload reload) {
    this.registry = registry;
    this.files = files;
    this.blocking = blocking;
    this.reload = reload;
  }

  Route routes() {
    return pathPrefix("config", () -> concat(
        pathEndOrSingleSlash(() -> get(() -> onSuccess(registry.state(),
            view -> Replies.ok(config(view))))),
        path("validate", () -> get(() -> onSuccess(validate(), Replies::ok))),
        path("reload", () -> post(() -> ApiGuards.caller(caller ->
            onSuccess(reload.reload(caller.requestId(), caller.actor()), this::reloaded))))));
  }

  private Route reloaded(ConfigReload.Outcome outcome) {
    if (outcome instanceof ConfigReload.Reloaded r) {
      return Replies.ok(new ConfigReloadResponse(true, r.types(), r.message(), r.warnings()));
    }
    throw ApiProblem.invalidArgument(((ConfigReload.Refused) outcome).problem());
  }

  /** The {@code /config} body for {@code view}. */
  static ConfigResponse config(StateView view) {
    Map<String, ServiceTypeView> types = new LinkedHashMap<>();
    view.serviceTypes().forEach((name, type) -> types.put(name, ApiViews.view(type)));
    return new ConfigResponse(types);
  }

  private CompletionStage<ConfigValidationResponse> validate() {
    return registry.state().thenApplyAsync(view -> {
      ConfigValidator.Result result = ConfigValidator.validate(files.userConfigFile(),
          journalOnly(view), files.ephemeralRange());
      return new ConfigValidationResponse(result.valid(), result.problems());
    }, blocking);
  }

  /** Auto-allocated types the registry holds that its catalog does not. */
  static List<ServiceType> journalOnly(StateView view) {
    return view.serviceTypes().values().stream()
        .filter(t -> view.catalog() == null || !view.catalog().types().containsKey(t.name()))
        .toList();
  }
}
