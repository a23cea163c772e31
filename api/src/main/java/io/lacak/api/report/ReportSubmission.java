package io.lacak.api.report;

import io.lacak.api.http.Problem;
import io.lacak.api.http.Problems;
import io.lacak.api.http.Replies;
import io.lacak.core.concurrent.PlainThreads;
import io.lacak.core.journal.BulkReport;
import io.lacak.core.journal.Receipt;
import io.lacak.core.journal.Report;
import io.lacak.core.journal.ReportKind;
import io.lacak.core.journal.Sequencer;
import io.lacak.core.journal.ShardWriters;
import io.lacak.core.lifecycle.Decision;
import io.lacak.core.lifecycle.Ledger;
import io.lacak.core.lifecycle.Ledger.Mode;
import io.lacak.core.lifecycle.Outcome;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * How a JSON report reaches the sequencer and its answer the client: one report, or, beyond
 * {@link BulkReport#CHUNK_LINES} lines, a bulk report decided a chunk at a time (issue 18),
 * answered the same way (200 with the receipt, 422 listing every refused code when nothing was
 * applied). Bodies of 64 KiB or more are read and checked off the event loop.
 */
final class ReportSubmission {

    /** Issue 21: a report goes to the writer of its codes' shard. */
    private final ShardWriters writers;

    private final Clock clock;
    /** Two plain threads offer the chunks of big JSON reports; more wait their turn. */
    private final ExecutorService threads = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "lacak-json-bulk");
        t.setDaemon(true);
        return t;
    });

    ReportSubmission(ShardWriters writers, Clock clock) {
        this.writers = writers;
        this.clock = clock;
    }

    /**
     * A report read and checked, ready for the sequencer: the rule of any slice of its lines, so
     * that one of more than {@link BulkReport#CHUNK_LINES} lines is decided as a bulk report, a
     * chunk at a time between other reports (issue 18), and one of fewer as one report.
     */
    record Prepared(
            String field, List<String> shown, ReportKind kind, ReportInput in, String details, int size, Slice rule) {}

    interface Slice {
        Function<Ledger, Decision> over(int from, int to, Mode mode);
    }

    /** Bodies at least this big are read and checked off the event loop (100,000 codes: megabytes of GS1). */
    private static final int OFF_LOOP_BYTES = 64 * 1024;

    void handle(RoutingContext ctx, Function<RoutingContext, Prepared> prepare) {
        if (ctx.body().length() < OFF_LOOP_BYTES) {
            send(ctx, prepare.apply(ctx));
            return;
        }
        ctx.vertx()
                .executeBlocking(() -> prepare.apply(ctx), false)
                .onSuccess(p -> send(ctx, p))
                .onFailure(ctx::fail);
    }

    private void send(RoutingContext ctx, Prepared p) {
        ReportInput in = p.in();
        int by = in.facility.ref();
        // issue 21: the shard of the codes' holder; codes of several holders' shards are refused (422)
        Sequencer sequencer = writers.forProducts(in.products);
        if (p.size() <= BulkReport.CHUNK_LINES) {
            submit(
                    ctx,
                    sequencer,
                    p.field(),
                    p.shown(),
                    new Report(
                            p.kind(),
                            by,
                            in.occurredAt,
                            in.idempotencyKey,
                            p.rule().over(0, p.size(), in.mode),
                            p.details()));
            return;
        }
        Instant arrived = clock.instant(); // Pasal 12(5): the request's arrival, however long the chunks take
        // plain threads: offering chunks waits for the writer, which a Vert.x worker may not
        PlainThreads.call(ctx.vertx(), threads, () -> bulk(sequencer, p, by, arrived))
                .onSuccess(receipt -> answer(ctx, p.field(), p.shown(), receipt))
                .onFailure(ctx::fail);
    }

    /** Worker thread: the report as a bulk report, its refusals naming their index in the request. */
    private Receipt bulk(Sequencer sequencer, Prepared p, int by, Instant arrived) throws Exception {
        ReportInput in = p.in();
        Receipt earlier = in.idempotencyKey == null
                ? null
                : sequencer.answered(by, in.idempotencyKey).await(1, TimeUnit.MINUTES);
        if (earlier != null) {
            return earlier; // the same request again: the first answer, nothing applied twice
        }
        BulkReport b = sequencer
                .bulk(p.kind(), by, in.occurredAt, in.idempotencyKey, in.mode, arrived, p.size())
                .await(1, TimeUnit.MINUTES);
        for (int from = 0; from < p.size(); from += BulkReport.CHUNK_LINES) {
            int start = from;
            int end = Math.min(p.size(), from + BulkReport.CHUNK_LINES);
            b.offer(new BulkReport.Chunk(
                    java.util.stream.LongStream.range(start, end).toArray(),
                    (l, mode) -> p.rule().over(start, end, mode).apply(l)));
        }
        return b.end(p.details()).await(1, TimeUnit.HOURS).receipt();
    }

    void submit(RoutingContext ctx, Sequencer sequencer, String field, List<String> shown, Report report) {
        sequencer
                .submit(report)
                .onSuccess(receipt -> answer(ctx, field, shown, receipt))
                .onFailure(ctx::fail);
    }

    /** 200 with the receipt when anything was applied; 422 listing every refused code when nothing was. */
    static void answer(RoutingContext ctx, String field, List<String> shown, Receipt receipt) {
        Outcome o = receipt.outcome();
        JsonArray refused = new JsonArray();
        List<Problem.Item> items = new ArrayList<>();
        for (Outcome.Refused r : o.refused()) {
            String code = r.index() < shown.size() ? shown.get(r.index()) : r.serial();
            refused.add(new JsonObject()
                    .put("index", r.index())
                    .put("code", code)
                    .put("serial", r.serial())
                    .put("reason", r.reason().name())
                    .put("message", r.reason().message())
                    .put(
                            "messages",
                            new JsonObject()
                                    .put("id", r.reason().messageId())
                                    .put("en", r.reason().message())));
            items.add(new Problem.Item(
                    field + (field.equals("batch") ? "" : "[" + r.index() + "]"),
                    r.reason().name(),
                    r.reason().message()));
        }
        JsonArray alerts = new JsonArray();
        // the ledger says which alerts the reporter may see; the others are the regulator's alone
        o.alerts().stream()
                .filter(Outcome.Alert::disclosed)
                .forEach(a -> alerts.add(new JsonObject()
                        .put("kind", a.kind().name())
                        .put("serial", a.serial())
                        .put("message", a.message())));
        JsonObject body = new JsonObject()
                .put("sequence", receipt.sequence())
                .put("late", receipt.late())
                .put("repeated", receipt.repeated())
                .put("applied", o.applied())
                .put("accepted", o.accepted())
                .put("refused", refused)
                .put("alerts", alerts);
        if (!o.applied() && !items.isEmpty()) {
            ctx.put(Problems.EXTRA, new JsonObject().put("receipt", body));
            ctx.fail(new Problem(
                    422,
                    "REFUSED",
                    "%d dari %d ditolak; tidak ada yang diterapkan / %d of %d refused; nothing was applied"
                            .formatted(items.size(), shown.size(), items.size(), shown.size()),
                    items));
            return;
        }
        Replies.send(ctx, 200, body);
    }
}
