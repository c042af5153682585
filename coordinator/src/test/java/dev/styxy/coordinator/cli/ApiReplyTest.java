package dev.styxy.coordinator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.styxy.http.api.ReleaseResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ApiReplyTest {

  @Test
  void errorBodyBecomesCodeColonSentence() {
    ApiReply reply = new ApiReply(404, "{\"success\":false,\"error\":\"Lock ID x not found\","
        + "\"code\":\"ALLOCATION_NOT_FOUND\",\"request_id\":\"r1\"}");

    assertEquals("ALLOCATION_NOT_FOUND: Lock ID x not found", reply.problemLine());
  }

  @Test
  void foreignBodyIsShownWithItsStatus() {
    assertEquals("HTTP 502 from the daemon: <html>Bad gateway</html>",
        new ApiReply(502, "<html>Bad gateway</html>\n").problemLine());
  }

  @Test
  void unauthorizedSaysWhichTokenFileWasUsed() {
    ApiReply reply = new ApiReply(401,
        "{\"success\":false,\"error\":\"Missing token\",\"code\":\"UNAUTHORIZED\"}");
    DaemonEndpoint endpoint = new DaemonEndpoint("http://127.0.0.1:1", null, Path.of("/h/t"));

    assertEquals("UNAUTHORIZED: no token found at /h/t; set STYXY_HOME to the daemon's home "
        + "folder", ClientCommand.problemLine(reply, endpoint));
  }

  @Test
  void unknownKeysFromANewerDaemonAreIgnored() {
    ReleaseResponse released = new ApiReply(200,
        "{\"success\":true,\"message\":\"Port 1 released\",\"port\":1,\"added_later\":true}")
        .as(ReleaseResponse.class);

    assertEquals(1, released.port());
  }

  @Test
  void bodyThatDoesNotFitIsAFailure() {
    CliFailure failure = assertThrows(CliFailure.class,
        () -> new ApiReply(200, "not json").as(ReleaseResponse.class));

    assertEquals(ExitCodes.FAILURE, failure.exitCode());
  }
}
