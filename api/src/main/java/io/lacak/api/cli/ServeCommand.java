package io.lacak.api.cli;

import io.lacak.api.Lacak;
import io.lacak.api.LacakConfig;
import io.vertx.core.Vertx;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code serve [--host H] [--port N] [--data DIR]}: runs the server until the process is told to
 * stop (SIGTERM, Ctrl-C), then stops gracefully. Settings also come from {@code LACAK_*}.
 */
final class ServeCommand implements Command {

    @Override
    public String summary() {
        return "run the Lacak server (embedded Postgres and ./data by default)";
    }

    @Override
    public String usage() {
        StringBuilder b = new StringBuilder("""
        usage: java -jar lacak.jar serve [--host HOST] [--port PORT] [--data DIR] [--config FILE] [--demo]
          Starts Lacak: Postgres (embedded in DIR/pg unless LACAK_PG_URL is set), the code store in
          DIR/store, the journal replay, and the HTTP server (default 127.0.0.1:8080). The first
          start creates the regulator account and prints its password once unless
          LACAK_ADMIN_PASSWORD is set. Stops gracefully on SIGTERM or Ctrl-C.
          Options:""");
        for (LacakConfig.Option o : LacakConfig.OPTIONS) {
            b.append("\n    ")
                    .append(o.option())
                    .append(o.defaultText().isEmpty() ? "" : " (default " + o.defaultText() + ")");
            wrap(b, plain(o.description()));
        }
        b.append("\n  Settings, from --config FILE (KEY=value lines), then the environment, then the options above:");
        for (LacakConfig.Setting<?> s : LacakConfig.SETTINGS) {
            b.append("\n    ")
                    .append(s.name())
                    .append(s.option().isEmpty() ? "" : ", " + s.option())
                    .append(" (")
                    .append(s.kind().label())
                    .append(", default ")
                    .append(plain(s.defaultText()))
                    .append(')');
            wrap(b, plain(s.description()));
        }
        return b.toString();
    }

    /** Appends {@code text} as lines of at most 100 characters, indented under the setting's name. */
    private static void wrap(StringBuilder b, String text) {
        String indent = "        ";
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && indent.length() + line.length() + 1 + word.length() > 100) {
                b.append('\n').append(indent).append(line);
                line.setLength(0);
            }
            line.append(line.length() > 0 ? " " : "").append(word);
        }
        b.append('\n').append(indent).append(line);
    }

    /** The README's Markdown without its code quotes. */
    private static String plain(String markdown) {
        return markdown.replace("`", "");
    }

    @Override
    public int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
        LacakConfig config;
        try {
            config = configure(args);
        } catch (IllegalArgumentException e) {
            err.println("lacak serve: " + e.getMessage());
            err.println(usage());
            return Main.USAGE;
        }
        Vertx vertx = Lacak.vertx();
        Lacak lacak;
        try {
            lacak = Lacak.start(vertx, config).await(10, TimeUnit.MINUTES);
        } catch (Exception e) {
            err.println("lacak serve: could not start: " + e.getMessage());
            vertx.close();
            return 1;
        }
        if (lacak.generatedAdminPassword() != null) {
            out.println("First start: regulator account '" + config.adminUser() + "' created with password "
                    + lacak.generatedAdminPassword() + " (shown once; set LACAK_ADMIN_PASSWORD to choose it)");
        }
        if (lacak.demo() != null) {
            lacak.demo().lines().forEach(out::println);
        }
        out.println("Lacak listening on http://" + config.host() + ":" + lacak.port() + " (" + lacak.describeDatabase()
                + ", data in " + config.dataDir().toAbsolutePath() + ")");
        if (config.metricsToken() == null) { // the path only: the token itself is never printed
            out.println("GET /metrics wants Authorization: Bearer <the token in "
                    + config.dataDir().resolve("keys").resolve("metrics.token").toAbsolutePath() + ">");
        }
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            try {
                                lacak.stop().await(2, TimeUnit.MINUTES);
                                vertx.close().await(30, TimeUnit.SECONDS);
                            } catch (Exception e) {
                                // stopping anyway: the journal holds every acknowledged report
                            } finally {
                                stopped.countDown();
                            }
                        },
                        "lacak-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Main.OK;
    }

    static LacakConfig configure(List<String> args) {
        LacakConfig config = LacakConfig.defaults();
        int at = args.indexOf("--config");
        if (at >= 0 && at + 1 < args.size()) {
            config.withFile(Path.of(args.get(at + 1)));
        }
        config.withEnvironment(System.getenv());
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            if (option.equals("--demo")) {
                config.setDemo(true);
                continue;
            }
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException("option " + option + " needs a value");
            }
            String value = args.get(++i);
            switch (option) {
                case "--port" -> {
                    try {
                        config.setPort(Integer.parseInt(value));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--port must be a number, not '" + value + "'");
                    }
                }
                case "--host" -> config.setHost(value);
                case "--data" -> config.setDataDir(Path.of(value));
                case "--config" -> {} // read first, so that the environment and options override it
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        return config;
    }
}
