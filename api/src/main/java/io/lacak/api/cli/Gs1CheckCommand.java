package io.lacak.api.cli;

import io.lacak.core.gs1.Gs1Codec;
import io.lacak.core.gs1.Gs1Element;
import io.lacak.core.gs1.Gs1Error;
import io.lacak.core.gs1.Gs1Payload;
import io.lacak.core.gs1.Gs1Profile;
import io.lacak.core.gs1.Gs1Result;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code gs1 check [--no-day-zero] [FILE...]}: validates payloads one per line (stdin when no file)
 * and writes one JSON object per line. Exit 0 when all are valid, 1 otherwise, 2 on usage errors.
 */
final class Gs1CheckCommand implements Command {

    /** Bytes of input per chunk (about 4,600 lines of a print file); its JSON is about six times as long. */
    private static final int CHUNK = 1 << 18;

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

    /**
     * Lines are read as bytes, a chunk of whole lines at a time, and parsed on every core; the
     * answers are written in input order. The chunks and their JSON buffers are reused, so that a
     * big file allocates little beyond what the codec itself does (memory first touched is what
     * costs most on a small VM).
     */
    private static boolean check(Gs1Codec codec, InputStream in, OutputStream w, ExecutorService pool)
            throws IOException {
        LineChunks chunks = new LineChunks(in);
        Deque<Work> free = new ArrayDeque<>();
        Deque<Future<Work>> pending = new ArrayDeque<>();
        boolean allValid = true;
        while (true) {
            Work work = free.isEmpty() ? new Work(codec) : free.removeFirst();
            if (!chunks.next(work.chunk)) {
                break;
            }
            pending.add(pool.submit(work));
            if (pending.size() >= 2 * THREADS) {
                Work done = writeFirst(pending, w);
                allValid &= done.allValid;
                free.add(done);
            }
        }
        while (!pending.isEmpty()) {
            allValid &= writeFirst(pending, w).allValid;
        }
        return allValid;
    }

    private static Work writeFirst(Deque<Future<Work>> pending, OutputStream w) throws IOException {
        try {
            Work done = pending.removeFirst().get();
            done.json.writeTo(w);
            return done;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        }
    }

    /** One chunk of lines and the JSON answering them; used by one thread at a time. */
    private static final class Work implements Callable<Work>, LineChunks.LineSink {
        final Gs1Codec codec;
        final LineChunks.Chunk chunk = new LineChunks.Chunk(CHUNK);
        final JsonBytes json = new JsonBytes(CHUNK * 6);
        final AsciiLine ascii = new AsciiLine();
        final StringBuilder scratch = new StringBuilder(128);
        boolean allValid;

        Work(Gs1Codec codec) {
            this.codec = codec;
        }

        @Override
        public Work call() {
            json.reset();
            allValid = true;
            chunk.forEachLine(this);
            return this;
        }

        @Override
        public void line(byte[] d, int from, int to) {
            boolean isAscii = true;
            for (int i = from; i < to; i++) {
                if (d[i] < 0) {
                    isAscii = false;
                    break;
                }
            }
            // An ASCII line is read in place; any other is decoded as InputStreamReader decodes it.
            CharSequence input =
                    isAscii ? ascii.of(d, from, to) : new String(d, from, to - from, StandardCharsets.UTF_8);
            Gs1Result result = codec.parse(input);
            allValid &= result.valid();
            if (isAscii) {
                json.raw("{\"input\":").asciiString(d, from, to);
            } else {
                json.raw("{\"input\":").string(input);
            }
            writeAnswer(json, result, scratch);
            json.raw('\n');
        }
    }

    /** The bytes {@code d[from, to)}, all ASCII, read as characters without a copy. */
    static final class AsciiLine implements CharSequence {
        private byte[] d;
        private int from;
        private int length;

        AsciiLine of(byte[] d, int from, int to) {
            this.d = d;
            this.from = from;
            this.length = to - from;
            return this;
        }

        @Override
        public int length() {
            return length;
        }

        @Override
        public char charAt(int index) {
            return (char) d[from + Objects.checkIndex(index, length)];
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            Objects.checkFromToIndex(start, end, length);
            return new String(d, from + start, end - start, StandardCharsets.ISO_8859_1);
        }

        @Override
        public String toString() {
            return new String(d, from, length, StandardCharsets.ISO_8859_1);
        }
    }

    /** The same object as {@link #toJson}, as a string (the layout is {@link #writeAnswer}'s). */
    static void writeJson(StringBuilder b, String input, Gs1Result r) {
        JsonBytes j = new JsonBytes(256);
        j.raw("{\"input\":").string(input);
        writeAnswer(j, r, new StringBuilder());
        b.append(j.text());
    }

    /** Everything of a line's JSON object after its input, written straight into bytes. */
    private static void writeAnswer(JsonBytes b, Gs1Result r, StringBuilder scratch) {
        b.raw(",\"valid\":").raw(r.valid() ? "true" : "false").raw(",\"kind\":");
        if (r.kind() == null) {
            b.raw("null");
        } else {
            b.string(r.kind().name());
        }
        b.raw(",\"elements\":{");
        Gs1Payload payload = r.payload();
        for (int i = 0, n = payload.size(); i < n; i++) {
            Gs1Element e = payload.element(i);
            if (i > 0) {
                b.raw(',');
            }
            b.string(e.ai()).raw(':').string(e.value());
        }
        b.raw("},\"bracketed\":");
        if (payload.isEmpty()) {
            b.raw("null");
        } else {
            scratch.setLength(0);
            b.string(payload.appendBracketed(scratch));
        }
        b.raw(",\"errors\":[");
        List<Gs1Error> errors = r.errors();
        for (int i = 0, n = errors.size(); i < n; i++) {
            Gs1Error e = errors.get(i);
            if (i > 0) {
                b.raw(',');
            }
            b.raw("{\"code\":").string(e.code().name()).raw(",\"ai\":");
            b.string(e.ai()).raw(",\"offset\":").number(e.offset()).raw(",\"message\":");
            b.string(e.message()).raw('}');
        }
        b.raw("]}");
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
