package dev.styxy.coordinator.cli;

import dev.styxy.http.api.AllocateRequest;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * What names the service a port is for, shared by {@code allocate} and {@code run} (a picocli
 * mixin): the type, its optional name, a preferred port and the project folder.
 */
public final class ServiceOptions {
  @Option(names = {"-s", "--service"}, required = true, paramLabel = "TYPE",
      description = "Service type, e.g. dev, api, storybook.")
  String serviceType;

  @Option(names = {"-n", "--name"}, paramLabel = "NAME", description = "Service name.")
  String name;

  @Option(names = {"-p", "--port"}, paramLabel = "PORT", description = "Preferred port.")
  Integer port;

  @Option(names = "--project", paramLabel = "PATH",
      description = "Project folder (default: the current folder).")
  Path project;

  /** The {@code POST /allocate} body for this service, owned by {@code pid} when not null. */
  AllocateRequest request(Long pid, Boolean dryRun, Integer ttl, String healthUrl) {
    return new AllocateRequest(serviceType, name, port, AllocateCommand.instanceId(),
        AllocateCommand.projectPath(project), pid, dryRun, ttl, healthUrl);
  }
}
