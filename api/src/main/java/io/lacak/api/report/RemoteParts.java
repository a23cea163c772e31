package io.lacak.api.report;

import io.lacak.api.http.Forwarder;
import io.lacak.api.http.Problem;
import io.lacak.core.journal.Receipt;
import io.lacak.core.journal.ShardWriters;
import io.lacak.core.lifecycle.Outcome;
import io.lacak.core.lifecycle.Refusal;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Issue 21: the parts of a report whose codes are in shards other nodes write. The registry sends
 * the whole request to each such shard's owner marked with the shard ({@link Forwarder#PART}), under
 * the report's idempotency key and its arrival here ({@link Forwarder#ARRIVED}); the owner decides
 * only that shard's codes, as a report of its own, and answers the receipt with each refusal's
 * index in the whole request; here the receipt is read back and put together with the other
 * parts' ({@link Receipt#ofParts}).
 *
 * <p>{@code RemoteParts.decide(ctx, 1, arrived).map(Answered::receipt)}
 */
final class RemoteParts {

    /**
     * How far back a forwarded arrival is believed: a client posing as a node could otherwise date
     * its report days back and escape Pasal 12(5)'s 24 hours; a real hop takes milliseconds.
     */
    static final Duration TRUSTED_HOP = Duration.ofSeconds(60);

    private RemoteParts() {}

    /** A remote part's answer: its receipt (the first refusals listed) and the count of all its refusals. */
    record Answered(Receipt receipt, long refusedCount) {}

    /**
     * When the report arrived: now, or for a part the registry sent on, the registry's arrival (no
     * more than {@link #TRUSTED_HOP} back, never ahead of now).
     */
    static Instant arrival(RoutingContext ctx, Clock clock) {
        Instant now = clock.instant();
        String at = ctx.request().getHeader(Forwarder.ARRIVED);
        if (at == null || only(ctx) == null || !at.matches("[0-9]{1,15}")) {
            return now;
        }
        Instant claimed = Instant.ofEpochMilli(Long.parseLong(at));
        Instant earliest = now.minus(TRUSTED_HOP);
        return claimed.isAfter(now) ? now : claimed.isBefore(earliest) ? earliest : claimed;
    }

    /** The shard whose part alone this node is to decide ({@link Forwarder#PART}, sent on by a node), or {@code null}. */
    static Integer only(RoutingContext ctx) {
        var h = ctx.request().headers();
        String part = h.get(Forwarder.PART);
        if (part == null
                || !h.contains(Forwarder.FORWARDED)
                || !part.equals(h.get(Forwarder.SHARD))
                || !part.matches("[0-9]{1,4}")) {
            return null;
        }
        return Integer.parseInt(part);
    }

    /** Shard {@code shard}'s part of the report in {@code ctx}, decided by that shard's owner. */
    static Future<Answered> decide(RoutingContext ctx, int shard, Instant arrived) {
        Object f = ctx.get(Forwarder.KEY);
        if (!(f instanceof Forwarder forwarder)) {
            return Future.failedFuture(new ShardWriters.Elsewhere(shard));
        }
        return forwarder.part(ctx, shard, arrived).compose(RemoteParts::answered);
    }

    /**
     * The recall letter the registry kept for the recall {@code ctx} holds ({@link Forwarder#LETTER},
     * believed only of a request a node sent on for a shard), or {@code null}. The recall checks that
     * the letter was kept for its own product and batch.
     */
    static String letter(RoutingContext ctx) {
        var h = ctx.request().headers();
        String id = h.get(Forwarder.LETTER);
        if (id == null
                || !h.contains(Forwarder.FORWARDED)
                || !h.contains(Forwarder.SHARD)
                || !id.matches("[0-9]{1,18}")) {
            return null;
        }
        return id;
    }

    /**
     * Issue 21: the recall {@code fields} (a form's, its letter kept here as document {@code letter})
     * decided by shard {@code shard}'s owner as a JSON recall naming the letter.
     */
    static Future<Receipt> recall(RoutingContext ctx, int shard, JsonObject fields, long letter) {
        Object f = ctx.get(Forwarder.KEY);
        if (!(f instanceof Forwarder forwarder)) {
            return Future.failedFuture(new ShardWriters.Elsewhere(shard));
        }
        JsonObject body = new JsonObject();
        fields.forEach(e -> {
            if (!(e.getValue() instanceof String v && v.isBlank())) {
                body.put(e.getKey(), e.getValue()); // a form's empty field is no value
            }
        });
        return forwarder
                .post(ctx, shard, "/api/v1/recalls", body, java.util.Map.of(Forwarder.LETTER, String.valueOf(letter)))
                .compose(RemoteParts::answered)
                .map(Answered::receipt);
    }

    /** The owner's answer: 200 with the receipt, or 422 with the receipt of a part nothing of which applied. */
    private static Future<Answered> answered(JsonObject body) {
        int status = body.getInteger("status", 500);
        JsonObject receipt = status == 200 ? body : body.getJsonObject("receipt");
        if ((status != 200 && status != 422) || receipt == null) {
            return Future.failedFuture(new Problem(
                    status >= 400 ? status : 502,
                    body.getString("code", "PART_FAILED"),
                    body.getString("detail", "a shard's part of the report failed"),
                    List.of()));
        }
        List<Outcome.Refused> refused = new ArrayList<>();
        for (Object o : receipt.getJsonArray("refused", new JsonArray())) {
            JsonObject r = (JsonObject) o;
            refused.add(new Outcome.Refused(
                    r.getInteger("index"), r.getString("serial"), Refusal.valueOf(r.getString("reason"))));
        }
        List<Outcome.Alert> alerts = new ArrayList<>();
        for (Object o : receipt.getJsonArray("alerts", new JsonArray())) {
            JsonObject a = (JsonObject) o;
            // only what the reporter may see came back: disclosed, by the owner's ledger
            alerts.add(new Outcome.Alert(
                    Outcome.AlertKind.valueOf(a.getString("kind")),
                    0,
                    a.getString("serial"),
                    a.getString("message"),
                    true));
        }
        Outcome outcome =
                new Outcome(receipt.getBoolean("applied", false), receipt.getInteger("accepted", 0), refused, alerts);
        Receipt r = new Receipt(
                receipt.getLong("sequence", 0L),
                receipt.getBoolean("late", false),
                outcome,
                receipt.getBoolean("repeated", false));
        return Future.succeededFuture(new Answered(r, receipt.getLong("refusedCount", (long) refused.size())));
    }
}
