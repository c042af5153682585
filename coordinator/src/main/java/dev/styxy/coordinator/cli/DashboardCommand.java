package dev.styxy.coordinator.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code styxy dashboard}: prints the dashboard's URL with the token in its fragment
 * ({@code http://127.0.0.1:9876/#token=…}) and, when a desktop is there, opens it. Browsers never
 * send a fragment to the server, so the token stays out of request lines and logs; the page
 * moves it into the tab's session storage and off the address bar.
 *
 * <p>The browser is not handed the URL itself: a command line can be read by every local user
 * (in {@code ps}) for as long as the browser runs. It opens {@code $STYXY_HOME/dashboard.html}
 * instead, a file only the owner can read that forwards to the URL, as notebook servers do.
 */
@Command(name = "dashboard",
    description = "Print the web dashboard's URL (logged in) and open it in a browser.")
public final class DashboardCommand extends CliCommand {
  /** The launcher page's name in the daemon's home folder. */
  static final String LAUNCHER = "dashboard.html";

  @Option(names = "--no-open", description = "Only print the URL; do not start a browser.")
  boolean noOpen;

  @Override
  protected int execute(PrintWriter out, PrintWriter err) {
    DaemonEndpoint endpoint = endpoint();
    ApiReply status = new DaemonClient(endpoint).get("/status", false);
    if (!status.ok()) {
      if (json) {
        out.println(status.body());
      } else {
        err.println(status.problemLine());
      }
      return ExitCodes.forStatus(status.status());
    }
    String url = url(endpoint);
    boolean opened = !noOpen && displayAvailable(System.getenv()) && open(endpoint, url, err);
    if (json) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("url", url);
      body.put("opened", opened);
      printJson(out, body);
      return ExitCodes.OK;
    }
    out.println(url);
    if (endpoint.token() == null) {
      err.println("No token found at " + endpoint.tokenFile()
          + ": the page will ask for it (set STYXY_HOME to the daemon's home folder).");
    }
    if (opened) {
      err.println("Opened in your browser.");
    }
    return ExitCodes.OK;
  }

  /** The page's URL, with {@code #token=…} when the token is known. */
  static String url(DaemonEndpoint endpoint) {
    String base = endpoint.baseUrl() + "/";
    return endpoint.token() == null ? base
        : base + "#token=" + URLEncoder.encode(endpoint.token(), StandardCharsets.UTF_8);
  }

  /** A desktop session to open a browser in, and {@code xdg-open} to do it. */
  static boolean displayAvailable(Map<String, String> env) {
    boolean display = !env.getOrDefault("DISPLAY", "").isBlank()
        || !env.getOrDefault("WAYLAND_DISPLAY", "").isBlank();
    String path = env.getOrDefault("PATH", "");
    boolean xdgOpen = false;
    for (String dir : path.split(":")) {
      xdgOpen |= !dir.isEmpty() && Files.isExecutable(Path.of(dir, "xdg-open"));
    }
    return display && xdgOpen;
  }

  /** Starts the browser; a URL without a token needs no launcher page. */
  private static boolean open(DaemonEndpoint endpoint, String url, PrintWriter err) {
    try {
      String target = endpoint.token() == null ? url
          : writeLauncher(endpoint.tokenFile().getParent(), url).toUri().toString();
      new ProcessBuilder("xdg-open", target)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
      return true;
    } catch (IOException e) {
      err.println("Could not open a browser (" + e.getMessage() + "); open the URL yourself.");
      return false;
    }
  }

  /** Writes the owner-only page that forwards to {@code url}; replaces an earlier one. */
  static Path writeLauncher(Path home, String url) throws IOException {
    Path file = home.resolve(LAUNCHER);
    Files.deleteIfExists(file);
    Files.createFile(file, PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("rw-------")));
    String href = url.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;")
        .replace(">", "&gt;");
    Files.writeString(file, "<!doctype html>\n<meta charset=\"utf-8\">\n"
        + "<meta http-equiv=\"refresh\" content=\"0;url=" + href + "\">\n"
        + "<title>Styxy</title>\n<p><a href=\"" + href + "\">Open the Styxy dashboard</a></p>\n",
        StandardCharsets.UTF_8);
    return file;
  }
}
