package io.lacak.api.journey;

import static io.lacak.api.Demo.AUTH_NIE;
import static io.lacak.api.Demo.DISTRIBUTOR;
import static io.lacak.api.Demo.MANUFACTURER;
import static org.assertj.core.api.Assertions.assertThat;

import io.lacak.core.journal.BulkReport;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18, "What must stay true": journaled before acknowledged; {@code kill -9} at any instant of
 * a big file (receiving, parsing and deciding, committing, applying) leaves either all of it or none
 * of it after restart, and the job resumes or ends cleanly, applied at most once. A usage file is
 * one process (Lampiran G: primary, secondary and tertiary codes reported together), so "all" is
 * every code of the file in the store and one journal row, "none" is none of them.
 *
 * <p>The real server ({@code lacak serve}, embedded Postgres) runs in a child JVM; a usage file of
 * {@value #ROWS} rows (the one killed twice {@value #ROWS_TWICE}) with full aggregation (many {@link BulkReport#CHUNK_LINES}-line chunks) is
 * sent over HTTP and the child is killed with SIGKILL at a moment picked by the job's own progress
 * ({@code GET /api/v1/uploads/{id}}, the upload directory), then started again on the same data
 * directory. The embedded Postgres outlives its JVM: what the kill left is read from it before the
 * restart, which stops the orphan.
 */
class UploadCrashTest {

    static final int ROWS = 40_000;
    /** The file whose resumed job is killed too: its job resumes before the server listens, and is seen part-way. */
    static final int ROWS_TWICE = 100_000;

    static final int PER_SECONDARY = 10;
    static final int PER_TERTIARY = 200; // primaries per tertiary: 20 secondaries of 10

    /** Rows of file E (1 is the first after the header) naming another facility: PARTNER_MISMATCH. */
    static final int[] WRONG_PARTNER_ROWS = {101, 20_001, 39_001};

    static final String PARTIAL = "?mode=partial";

    static final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @TempDir
    Path dir;

    private Path data;
    private String key;
    private Server server;
    /** What each kill left, for the failure messages and the report. */
    private final List<String> landed = new ArrayList<>();

    private final long began = System.nanoTime();

    @Test
    void killNineAtEachPhaseOfALargeUploadLeavesAllOrNoneAndTheJobEndsAppliedOnce() throws Exception {
        data = dir.resolve("data");
        try {
            server = Server.start(data, dir, true);
            key = server.apiKey(MANUFACTURER);
            long codes = 0;

            // 1. during the body: the file is half received and its job reading it (issue 18); the client had
            // no answer, so the job fails on the next start and nothing of it is applied
            Usage a = usageFile("CRA", ROWS_TWICE, "");
            killDuringTheBody(a);
            restart();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (count("select count(*) from upload where state in ('QUEUED', 'PARSING', 'APPLYING')") > 0
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(count("select count(*) from upload where state = 'FAILED' and sha256 is null"))
                    .isEqualTo(count("select count(*) from upload"))
                    .isLessThanOrEqualTo(1);
            assertThat(count("select count(*) from journal where idempotency_key like 'upload-%'"))
                    .isZero();
            assertThat(storeCodes()).isEqualTo(codes);

            // 2. acknowledged (202), then killed at once: the job, queued or just begun, is resumed
            Usage d = usageFile("CRD", ROWS, "");
            long jobD = post(d).getLong("id");
            kill("acknowledged (202), the job " + jobState(jobD));
            // what the 202 acknowledged is on disk: the job's row and its file
            assertThat(count("select count(*) from upload where id = " + jobD)).isEqualTo(1);
            assertThat(data.resolve("uploads").resolve(jobD + ".csv")).exists();
            assertThat(journaled(jobD)).as(landed.toString()).isZero();
            restart();
            codes += d.codes();
            assertDoneOnce(jobD, d, codes);

            // 3. while parsing and deciding: parts journaled, no commit row; the restart deletes them and runs the file
            // again
            long jobA = post(a).getLong("id");
            JsonObject seen = await(
                    jobA,
                    j -> j.getString("state").equals("PARSING")
                            && j.getLong("rowsDecided") > 0
                            && j.getLong("rowsRead") < a.rows());
            kill("parsing and deciding: rowsRead " + seen.getLong("rowsRead") + ", rowsDecided "
                    + seen.getLong("rowsDecided"));
            assertThat(journaled(jobA)).as(landed.toString()).isZero();
            landed.add("  " + unnamedParts() + " parts journaled, no commit row");
            restart();
            // 3b. the resumed job killed again while it parses and decides once more
            seen = await(jobA, j -> j.getString("state").equals("PARSING") && j.getLong("rowsDecided") > 0);
            kill("the resumed job, parsing and deciding again: rowsDecided " + seen.getLong("rowsDecided"));
            assertThat(journaled(jobA)).as(landed.toString()).isZero();
            landed.add("  " + unnamedParts() + " parts journaled, no commit row");
            restart();
            codes += a.codes();
            assertDoneOnce(jobA, a, codes);

            // 4. after the commit, while the parts are applied to the store: replay applies it whole, the job ends
            Usage b = usageFile("CRB", ROWS, "");
            long jobB = post(b).getLong("id");
            seen = await(
                    jobB,
                    j -> j.getString("state").equals("APPLYING")
                            && j.getLong("rowsApplied") > 0
                            && j.getLong("rowsApplied") < b.rows());
            kill("after the commit, applying: rowsApplied " + seen.getLong("rowsApplied"));
            assertThat(journaled(jobB)).as(landed.toString()).isEqualTo(1);
            restart();
            codes += b.codes();
            assertDoneOnce(jobB, b, codes);

            // 5. at the end of the file, at the commit (the last chunks decided, the commit row written or not)
            Usage c = usageFile("CRC", ROWS, "");
            long jobC = post(c).getLong("id");
            seen = await(jobC, j -> j.getString("state").equals("APPLYING") && j.getLong("rowsApplied") == 0);
            kill("the whole file read, at the commit: rowsDecided " + seen.getLong("rowsDecided"));
            long committed = journaled(jobC);
            assertThat(committed).as(landed.toString()).isBetween(0L, 1L);
            landed.add("  the commit row " + (committed == 1 ? "was" : "was not") + " written");
            restart();
            codes += c.codes();
            assertDoneOnce(jobC, c, codes);

            // 6. the instant the commit row is seen in the journal, before the store has the file; a partial file
            // (mode=partial) whose rows of another facility are listed and the rest applied
            Usage e = usageFile("CRE", ROWS, PARTIAL, WRONG_PARTNER_ROWS);
            long jobE = post(e).getLong("id");
            await(jobE, j -> j.getString("state").equals("APPLYING"));
            killAtTheCommit(jobE);
            assertThat(journaled(jobE)).as(landed.toString()).isEqualTo(1);
            restart();
            codes += e.codes();
            assertDoneOnce(jobE, e, codes);

            assertThat(count("select count(*) from journal where idempotency_key like 'upload-%'"))
                    .isEqualTo(5);
            server.stop();
            server = null;
            landed.add(String.format(java.util.Locale.ROOT, "stopped at %.1f s", (System.nanoTime() - began) / 1e9));
        } finally {
            if (server != null) {
                server.close();
            }
            stopOrphan(data);
            System.out.println("UploadCrashTest kills:\n  " + String.join("\n  ", landed));
        }
    }

    /**
     * Sends the head and half of {@code file} over a raw connection and kills the server once part
     * of the body is on its disk.
     */
    private void killDuringTheBody(Usage file) throws Exception {
        byte[] body = Files.readAllBytes(file.path());
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            OutputStream out = s.getOutputStream();
            out.write(("POST /api/v1/uploads/usage HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: " + key
                            + "\r\nContent-Type: text/csv\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, body.length / 2);
            out.flush();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            long received = 0;
            while (received < body.length / 4 && System.nanoTime() < deadline) {
                received = incomingBytes();
                Thread.sleep(5);
            }
            assertThat(received).as("the server received part of the body").isBetween(1L, body.length - 1L);
            kill("receiving the body: " + received + " of " + body.length + " bytes on disk");
        }
    }

    /** Watches the journal for job {@code id}'s commit row and kills the server the moment it is there. */
    private void killAtTheCommit(long id) throws Exception {
        try (Connection c = database();
                java.sql.PreparedStatement q =
                        c.prepareStatement("select count(*) from journal where idempotency_key = ?")) {
            q.setString(1, "upload-" + id);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) == 1) {
                        kill("the commit row just journaled");
                        return;
                    }
                }
            }
            throw new AssertionError("upload " + id + " was not committed within a minute");
        }
    }

    /** The bytes of the files being received in the upload directory. */
    private long incomingBytes() throws IOException {
        Path uploads = data.resolve("uploads");
        if (!Files.isDirectory(uploads)) {
            return 0;
        }
        long n = 0;
        // incoming-* while only received, <id>.csv while its job reads it as it arrives (issue 18)
        try (DirectoryStream<Path> files = Files.newDirectoryStream(uploads, "*.csv")) {
            for (Path f : files) {
                n += Files.size(f);
            }
        }
        return n;
    }

    private void kill(String phase) throws Exception {
        server.kill();
        server = null;
        landed.add(String.format(
                java.util.Locale.ROOT,
                "kill %d at %.1f s: %s",
                landed.stream().filter(l -> l.startsWith("kill")).count() + 1,
                (System.nanoTime() - began) / 1e9,
                phase));
    }

    private void restart() throws Exception {
        server = Server.start(data, dir, false);
    }

    /**
     * The job ends DONE (resumed after the restart, never stuck), every code of the file applied
     * once: one journal row under the job's key, the store grown by exactly the file's codes, no part
     * left that no row names; the same file sent again is recognised as this job.
     */
    private void assertDoneOnce(long id, Usage file, long storeCodes) throws Exception {
        int[] wrongPartnerRows = file.wrongPartnerRows();
        JsonObject job = await(id, j -> List.of("DONE", "REFUSED", "FAILED").contains(j.getString("state")));
        assertThat(job.getString("state")).as(landed + " " + job.encode()).isEqualTo("DONE");
        assertThat(job.getLong("rowsAccepted")).as(job.encode()).isEqualTo(file.rows() - wrongPartnerRows.length);
        assertThat(job.getLong("rowsRead")).as(landed + " " + job.encode()).isEqualTo(file.rows());
        // every row not applied is listed by its file line, after a kill as without one
        assertThat(job.getLong("problemCount")).as(landed + " " + job.encode()).isEqualTo(wrongPartnerRows.length);
        List<String> listed = job.getJsonArray("problems").stream()
                .map(x -> ((JsonObject) x).getString("code") + "@" + ((JsonObject) x).getLong("line"))
                .toList();
        assertThat(listed)
                .containsExactlyElementsOf(java.util.Arrays.stream(wrongPartnerRows)
                        .mapToObj(r -> "PARTNER_MISMATCH@" + (r + 1))
                        .toList());
        assertThat(journaled(id)).as("journal rows of upload %d", id).isEqualTo(1);
        assertThat(job.getLong("journalSequence"))
                .isEqualTo(count("select seq from journal where idempotency_key = 'upload-" + id + "'"));
        assertThat(storeCodes())
                .as("codes in the store after upload %d (%s)", id, landed)
                .isEqualTo(storeCodes);
        assertThat(unnamedParts()).as("parts no journal row names").isZero();
        List<String> lines = Files.readAllLines(file.path());
        for (int row : List.of(1, file.rows() / 2, file.rows())) {
            String primary = lines.get(row).split(",")[2];
            JsonObject state = get("/api/v1/codes/state?code=" + URLEncoder.encode(primary, StandardCharsets.UTF_8));
            assertThat(state.getString("status")).as(primary).isEqualTo("ACTIVE");
            assertThat(state.getJsonArray("packedIn").size()).isEqualTo(2); // Lampiran G: its secondary and tertiary
        }
        for (int row : wrongPartnerRows) { // a row not applied: its primary was never reported
            String primary = lines.get(row).split(",")[2];
            HttpResponse<String> r = http.send(
                    base("/api/v1/codes/state?code=" + URLEncoder.encode(primary, StandardCharsets.UTF_8))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(primary).isEqualTo(404);
        }
        JsonObject again = post(file);
        assertThat(again.getLong("id")).isEqualTo(id);
        assertThat(again.getBoolean("repeated")).isTrue();
        assertThat(journaled(id)).isEqualTo(1);
    }

    /**
     * A usage file, sent with {@code query}, of {@code rows} newly issued primaries of batch {@code
     * batch}, fully aggregated; {@code wrongPartnerRows} (1: the first after the header) name another
     * facility.
     */
    record Usage(Path path, int rows, String query, int[] wrongPartnerRows) {

        /** The codes it puts in the store: a wrong row's secondary and tertiary come with the other rows. */
        long codes() {
            return rows + rows / PER_SECONDARY + rows / PER_TERTIARY - wrongPartnerRows.length;
        }
    }

    private Usage usageFile(String batch, int rows, String query, int... wrongPartnerRows) throws Exception {
        java.util.Set<Integer> wrong =
                java.util.Arrays.stream(wrongPartnerRows).boxed().collect(java.util.stream.Collectors.toSet());
        JsonObject request = new JsonObject()
                .put("nie", AUTH_NIE)
                .put("batch", batch)
                .put("expiry", "2028-12-31")
                .put("primaries", rows)
                .put("perSecondary", PER_SECONDARY)
                .put("perTertiary", PER_TERTIARY / PER_SECONDARY);
        HttpResponse<String> r = http.send(
                base("/api/v1/code-requests")
                        .header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(request.encode()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        long id = new JsonObject(r.body()).getLong("id");
        String[] p = codes(id, "primary");
        String[] s = codes(id, "secondary");
        String[] t = codes(id, "tertiary");
        Path file = dir.resolve(batch + ".csv");
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("Partner ID,Packaging,Primary Code,Secondary Code,Tertiary Code,NIE,Expiry,Batch,Active,"
                    + "Retained Sample,Reject\n");
            for (int i = 0; i < rows; i++) {
                w.write((wrong.contains(i + 1) ? DISTRIBUTOR : MANUFACTURER) + ",Primer," + p[i] + ","
                        + s[i / PER_SECONDARY] + "," + t[i / PER_TERTIARY] + "," + AUTH_NIE + ",2028-12-31," + batch
                        + ",TRUE,FALSE,FALSE\n");
            }
        }
        return new Usage(file, rows, query, wrongPartnerRows);
    }

    private String[] codes(long request, String level) throws Exception {
        HttpResponse<String> r = http.send(
                base("/api/v1/code-requests/" + request + "/codes?level=" + level)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body().split("\n");
    }

    /** Uploads {@code file}; the 202's job. */
    private JsonObject post(Usage file) throws Exception {
        HttpResponse<String> r = http.send(
                base("/api/v1/uploads/usage" + file.query())
                        .header("content-type", "text/csv")
                        .POST(HttpRequest.BodyPublishers.ofFile(file.path()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return new JsonObject(r.body());
    }

    private String jobState(long id) throws Exception {
        return get("/api/v1/uploads/" + id).getString("state");
    }

    /** Polls the job until {@code until} holds; fails if it ends (or a minute passes) first. */
    private JsonObject await(long id, Predicate<JsonObject> until) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        JsonObject job = null;
        while (System.nanoTime() < deadline) {
            job = get("/api/v1/uploads/" + id);
            if (until.test(job)) {
                return job;
            }
            if (List.of("DONE", "REFUSED", "FAILED").contains(job.getString("state"))) {
                throw new AssertionError("upload " + id + " ended before the moment looked for: " + job.encode());
            }
            Thread.sleep(2);
        }
        throw new AssertionError("upload " + id + " did not reach the moment looked for: " + job);
    }

    private JsonObject get(String path) throws Exception {
        HttpResponse<String> r = http.send(base(path).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return new JsonObject(r.body());
    }

    private HttpRequest.Builder base(String path) throws Exception {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(60))
                .header("X-API-Key", key);
    }

    private long storeCodes() throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/health"))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return new JsonObject(r.body()).getJsonObject("store").getLong("codes");
    }

    /** Parts of bulk reports that no journal row names: journaled, not committed. */
    private long unnamedParts() throws Exception {
        return count("select count(*) from journal_part p where not exists"
                + " (select 1 from journal j where j.bulk = p.bulk)");
    }

    /** The journal rows of job {@code id}'s report. */
    private long journaled(long id) throws Exception {
        return count("select count(*) from journal where idempotency_key = 'upload-" + id + "'");
    }

    /**
     * A number from the data directory's embedded Postgres, running or left running by a killed
     * server; the connection is closed before the next start (an orphan's smart shutdown waits for it).
     */
    private long count(String sql) throws Exception {
        try (Connection c = database();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private Connection database() throws Exception {
        List<String> pid = Files.readAllLines(data.resolve("pg").resolve("postmaster.pid"));
        String password =
                Files.readString(data.resolve("keys").resolve("pg.password")).strip();
        return DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + pid.get(3).strip() + "/postgres", "postgres", password);
    }

    /** A test that failed after a kill leaves its embedded Postgres running: stopped here. */
    private static void stopOrphan(Path data) throws Exception {
        Path pidFile = data.resolve("pg").resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
        ProcessHandle.of(pid)
                .filter(p -> p.info().command().map(x -> x.endsWith("postgres")).orElse(false))
                .ifPresent(p -> {
                    p.destroy();
                    try {
                        p.onExit().get(30, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        p.destroyForcibly();
                    }
                });
    }

    /** {@code lacak serve} in a child JVM on {@code data}, its output read for its port and the demo's keys. */
    static final class Server implements AutoCloseable {

        private static final Pattern LISTENING = Pattern.compile("^Lacak listening on http://127\\.0\\.0\\.1:(\\d+)");
        private static final Pattern DEMO_LINE =
                Pattern.compile("^\\s+(\\S+): (?:login (\\S+) / (\\S+), )?X-API-Key (lk_\\S+)");
        private static int started;

        final Process process;
        final List<String> printed = new CopyOnWriteArrayList<>();
        final CompletableFuture<Integer> port = new CompletableFuture<>();

        private Server(Process process) {
            this.process = process;
            Thread reader = new Thread(() -> {
                try (BufferedReader out =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = out.readLine()) != null; ) {
                        printed.add(line);
                        Matcher m = LISTENING.matcher(line);
                        if (m.find()) {
                            port.complete(Integer.parseInt(m.group(1)));
                        }
                    }
                } catch (IOException e) {
                    // killed
                }
                port.complete(-1);
            });
            reader.setDaemon(true);
            reader.start();
        }

        static Server start(Path data, Path logs, boolean demo) throws Exception {
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            for (String flag : System.getProperty("lacak.jvm.flags", "").split("\\s+")) {
                if (!flag.isBlank()) {
                    cmd.add(flag);
                }
            }
            cmd.addAll(List.of(
                    "-Xmx512m",
                    "-cp",
                    System.getProperty("java.class.path"),
                    io.lacak.api.cli.Main.class.getName(),
                    "serve",
                    "--port",
                    "0",
                    "--data",
                    data.toString()));
            if (demo) {
                cmd.add("--demo");
            }
            Path err = logs.resolve("serve-" + ++started + ".err");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(err.toFile());
            Map<String, String> env = pb.environment();
            env.keySet().removeIf(k -> k.startsWith("LACAK_")); // the embedded Postgres, one shard, whatever the shell
            env.put("LACAK_ADMIN_PASSWORD", Api.ADMIN_PASSWORD);
            env.put("LACAK_STORE_INITIAL_CODES", "1000000");
            Server s = new Server(pb.start());
            int port;
            try {
                port = s.port.get(180, TimeUnit.SECONDS);
            } catch (Exception e) {
                s.close();
                throw e;
            }
            if (port < 0) {
                throw new AssertionError("the server did not start: " + s.printed + "\n" + Files.readString(err));
            }
            return s;
        }

        int port() throws Exception {
            return port.get();
        }

        String apiKey(String partner) {
            for (String line : printed) {
                Matcher m = DEMO_LINE.matcher(line);
                if (m.find() && m.group(1).equals(partner)) {
                    return m.group(4);
                }
            }
            throw new AssertionError("no API key of " + partner + " in " + printed);
        }

        /** SIGKILL: no shutdown hook, nothing flushed or stopped; the embedded Postgres is left running. */
        void kill() throws Exception {
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        /** SIGTERM: the graceful stop, the embedded Postgres stopped with it. */
        void stop() throws Exception {
            process.destroy();
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }
}
