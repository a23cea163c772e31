package io.lacak.api.cli;

import io.lacak.core.gs1.Gs1Codec;
import io.lacak.core.gs1.Gs1Element;
import io.lacak.core.gs1.Gs1Error;
import io.lacak.core.gs1.Gs1Profile;
import io.lacak.core.gs1.Gs1Result;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code gs1 check [--no-day-zero] [FILE...]}: validates payloads one per line (stdin when no file)
 * and writes one JSON object per line. Exit 0 when all are valid, 1 otherwise, 2 on usage errors.
 */
final class Gs1CheckCommand implements Command {

    private static final int BATCH = 4096;
    private static final int THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());

    @Override
    public String summary() {
        return "validate GS1 payloads (one per line) against the BPOM profile";
    }

    @Override
    public String usage() {
        return """
        usage: java -jar lacak.jar gs1 check [--no-day-zero] [FILE...]
          Reads payloads one per line from each FILE, or from standard input when none is given,
          in any form: bracketed (90)..(21).., scanner data (]d2, ]Q3, ]C1, GS separators) or a
          GS1 Digital Link URI. Writes one JSON object per line:
            {"input":..,"valid":true|false,"kind":"AUTHENTICATION"|"IDENTIFICATION"|"LOGISTIC_UNIT"|null,
             "elements":{"90":..},"bracketed":..,"errors":[{"code":..,"ai":..,"offset":..,"message":..}]}
          --no-day-zero   refuse day 00 in (17) and (91) dates
          Exit status: 0 every line valid, 1 some line invalid, 2 usage error.""";
    }

    @Override
    public int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
        Gs1Profile profile = new Gs1Profile();
        List<Path> files = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("--no-day-zero")) {
                profile.setDayZeroAllowed(false);
            } else if (arg.startsWith("-") && !arg.equals("-")) {
                err.println("gs1 check: unknown option " + arg);
                err.println(usage());
                return Main.USAGE;
            } else {
                files.add(Path.of(arg));
            }
        }
        for (Path f : files) {
            if (!f.toString().equals("-") && !Files.isReadable(f)) {
                err.println("gs1 check: cannot read " + f);
                return Main.USAGE;
            }
        }
        Gs1Codec codec = Gs1Codec.create(profile);
        OutputStream w = new BufferedOutputStream(out, 1 << 16);
        boolean allValid = true;
        ExecutorService pool = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "gs1-check");
            t.setDaemon(true);
            return t;
        });
        try {
            if (files.isEmpty()) {
                allValid = check(codec, in, w, pool);
            } else {
                for (Path f : files) {
                    try (InputStream fin = f.toString().equals("-") ? in : Files.newInputStream(f)) {
                        allValid &= check(codec, fin, w, pool);
                    }
                }
            }
            w.flush();
        } catch (NoSuchFileException e) {
            err.println("gs1 check: no such file " + e.getFile());
            return Main.USAGE;
        } catch (IOException e) {
            err.println("gs1 check: " + e.getMessage());
            return Main.USAGE;
        } finally {
            pool.shutdownNow();
        }
        return allValid ? Main.OK : 1;
    }

    /** Lines are parsed a batch at a time on every core; the answers are written in input order. */
    private static boolean check(Gs1Codec codec, InputStream in, OutputStream w, ExecutorService pool)
            throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        Deque<Future<Answers>> pending = new ArrayDeque<>();
        boolean allValid = true;
        while (true) {
            String[] batch = new String[BATCH];
            int n = 0;
            for (String line; n < BATCH && (line = r.readLine()) != null; ) {
                batch[n++] = line;
            }
            if (n == 0) {
                break;
            }
            int size = n;
            pending.add(pool.submit(() -> answer(codec, batch, size)));
            if (pending.size() >= 2 * THREADS) {
                allValid &= writeFirst(pending, w);
            }
            if (size < BATCH) {
                break;
            }
        }
        while (!pending.isEmpty()) {
            allValid &= writeFirst(pending, w);
        }
        return allValid;
    }

    private record Answers(byte[] json, boolean allValid) {}

    private static boolean writeFirst(Deque<Future<Answers>> pending, OutputStream w) throws IOException {
        try {
            Answers a = pending.removeFirst().get();
            w.write(a.json());
            return a.allValid();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        }
    }

    private static Answers answer(Gs1Codec codec, String[] lines, int n) {
        StringBuilder b = new StringBuilder(n * 320);
        boolean allValid = true;
        for (int i = 0; i < n; i++) {
            Gs1Result result = codec.parse(lines[i]);
            allValid &= result.valid();
            writeJson(b, lines[i], result);
            b.append('\n');
        }
        return new Answers(b.toString().getBytes(StandardCharsets.UTF_8), allValid);
    }

    /** The same object as {@link #toJson}, written straight into {@code b} (the hot loop of a big file). */
    static void writeJson(StringBuilder b, String input, Gs1Result r) {
        b.append("{\"input\":");
        string(b, input);
        b.append(",\"valid\":").append(r.valid()).append(",\"kind\":");
        if (r.kind() == null) {
            b.append("null");
        } else {
            string(b, r.kind().name());
        }
        b.append(",\"elements\":{");
        boolean first = true;
        for (Gs1Element e : r.payload().elements()) {
            if (!first) {
                b.append(',');
            }
            first = false;
            string(b, e.ai());
            b.append(':');
            string(b, e.value());
        }
        b.append("},\"bracketed\":");
        if (r.payload().isEmpty()) {
            b.append("null");
        } else {
            string(b, r.payload().bracketed());
        }
        b.append(",\"errors\":[");
        first = true;
        for (Gs1Error e : r.errors()) {
            if (!first) {
                b.append(',');
            }
            first = false;
            b.append("{\"code\":");
            string(b, e.code().name());
            b.append(",\"ai\":");
            if (e.ai() == null) {
                b.append("null");
            } else {
                string(b, e.ai());
            }
            b.append(",\"offset\":").append(e.offset()).append(",\"message\":");
            string(b, e.message());
            b.append('}');
        }
        b.append("]}");
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** A JSON string as Jackson writes it: quote, backslash and control characters escaped, the rest as is. */
    private static void string(StringBuilder b, String s) {
        if (s == null) {
            b.append("null");
            return;
        }
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                b.append(c);
                continue;
            }
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> b.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 15]);
            }
        }
        b.append('"');
    }

    static JsonObject toJson(String input, Gs1Result r) {
        JsonObject elements = new JsonObject();
        for (Gs1Element e : r.payload().elements()) {
            elements.put(e.ai(), e.value());
        }
        JsonArray errors = new JsonArray();
        for (Gs1Error e : r.errors()) {
            errors.add(new JsonObject()
                    .put("code", e.code().name())
                    .put("ai", e.ai())
                    .put("offset", e.offset())
                    .put("message", e.message()));
        }
        return new JsonObject()
                .put("input", input)
                .put("valid", r.valid())
                .put("kind", r.kind() == null ? null : r.kind().name())
                .put("elements", elements)
                .put("bracketed", r.payload().isEmpty() ? null : r.payload().bracketed())
                .put("errors", errors);
    }
}
