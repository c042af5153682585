package dev.styxy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RouteTemplatesTest {
  @Test
  void idsAndPortsBecomePlaceholders() {
    assertEquals("/allocate/{lockId}", RouteTemplates.of("/allocate/8c6f0c8e-1b2a-4c3d-9e4f"));
    assertEquals("/allocate/{lockId}/heartbeat", RouteTemplates.of("/allocate/abc/heartbeat"));
    assertEquals("/check/{port}", RouteTemplates.of("/check/3000"));
    assertEquals("/suggest/{serviceType}", RouteTemplates.of("/suggest/dev"));
    assertEquals("/instance/{instanceId}/heartbeat", RouteTemplates.of("/instance/a/heartbeat"));
  }

  @Test
  void literalRoutesWinOverPlaceholdersAndATrailingSlashIsIgnored() {
    assertEquals("/instance/list", RouteTemplates.of("/instance/list"));
    assertEquals("/instance/register", RouteTemplates.of("/instance/register/"));
    assertEquals("/instance/{instanceId}", RouteTemplates.of("/instance/claude-1"));
    assertEquals("/metrics", RouteTemplates.of("/metrics/"));
    assertEquals("/", RouteTemplates.of("/"));
    assertEquals("/dashboard/{asset}", RouteTemplates.of("/dashboard/view.js"));
  }

  @Test
  void everythingElseIsUnmatched() {
    assertEquals(RouteTemplates.UNMATCHED, RouteTemplates.of("/wp-admin/login.php"));
    assertEquals(RouteTemplates.UNMATCHED, RouteTemplates.of("/allocate//heartbeat"));
    assertEquals(RouteTemplates.UNMATCHED, RouteTemplates.of("/check/1/2"));
    assertEquals(RouteTemplates.UNMATCHED, RouteTemplates.of(""));
  }
}
