package io.lacak.api.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;

/** One subcommand of {@code lacak.jar}. */
interface Command {

    /** Exit status: 0 success, 1 the input was found wanting, 2 usage error. */
    int run(List<String> args, InputStream in, PrintStream out, PrintStream err);

    /** One line for {@code --help}. */
    String summary();

    /** The usage text of this command. */
    String usage();
}
