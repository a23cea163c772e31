package io.lacak.api.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;

/** {@code serve}: the HTTP server. It arrives with issue 5; until then this says so and fails. */
final class ServeCommand implements Command {

  static final int NOT_YET = 3;

  @Override
  public int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
    err.println("lacak serve: the HTTP server is not built yet; it arrives with issue 5"
        + " (\"The Lacak server: the JSON API\"). 'gs1 check' works today.");
    return NOT_YET;
  }

  @Override
  public String summary() {
    return "run the Lacak server (not built yet: issue 5)";
  }

  @Override
  public String usage() {
    return "usage: java -jar lacak.jar serve\n  Starts the server. Not built yet: issue 5 brings it.";
  }
}
