package io.lacak.api.journey;

import static io.lacak.api.Demo.AUTH_NIE;
import static io.lacak.api.Demo.DISTRIBUTOR;
import static io.lacak.api.Demo.MANUFACTURER;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 18, "every problem still listed by line and column (first 1,000, and the count)": a file
 * or JSON report with more than 1,000 problems answers with exactly its first 1,000, in the order
 * of the file's lines (and, within a line, of its columns), and the count of all of them.
 */
class ProblemListTest {

    static final int LISTED = 1_000;
    static final String HEADER =
            "Partner ID,Packaging,Primary Code,Secondary Code,Tertiary Code,NIE,Expiry,Batch,Active,Retained Sample,Reject\n";

    static Api api;
    static String mfr;

    @BeforeAll
    static void start() throws Exception {
        api = new Api(8 * 1024 * 1024);
        mfr = api.key(MANUFACTURER);
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    static List<String> primaries(String batch, int n) throws Exception {
        long id = api.post(
                        "/api/v1/code-requests",
                        mfr,
                        new JsonObject()
                                .put("nie", AUTH_NIE)
                                .put("batch", batch)
                                .put("expiry", "2028-12-31")
                                .put("primaries", n)
                                .put("perSecondary", 10)
                                .put("perTertiary", 10))
                .bodyAsJsonObject()
                .getLong("id");
        return api.codes(id, "primary", mfr);
    }

    /** A usage row of {@code code}, without containers. */
    static String row(String partner, String code, String expiry, String batch) {
        return partner + ",Primer," + code + ",0,0," + AUTH_NIE + "," + expiry + "," + batch + ",TRUE,FALSE,FALSE\n";
    }

    /**
     * Issue 18, Lampiran G.4.b: 3,000 rows, every other one with two problems (the partner ID is
     * another facility's, the expiry no date): 3,000 problems. The job, refused whole by default
     * and applying the good rows with {@code mode=partial}, lists the first 1,000 — lines 2, 4, ...,
     * 1,000, each Partner ID then Expiry — and counts 3,000.
     */
    @Test
    void issue18_aFileOfThreeThousandRowProblemsListsTheFirstThousandByLineAndColumnAndCountsAll() throws Exception {
        List<String> codes = primaries("PL1", 3_000);
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < codes.size(); i++) {
            csv.append(
                    i % 2 == 0
                            ? row(DISTRIBUTOR, codes.get(i), "31-12-2028", "PL1")
                            : row(MANUFACTURER, codes.get(i), "2028-12-31", "PL1"));
        }
        List<String> expected = new ArrayList<>();
        for (int line = 2; expected.size() < LISTED; line += 2) {
            expected.add(line + " Partner ID PARTNER_MISMATCH");
            expected.add(line + " Expiry DATE_INVALID");
        }

        JsonObject whole = UploadTestSupport.finished(
                api, UploadTest.upload(api, "usage", mfr, "", csv.toString()).getLong("id"), mfr, 120);
        assertThat(whole.getString("state")).as(whole.encode()).isEqualTo("REFUSED");
        assertThat(whole.getLong("rowsAccepted")).isZero();
        assertThat(whole.getLong("problemCount")).isEqualTo(3_000);
        assertThat(listed(whole)).containsExactlyElementsOf(expected);
        whole.getJsonArray("problems").forEach(p -> UploadTest.assertBilingual((JsonObject) p));

        JsonObject partial = UploadTestSupport.finished(
                api,
                UploadTest.upload(api, "usage", mfr, "?mode=partial", csv.toString())
                        .getLong("id"),
                mfr,
                120);
        assertThat(partial.getString("state")).as(partial.encode()).isEqualTo("DONE");
        assertThat(partial.getLong("rowsAccepted")).isEqualTo(1_500);
        assertThat(partial.getLong("problemCount")).isEqualTo(3_000);
        assertThat(listed(partial)).containsExactlyElementsOf(expected);
    }

    /**
     * Issue 18: the writer's refusals are capped the same way. 1,500 units released, then a
     * {@code mode=partial} file of those and 1,500 more: the 1,500 new ones are applied, the first
     * 1,000 refusals listed (lines 2 to 1,001, column Primary Code, each naming its serial) and
     * 1,500 counted.
     */
    @Test
    void issue18_aFileOfFifteenHundredRefusedCodesListsTheFirstThousandByLineAndCountsAll() throws Exception {
        List<String> codes = primaries("PL2", 3_000);
        StringBuilder first = new StringBuilder(HEADER);
        StringBuilder all = new StringBuilder(HEADER);
        for (int i = 0; i < codes.size(); i++) {
            String row = row(MANUFACTURER, codes.get(i), "2028-12-31", "PL2");
            all.append(row);
            if (i < 1_500) {
                first.append(row);
            }
        }
        JsonObject released = UploadTestSupport.finished(
                api, UploadTest.upload(api, "usage", mfr, "", first.toString()).getLong("id"), mfr, 120);
        assertThat(released.getString("state")).as(released.encode()).isEqualTo("DONE");

        JsonObject job = UploadTestSupport.finished(
                api,
                UploadTest.upload(api, "usage", mfr, "?mode=partial", all.toString())
                        .getLong("id"),
                mfr,
                120);
        assertThat(job.getString("state")).as(job.encode()).isEqualTo("DONE");
        assertThat(job.getLong("rowsAccepted")).isEqualTo(1_500);
        assertThat(job.getLong("problemCount")).isEqualTo(1_500);
        JsonArray problems = job.getJsonArray("problems");
        assertThat(problems).hasSize(LISTED);
        String reason = problems.getJsonObject(0).getString("code");
        for (int i = 0; i < LISTED; i++) {
            JsonObject p = problems.getJsonObject(i);
            assertThat(p.getLong("line")).isEqualTo(i + 2);
            assertThat(p.getString("column")).isEqualTo("Primary Code");
            assertThat(p.getString("code")).isEqualTo(reason);
            assertThat(p.getString("message")).isNotBlank();
            UploadTest.assertBilingual(p); // the refusal's reason in its own two languages
        }
    }

    /**
     * Issue 18: the reader's row problems and the writer's refusals are one list, in line order.
     * 600 units released, then a {@code mode=partial} file of 2,000 rows: those 600 first (refused
     * by the writer, lines 2 to 601), 400 good rows, then 1,000 rows of another facility's partner
     * ID (row problems, lines 1,002 to 2,001). The first 1,000 are the 600 refusals and then the
     * row problems of lines 1,002 to 1,401; 1,600 are counted.
     */
    @Test
    void issue18_rowProblemsAndRefusalsOfAFileAreListedTogetherInLineOrder() throws Exception {
        List<String> codes = primaries("PL4", 2_000);
        StringBuilder first = new StringBuilder(HEADER);
        StringBuilder all = new StringBuilder(HEADER);
        for (int i = 0; i < codes.size(); i++) {
            all.append(row(i < 1_000 ? MANUFACTURER : DISTRIBUTOR, codes.get(i), "2028-12-31", "PL4"));
            if (i < 600) {
                first.append(row(MANUFACTURER, codes.get(i), "2028-12-31", "PL4"));
            }
        }
        JsonObject released = UploadTestSupport.finished(
                api, UploadTest.upload(api, "usage", mfr, "", first.toString()).getLong("id"), mfr, 120);
        assertThat(released.getString("state")).as(released.encode()).isEqualTo("DONE");

        JsonObject job = UploadTestSupport.finished(
                api,
                UploadTest.upload(api, "usage", mfr, "?mode=partial", all.toString())
                        .getLong("id"),
                mfr,
                120);
        assertThat(job.getString("state")).as(job.encode()).isEqualTo("DONE");
        assertThat(job.getLong("rowsAccepted")).isEqualTo(400);
        assertThat(job.getLong("problemCount")).isEqualTo(1_600);
        List<String> listed = listed(job);
        assertThat(listed).hasSize(LISTED);
        String refusal = job.getJsonArray("problems").getJsonObject(0).getString("code");
        List<String> expected = new ArrayList<>();
        for (int line = 2; line <= 601; line++) {
            expected.add(line + " Primary Code " + refusal);
        }
        for (int line = 1_002; expected.size() < LISTED; line++) {
            expected.add(line + " Partner ID PARTNER_MISMATCH");
        }
        assertThat(listed).containsExactlyElementsOf(expected);
    }

    /**
     * Issue 18 (Lampiran G, one process): a JSON usage report of 2,000 lines, 1,500 of them units
     * released before. Atomic: 422, nothing applied, the first 1,000 refusals by their index in
     * the request, in order, each with its message in Bahasa Indonesia and English, and the detail
     * (in both) counting all 1,500. {@code PER_CODE}: the 500 others applied, the same list and count.
     */
    @Test
    void issue18_aJsonReportOfFifteenHundredRefusalsListsTheFirstThousandByIndexAndCountsAll() throws Exception {
        List<String> codes = primaries("PL3", 2_000);
        JsonObject released = new JsonObject().put("lines", lines(codes.subList(0, 1_500)));
        HttpResponse<Buffer> first = api.post("/api/v1/usage-reports", mfr, released);
        assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(200);

        JsonObject report = new JsonObject().put("lines", lines(codes));
        HttpResponse<Buffer> refused = api.post("/api/v1/usage-reports", mfr, report);
        assertThat(refused.statusCode()).as(refused.bodyAsString()).isEqualTo(422);
        JsonObject problem = refused.bodyAsJsonObject();
        assertThat(problem.getString("detail"))
                .as(refused.bodyAsString().substring(0, 2000))
                .isEqualTo(
                        "1500 dari 2000 ditolak; tidak ada yang diterapkan / 1500 of 2000 refused; nothing was applied");
        JsonObject receipt = problem.getJsonObject("receipt");
        assertThat(receipt.getBoolean("applied")).isFalse();
        assertThat(receipt.getInteger("accepted")).isZero();
        assertThat(receipt.getLong("refusedCount")).isEqualTo(1_500);
        assertFirstThousand(receipt.getJsonArray("refused"), codes);

        HttpResponse<Buffer> perCode =
                api.post("/api/v1/usage-reports", mfr, report.copy().put("mode", "PER_CODE"));
        assertThat(perCode.statusCode()).as(perCode.bodyAsString()).isEqualTo(200);
        JsonObject applied = perCode.bodyAsJsonObject();
        assertThat(applied.getInteger("accepted")).isEqualTo(500);
        assertThat(applied.getLong("refusedCount")).isEqualTo(1_500);
        assertFirstThousand(applied.getJsonArray("refused"), codes);
    }

    private static void assertFirstThousand(JsonArray refused, List<String> codes) {
        assertThat(refused).hasSize(LISTED);
        for (int i = 0; i < LISTED; i++) {
            JsonObject r = refused.getJsonObject(i);
            assertThat(r.getInteger("index")).isEqualTo(i);
            assertThat(r.getString("code")).isEqualTo(codes.get(i));
            JsonObject messages = r.getJsonObject("messages");
            assertThat(messages.getString("id")).isNotBlank();
            assertThat(messages.getString("en")).isNotBlank().isNotEqualTo(messages.getString("id"));
        }
    }

    private static JsonArray lines(List<String> codes) {
        JsonArray lines = new JsonArray();
        codes.forEach(c -> lines.add(new JsonObject().put("primary", c)));
        return lines;
    }

    /** A job's problems as "line column code". */
    private static List<String> listed(JsonObject job) {
        return job.getJsonArray("problems").stream()
                .map(p -> (JsonObject) p)
                .map(p -> p.getLong("line") + " " + p.getString("column") + " " + p.getString("code"))
                .toList();
    }
}
