package io.lacak.api.journey;

import static io.lacak.api.Demo.AUTH_NIE;
import static io.lacak.api.Demo.DISTRIBUTOR;
import static io.lacak.api.Demo.MANUFACTURER;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 18: a JSON report of more than one chunk (3,000 lines; 100,000, the contract's largest) is
 * read off the event loop and decided as a bulk report between other reports, yet answered as one
 * report: Lampiran G's one process (a refusal anywhere changes nothing), refusals by their index in
 * the request, the same answer again for the same idempotency key.
 */
class LargeJsonReportTest {

    static final int LINES = 3_000;
    /** The contract's {@code maxItems} of a report's lines or codes. */
    static final int LARGEST = 100_000;

    static Api api;

    @BeforeAll
    static void start() throws Exception {
        api = new Api(8 * 1024 * 1024);
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    @Test
    void lampiranGAUsageReportOfThreeThousandLinesIsOneProcess() throws Exception {
        String mfr = api.key(MANUFACTURER);
        long id = api.post(
                        "/api/v1/code-requests",
                        mfr,
                        new JsonObject()
                                .put("nie", AUTH_NIE)
                                .put("batch", "JSON1")
                                .put("expiry", "2028-12-31")
                                .put("primaries", LINES)
                                .put("perSecondary", 10)
                                .put("perTertiary", 20))
                .bodyAsJsonObject()
                .getLong("id");
        List<String> p = api.codes(id, "primary", mfr);
        List<String> s = api.codes(id, "secondary", mfr);
        List<String> t = api.codes(id, "tertiary", mfr);

        // line 2,999 repeats line 5, two chunks after it: refused, and nothing of the report applied
        JsonArray lines = lines(p, s, t);
        lines.set(LINES - 1, lines.getJsonObject(5).copy());
        HttpResponse<Buffer> refused = api.post(
                "/api/v1/usage-reports",
                mfr,
                new JsonObject().put("lines", lines).put("idempotencyKey", "big-0"));
        assertThat(refused.statusCode()).as(refused.bodyAsString()).isEqualTo(422);
        JsonObject receipt = refused.bodyAsJsonObject().getJsonObject("receipt");
        assertThat(receipt.getBoolean("applied")).isFalse();
        assertThat(receipt.getJsonArray("refused")).hasSize(1);
        assertThat(receipt.getJsonArray("refused").getJsonObject(0).getInteger("index"))
                .isEqualTo(LINES - 1);
        assertThat(receipt.getJsonArray("refused").getJsonObject(0).getString("reason"))
                .isEqualTo("DUPLICATE_IN_REPORT");
        assertThat(verdict(p.get(0))).isNotEqualTo("GENUINE");

        JsonObject good = new JsonObject().put("lines", lines(p, s, t)).put("idempotencyKey", "big-1");
        HttpResponse<Buffer> applied = api.post("/api/v1/usage-reports", mfr, good);
        assertThat(applied.statusCode()).as(applied.bodyAsString()).isEqualTo(200);
        assertThat(applied.bodyAsJsonObject().getInteger("accepted")).isEqualTo(LINES);
        assertThat(verdict(p.get(LINES - 1))).isEqualTo("GENUINE");

        HttpResponse<Buffer> again = api.post("/api/v1/usage-reports", mfr, good);
        assertThat(again.bodyAsJsonObject().getBoolean("repeated")).isTrue();
        assertThat(again.bodyAsJsonObject().getLong("sequence"))
                .isEqualTo(applied.bodyAsJsonObject().getLong("sequence"));

        // a shipment of all 3,000 units as one report, in three chunks
        JsonObject ship = new JsonObject().put("destination", DISTRIBUTOR).put("codes", new JsonArray(p));
        HttpResponse<Buffer> shipped = api.post("/api/v1/shipments", mfr, ship);
        assertThat(shipped.statusCode()).as(shipped.bodyAsString()).isEqualTo(200);
        assertThat(shipped.bodyAsJsonObject().getInteger("accepted")).isEqualTo(LINES);
    }

    /**
     * Issue 18: "large JSON reports (up to 100,000 codes) take the same path and are parsed off the
     * event loop". A usage report of 100,000 units (Lampiran G) and then their shipment (Lampiran
     * H), each within the default body limit, are each applied whole as one report. Meanwhile this
     * JVM's threads (the server runs in it) are sampled: the report's parse and check (the
     * contract's body validation, {@code ReportInput}, the routes' reading of lines and codes) is
     * seen running, and never on an event loop; and {@code GET /health}, served by the same single
     * event loop as the reports, is answered while the parse runs.
     */
    @Test
    void issue18_aReportOfTheLargestSizeIsOneProcessParsedOffTheEventLoop() throws Exception {
        String mfr = api.key(MANUFACTURER);
        long id = api.post(
                        "/api/v1/code-requests",
                        mfr,
                        new JsonObject()
                                .put("nie", AUTH_NIE)
                                .put("batch", "JSON100K")
                                .put("expiry", "2028-12-31")
                                .put("primaries", LARGEST)
                                .put("perSecondary", 10)
                                .put("perTertiary", 20))
                .bodyAsJsonObject()
                .getLong("id");
        List<String> p = api.codes(id, "primary", mfr);
        JsonArray units = new JsonArray();
        p.forEach(code -> units.add(new JsonObject().put("primary", code)));
        Buffer usage = Buffer.buffer(new JsonObject().put("lines", units).encode());
        Buffer shipment = Buffer.buffer(new JsonObject()
                .put("destination", DISTRIBUTOR)
                .put("codes", new JsonArray(p))
                .encode());
        int limit = io.lacak.api.LacakConfig.defaults().bodyLimit();
        assertThat(usage.length()).as("within LACAK_BODY_LIMIT's default").isLessThan(limit);
        assertThat(shipment.length()).as("within LACAK_BODY_LIMIT's default").isLessThan(limit);

        try (Sampler sampler = new Sampler();
                Health health = new Health()) {
            HttpResponse<Buffer> used = api.send(HttpMethod.POST, "/api/v1/usage-reports", mfr, usage);
            assertThat(used.statusCode()).as(used.bodyAsString()).isEqualTo(200);
            assertThat(used.bodyAsJsonObject().getBoolean("applied")).isTrue();
            assertThat(used.bodyAsJsonObject().getInteger("accepted")).isEqualTo(LARGEST);
            assertThat(used.bodyAsJsonObject().getLong("refusedCount")).isZero();
            assertThat(verdict(p.get(LARGEST - 1))).isEqualTo("GENUINE");

            HttpResponse<Buffer> shipped = api.send(HttpMethod.POST, "/api/v1/shipments", mfr, shipment);
            assertThat(shipped.statusCode()).as(shipped.bodyAsString()).isEqualTo(200);
            assertThat(shipped.bodyAsJsonObject().getInteger("accepted")).isEqualTo(LARGEST);
            sampler.stop();
            health.stop();

            System.out.printf(
                    "LargeJsonReportTest: %d samples, the parse seen in %d (%d stretches, %.0f ms) on %s (event"
                            + " loops %s); %d health answers, %d while the parse ran, the slowest %.1f ms%n",
                    sampler.samples,
                    sampler.parsing,
                    sampler.runs.size(),
                    sampler.runs.stream().mapToLong(r -> r[1] - r[0]).sum() / 1e6,
                    sampler.parsers,
                    sampler.onLoop,
                    health.answered.size(),
                    health.within(sampler.runs),
                    health.slowestNanos() / 1e6);
            assertThat(sampler.parsing).as("the parse is seen running").isPositive();
            assertThat(sampler.onLoop).as("event loops seen parsing").isEmpty();
            assertThat(health.within(sampler.runs))
                    .as("health answers sent and received while the parse ran")
                    .isPositive();
        }
        JsonObject state = api.get(
                        "/api/v1/codes/state?code="
                                + java.net.URLEncoder.encode(p.get(0), java.nio.charset.StandardCharsets.UTF_8),
                        api.key(DISTRIBUTOR))
                .bodyAsJsonObject();
        assertThat(state.getString("status")).as(state.encode()).isEqualTo("IN_TRANSIT");
    }

    /**
     * What of a report's parse a stack is in: {@code 2} the routes' reading of the body and its
     * codes ({@code ReportRoutes.input}, {@code ReportInput}), {@code 1} the contract's validation
     * of the body, {@code 0} neither (the rule the writer runs is not the parse).
     */
    static int parses(StackTraceElement[] stack) {
        for (StackTraceElement f : stack) {
            String c = f.getClassName();
            String m = f.getMethodName();
            if (c.equals("io.lacak.api.report.ReportInput")
                    || c.equals("io.lacak.api.report.ReportRoutes") && m.equals("input")) {
                return 2;
            }
            if (c.equals("io.vertx.openapi.validation.impl.RequestValidatorImpl") && m.equals("validateBody")) {
                return 1;
            }
        }
        return 0;
    }

    /** Samples the stacks of this JVM's threads every few milliseconds: which threads parse a report. */
    static final class Sampler implements AutoCloseable {
        final java.util.Set<String> parsers = new java.util.TreeSet<>();
        final java.util.Set<String> onLoop = new java.util.TreeSet<>();
        /**
         * Each stretch of consecutive samples that saw the routes read the body: its first and last
         * sample's time. Were that on the event loop, no other request could be answered within one.
         */
        final List<long[]> runs = new ArrayList<>();

        int samples;
        int parsing;
        private boolean parsed;
        private volatile boolean stopped;
        private final Thread thread = new Thread(this::run, "parse-sampler");

        Sampler() {
            thread.setDaemon(true);
            thread.start();
        }

        private void run() {
            while (!stopped) {
                long now = System.nanoTime();
                boolean seen = false;
                for (java.util.Map.Entry<Thread, StackTraceElement[]> t :
                        Thread.getAllStackTraces().entrySet()) {
                    int part = parses(t.getValue());
                    if (part > 0) {
                        String name = t.getKey().getName();
                        parsers.add(name);
                        if (name.startsWith("vert.x-eventloop-thread")) {
                            onLoop.add(name);
                        }
                        seen |= part == 2;
                    }
                }
                samples++;
                if (seen) {
                    if (parsed) {
                        runs.get(runs.size() - 1)[1] = now;
                    } else {
                        runs.add(new long[] {now, now});
                    }
                    parsing++;
                }
                parsed = seen;
                try {
                    Thread.sleep(3);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        /** Stops sampling; the fields are final once it returns. */
        void stop() throws InterruptedException {
            stopped = true;
            thread.join();
        }

        @Override
        public void close() throws InterruptedException {
            stop();
        }
    }

    /** {@code GET /health}, one after the other from a thread of its own: when each was sent and answered. */
    static final class Health implements AutoCloseable {
        final List<long[]> answered = new java.util.concurrent.CopyOnWriteArrayList<>();
        private volatile boolean stopped;
        private final Thread thread = new Thread(this::run, "health-poller");

        Health() {
            thread.setDaemon(true);
            thread.start();
        }

        private void run() {
            while (!stopped) {
                long sent = System.nanoTime();
                try {
                    if (api.get("/health", null).statusCode() == 200) {
                        answered.add(new long[] {sent, System.nanoTime()});
                    }
                } catch (Exception e) {
                    return;
                }
            }
        }

        /** Answers to requests sent and answered within one of {@code runs} ({@code [from, to]}, nanoTime). */
        int within(List<long[]> runs) {
            return (int) answered.stream()
                    .filter(a -> runs.stream().anyMatch(r -> a[0] >= r[0] && a[1] <= r[1]))
                    .count();
        }

        long slowestNanos() {
            return answered.stream().mapToLong(a -> a[1] - a[0]).max().orElse(0);
        }

        void stop() throws InterruptedException {
            stopped = true;
            thread.join();
        }

        @Override
        public void close() throws InterruptedException {
            stop();
        }
    }

    private static JsonArray lines(List<String> p, List<String> s, List<String> t) {
        JsonArray lines = new JsonArray();
        for (int i = 0; i < LINES; i++) {
            lines.add(new JsonObject()
                    .put("primary", p.get(i))
                    .put("secondary", s.get(i / 10))
                    .put("tertiary", t.get(i / 200)));
        }
        return lines;
    }

    private static String verdict(String code) throws Exception {
        return api.post("/api/v1/verify", null, new JsonObject().put("code", code))
                .bodyAsJsonObject()
                .getString("verdict");
    }
}
