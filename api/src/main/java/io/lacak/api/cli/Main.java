package io.lacak.api.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Entry point of {@code lacak.jar}: {@code java -jar api/target/lacak.jar <command> [args]}.
 * {@code --help} lists the commands.
 */
public final class Main {

    static final int OK = 0;
    static final int USAGE = 2;

    private Main() {}

    public static void main(String[] args) {
        System.setProperty("chronicle.analytics.disable", "true"); // never phone home
        configureLogging();
        int status = run(List.of(args), System.in, System.out, System.err);
        System.out.flush();
        System.exit(status);
    }

    /** The jar's quiet default logging, unless the operator gave a configuration of their own. */
    private static void configureLogging() {
        if (System.getProperty("java.util.logging.config.file") != null) {
            return;
        }
        try (java.io.InputStream config = Main.class.getResourceAsStream("/lacak-logging.properties")) {
            if (config != null) {
                java.util.logging.LogManager.getLogManager().readConfiguration(config);
            }
        } catch (java.io.IOException e) {
            System.err.println("lacak: default logging configuration unreadable: " + e.getMessage());
        }
    }

    /** Runs one command line; returns the exit status. */
    public static int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
        Map<String, Command> commands = commands();
        if (args.isEmpty()
                || args.get(0).equals("--help")
                || args.get(0).equals("-h")
                || args.get(0).equals("help")) {
            help(commands, args.isEmpty() ? err : out);
            return args.isEmpty() ? USAGE : OK;
        }
        List<String> rest = new ArrayList<>(args);
        String name = rest.remove(0);
        if (name.equals("gs1") && !rest.isEmpty()) {
            name = "gs1 " + rest.remove(0);
        }
        Command command = commands.get(name);
        if (command == null) {
            err.println("lacak: unknown command '" + String.join(" ", args) + "'");
            help(commands, err);
            return USAGE;
        }
        if (rest.contains("--help") || rest.contains("-h")) {
            out.println(command.usage());
            return OK;
        }
        return command.run(rest, in, out, err);
    }

    private static Map<String, Command> commands() {
        Map<String, Command> commands = new LinkedHashMap<>();
        commands.put("serve", new ServeCommand());
        commands.put("gs1 check", new Gs1CheckCommand());
        commands.put("ingest", new IngestCommand());
        commands.put("rebuild", new RebuildCommand());
        return commands;
    }

    private static void help(Map<String, Command> commands, PrintStream out) {
        out.println("Lacak: track and trace for BPOM Regulation 33/2018 2D barcodes.");
        out.println();
        out.println("usage: java -jar lacak.jar <command> [options]");
        out.println();
        out.println("commands:");
        commands.forEach((name, c) -> out.printf("  %-12s %s%n", name, c.summary()));
        out.println();
        out.println("'java -jar lacak.jar <command> --help' shows a command's options.");
    }
}
