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
import io.lacak.core.lifecycle.CodeRef;
import io.lacak.core.lifecycle.Decision;
import io.lacak.core.lifecycle.Ledger;
import io.lacak.core.lifecycle.Ledger.Mode;
import io.lacak.core.lifecycle.Outcome;
import io.vertx.core.Context;
import io.vertx.core.Future;
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
 * applied). A report whose codes are in several holders' shards is decided as a part in each
 * (issue 21), its answer the parts' together with each part listed. Bodies of 64 KiB or more are
 * read and checked off the event loop.
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
     * A report read and checked, ready for the sequencer: its items (codes, or usage lines) and the
     * rule over any of them, so that one of more than {@link BulkReport#CHUNK_LINES} items is decided
     * as a bulk report, a chunk at a time between other reports (issue 18), one of fewer as one
     * report, and one whose {@code codes} span shards a part in each shard (issue 21). {@code codes}
     * is null for a usage report: one holder's process (Lampiran G), which never leaves its shard.
     */
    record Prepared<T>(
            String field,
            List<String> shown,
            ReportKind kind,
            ReportInput in,
            String details,
            List<T> items,
            Rule<T> rule,
            List<CodeRef> codes) {

        int size() {
            return items.size();
        }

        /** What of this report {@code part} holds. */
        Prepared<T> part(ShardWriters.Part part) {
            return new Prepared<>(
                    field,
                    part.of(shown),
                    kind,
                    in,
                    details,
                    part.of(items),
                    rule,
                    codes == null ? null : part.of(codes));
        }
    }

    /**
     * A report's (or a part's) answer: its receipt, which lists the first {@link
     * BulkReport#MAX_REFUSED} refusals of a bulk report, and the count of all its refusals.
     */
    private record Decided(Receipt receipt, long refusedCount) {

        static Decided of(Receipt receipt) {
            return new Decided(receipt, receipt.outcome().refused().size());
        }
    }

    /** The decision of some of a report's items. */
    interface Rule<T> {
        Function<Ledger, Decision> over(List<T> items, Mode mode);
    }

    /** Bodies at least this big are read and checked off the event loop (100,000 codes: megabytes of GS1). */
    private static final int OFF_LOOP_BYTES = 64 * 1024;

    void handle(RoutingContext ctx, Function<RoutingContext, Prepared<?>> prepare) {
        if (ctx.body().length() < OFF_LOOP_BYTES) {
            send(ctx, prepare.apply(ctx));
            return;
        }
        ctx.vertx()
                .executeBlocking(() -> prepare.apply(ctx), false)
                .onSuccess(p -> send(ctx, p))
                .onFailure(ctx::fail);
    }

    private <T> void send(RoutingContext ctx, Prepared<T> p) {
        try {
            sendParts(ctx, p);
        } catch (RuntimeException e) { // another node's shard (Elsewhere), sent on by the failure handler
            ctx.fail(e);
        }
    }

    private <T> void sendParts(RoutingContext ctx, Prepared<T> p) {
        Instant arrived = RemoteParts.arrival(ctx, clock); // Pasal 12(5): its arrival, however long the parts take
        if (p.codes() == null) {
            // the shard of the codes' holder; codes of several holders' shards are refused (422)
            decide(ctx, writers.forProducts(p.in().products), p, null, arrived)
                    .onSuccess(d -> answer(ctx, p.field(), p.shown(), d.receipt(), d.refusedCount(), null))
                    .onFailure(ctx::fail);
            return;
        }
        List<ShardWriters.Part> parts = writers.split(p.codes());
        Integer only = RemoteParts.only(ctx);
        if (only != null) { // the registry sent this node its shard's part of a report spanning nodes
            ShardWriters.Part mine =
                    parts.stream().filter(x -> x.shard() == only).findFirst().orElse(null);
            if (mine == null || !mine.local()) {
                throw new ShardWriters.Elsewhere(only);
            }
            decide(ctx, mine.sequencer(), p.part(mine), mine.indices(), arrived)
                    .onSuccess(d -> answer(ctx, p.field(), p.shown(), d.receipt(), d.refusedCount(), null))
                    .onFailure(ctx::fail);
            return;
        }
        if (parts.size() == 1 && !parts.get(0).local()) {
            throw new ShardWriters.Elsewhere(parts.get(0).shard()); // the whole report is another node's
        }
        if (parts.size() == 1) {
            decide(ctx, parts.get(0).sequencer(), p, null, arrived)
                    .onSuccess(d -> answer(ctx, p.field(), p.shown(), d.receipt(), d.refusedCount(), null))
                    .onFailure(ctx::fail);
            return;
        }
        // issue 21: a distributor's or pharmacy's report mixing holders, a part in each holder's shard,
        // decided there at once under the report's idempotency key (a retry answers the parts journaled
        // and submits the others); each part atomic in its shard, the answer the parts' together
        List<Future<Decided>> each = new ArrayList<>(parts.size());
        for (ShardWriters.Part part : parts) {
            each.add(
                    part.local()
                            ? decide(ctx, part.sequencer(), p.part(part), part.indices(), arrived)
                            // issue 21: a shard another node writes decides its part there
                            : RemoteParts.decide(ctx, part.shard(), arrived)
                                    .map(r -> new Decided(r.receipt(), r.refusedCount())));
        }
        Context context = ctx.vertx().getOrCreateContext();
        Future.join(each)
                .onComplete(done -> context.runOnContext(v -> {
                    List<Receipt> receipts = new ArrayList<>(each.size());
                    long refusedCount = 0;
                    JsonArray listed = new JsonArray();
                    for (int i = 0; i < each.size(); i++) {
                        if (each.get(i).failed()) {
                            ctx.fail(each.get(i).cause());
                            return;
                        }
                        Receipt r = each.get(i).result().receipt();
                        receipts.add(r);
                        refusedCount += each.get(i).result().refusedCount();
                        listed.add(new JsonObject()
                                .put("shard", parts.get(i).shard())
                                .put("sequence", r.sequence())
                                .put("repeated", r.repeated())
                                .put("applied", r.outcome().applied())
                                .put("accepted", r.outcome().accepted())
                                .put("refused", each.get(i).result().refusedCount()));
                    }
                    answer(ctx, p.field(), p.shown(), Receipt.ofParts(receipts), refusedCount, listed);
                }));
    }

    /**
     * The report (or a part of it) decided by {@code sequencer}: as one report, or beyond {@link
     * BulkReport#CHUNK_LINES} items as a bulk report; refusals name their index in the request,
     * {@code indices[i]} for the part's item {@code i} (null: the whole request).
     */
    private <T> Future<Decided> decide(
            RoutingContext ctx, Sequencer sequencer, Prepared<T> p, int[] indices, Instant arrived) {
        ReportInput in = p.in();
        int by = in.facility.ref();
        if (p.size() <= BulkReport.CHUNK_LINES) {
            Future<Receipt> receipt = sequencer.submit(new Report(
                    p.kind(),
                    by,
                    in.occurredAt,
                    in.idempotencyKey,
                    p.rule().over(p.items(), in.mode),
                    p.details(),
                    arrived));
            return receipt.map(r -> Decided.of(indices == null ? r : r.inReport(indices)));
        }
        // plain threads: offering chunks waits for the writer, which a Vert.x worker may not
        return PlainThreads.call(ctx.vertx(), threads, () -> bulk(sequencer, p, by, arrived, indices));
    }

    /** Plain thread: the report as a bulk report, its refusals naming their index in the request. */
    private <T> Decided bulk(Sequencer sequencer, Prepared<T> p, int by, Instant arrived, int[] indices)
            throws Exception {
        ReportInput in = p.in();
        Receipt earlier = in.idempotencyKey == null
                ? null
                : sequencer.answered(by, in.idempotencyKey).await(1, TimeUnit.MINUTES);
        if (earlier != null) {
            return Decided.of(earlier); // the same request again: the first answer, nothing applied twice
        }
        BulkReport b = sequencer
                .bulk(p.kind(), by, in.occurredAt, in.idempotencyKey, in.mode, arrived, p.size())
                .await(1, TimeUnit.MINUTES);
        for (int from = 0; from < p.size(); from += BulkReport.CHUNK_LINES) {
            int end = Math.min(p.size(), from + BulkReport.CHUNK_LINES);
            long[] lines = new long[end - from];
            for (int i = from; i < end; i++) {
                lines[i - from] = indices == null ? i : indices[i];
            }
            List<T> chunk = p.items().subList(from, end);
            b.offer(new BulkReport.Chunk(
                    lines, (l, mode) -> p.rule().over(chunk, mode).apply(l)));
        }
        BulkReport.Result result = b.end(p.details()).await(1, TimeUnit.HOURS);
        return new Decided(result.receipt(), result.refusedCount()); // the first refusals listed, all counted
    }

    void submit(RoutingContext ctx, Sequencer sequencer, String field, List<String> shown, Report report) {
        sequencer
                .submit(report)
                .onSuccess(receipt -> answer(ctx, field, shown, receipt))
                .onFailure(ctx::fail);
    }

    /** 200 with the receipt when anything was applied; 422 listing every refused code when nothing was. */
    static void answer(RoutingContext ctx, String field, List<String> shown, Receipt receipt) {
        answer(ctx, field, shown, receipt, receipt.outcome().refused().size(), null);
    }

    /**
     * As above, {@code refusedCount} the count of all refusals, listed or not (a bulk report lists
     * its first {@link BulkReport#MAX_REFUSED}); for a report split across shards {@code parts}
     * lists each shard's part (issue 21), else null.
     */
    private static void answer(
            RoutingContext ctx, String field, List<String> shown, Receipt receipt, long refusedCount, JsonArray parts) {
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
                .put("refusedCount", refusedCount) // issue 18: a bulk report lists its first 1,000 refusals
                .put("alerts", alerts);
        if (parts != null) {
            body.put("parts", parts);
        }
        if (!o.applied() && !items.isEmpty()) {
            ctx.put(Problems.EXTRA, new JsonObject().put("receipt", body));
            ctx.fail(new Problem(
                    422,
                    "REFUSED",
                    "%d dari %d ditolak; tidak ada yang diterapkan / %d of %d refused; nothing was applied"
                            .formatted(refusedCount, shown.size(), refusedCount, shown.size()),
                    items));
            return;
        }
        Replies.send(ctx, 200, body);
    }
}
