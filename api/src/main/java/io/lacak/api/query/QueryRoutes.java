package io.lacak.api.query;

import io.lacak.api.http.Authentication;
import io.lacak.api.http.Forwarder;
import io.lacak.api.http.Problem;
import io.lacak.api.http.Replies;
import io.lacak.core.calendar.BpomTime;
import io.lacak.core.gs1.Gs1Codec;
import io.lacak.core.gs1.Gs1Result;
import io.lacak.core.journal.Custody;
import io.lacak.core.journal.CustodyEvent;
import io.lacak.core.journal.NotificationCodes;
import io.lacak.core.journal.Notifications;
import io.lacak.core.journal.ShardWriters;
import io.lacak.core.lifecycle.CodeRef;
import io.lacak.core.lifecycle.Ledger;
import io.lacak.core.lifecycle.ReferenceData;
import io.lacak.core.lifecycle.ReferenceData.Batch;
import io.lacak.core.lifecycle.ReferenceData.Facility;
import io.lacak.core.lifecycle.ReferenceData.Product;
import io.lacak.core.store.CodeKey;
import io.lacak.core.store.CodeState;
import io.lacak.registration.account.Caller;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/**
 * What reporters may ask: a code's effective state and chain of custody, a batch's holders, and a
 * facility's notification feed. Codes are shown only to the regulator, the NIE holder and the
 * facilities that hold, held or are sent them; to anyone else an existing code looks like an
 * unknown one (404), so that the answer reveals nothing.
 */
public final class QueryRoutes {

    /** Issue 21: a code's state and custody are its shard's (by its product's holder). */
    private final ShardWriters writers;

    private final ReferenceData ref;
    private final Notifications notifications;
    private final NotificationCodes notificationCodes;
    private final Gs1Codec codec;
    private final Clock clock;

    public QueryRoutes(
            ShardWriters writers,
            ReferenceData ref,
            Notifications notifications,
            NotificationCodes notificationCodes,
            Gs1Codec codec,
            Clock clock) {
        this.writers = writers;
        this.ref = ref;
        this.notifications = notifications;
        this.notificationCodes = notificationCodes;
        this.codec = codec;
        this.clock = clock;
    }

    public void mount(RouterBuilder b) {
        b.getRoute("getCodeState").addHandler(this::state);
        b.getRoute("getCodeCustody").addHandler(this::custody);
        b.getRoute("getBatchHolders").addHandler(this::holders);
        b.getRoute("listNotifications").addHandler(this::notifications);
        b.getRoute("markNotificationRead").addHandler(this::markRead);
        b.getRoute("listNotificationCodes").addHandler(this::notificationCodes);
    }

    private CodeRef code(RoutingContext ctx) {
        String text = ctx.request().getParam("code");
        Gs1Result r = codec.parse(text == null ? "" : text);
        if (!r.valid() || r.payload().serial() == null) {
            throw Problem.badRequest(
                    "code",
                    r.valid()
                            ? "NOT_AUTHENTICATION_CODE"
                            : r.errors().get(0).code().name(),
                    r.valid()
                            ? "code is not an authentication code (Lampiran C)"
                            : r.errors().get(0).message());
        }
        CodeRef code = ref.codeRef(r.payload(), BpomTime.year(clock));
        if (code == null) {
            throw Problem.notFound("no such code");
        }
        return code;
    }

    private boolean mayRead(Caller caller, CodeRef code, CodeState top) {
        Product p = ref.product(code.productId());
        return caller.regulator()
                || (p != null && caller.memberOf(p.holder()))
                || (top != null && (caller.memberOf(top.holder()) || caller.memberOf(top.counterparty())));
    }

    private void state(RoutingContext ctx) {
        Caller caller = Authentication.caller(ctx);
        CodeRef code = code(ctx);
        Ledger.Effective e = writers.ledger(code.productId()).effective(code);
        if (e == null || !mayRead(caller, code, e.top())) {
            throw Problem.notFound("no such code");
        }
        Batch batch = ref.batch(e.own().batch());
        LocalDate expiry = batch == null ? null : batch.expiry();
        Replies.send(
                ctx,
                200,
                new JsonObject()
                        .put("serial", code.serial())
                        .put("nie", ref.product(code.productId()).nie())
                        .put("level", e.own().level().name())
                        .put("status", e.top().status().name())
                        .put("holder", partner(e.top().holder()))
                        .put("counterparty", partner(e.top().counterparty()))
                        .put("batch", batch == null ? null : batch.batch())
                        .put("expiry", expiry == null ? null : expiry.toString())
                        .put("recalled", batch != null && ref.recalled(batch.ref()))
                        .put("expired", expiry != null && expiry.isBefore(BpomTime.today(clock)))
                        .put("packedIn", new JsonArray(List.copyOf(e.ancestors()))));
    }

    private void custody(RoutingContext ctx) {
        Caller caller = Authentication.caller(ctx);
        CodeRef code = code(ctx);
        Ledger.Effective e = writers.ledger(code.productId()).effective(code);
        byte[] key = CodeKey.encode(code.productId(), code.serial(), new byte[CodeKey.SIZE]);
        Custody custody = writers.custody(code.productId());
        custody.catchUp().compose(n -> custody.chain(key)).onFailure(ctx::fail).onSuccess(chain -> {
            boolean inChain = chain.stream().anyMatch(ev -> caller.facilities().stream()
                    .map(this::partner)
                    .anyMatch(p -> p != null && (p.equals(ev.holder()) || p.equals(ev.counterparty()))));
            if (e == null || !(mayRead(caller, code, e.top()) || inChain)) {
                ctx.fail(Problem.notFound("no such code"));
                return;
            }
            JsonArray events = new JsonArray();
            for (CustodyEvent ev : chain) {
                events.add(new JsonObject()
                        .put("sequence", ev.sequence())
                        .put("kind", ev.kind())
                        .put("reportedBy", ev.reportedBy())
                        .put("occurredAt", ev.occurredAt().toString())
                        .put("late", ev.late())
                        .put("status", ev.status())
                        .put("holder", ev.holder())
                        .put("counterparty", ev.counterparty())
                        .put("viaContainer", ev.inherited()));
            }
            Replies.send(ctx, 200, new JsonObject().put("serial", code.serial()).put("events", events));
        });
    }

    /** Lampiran L.a.5: who holds or held the batch; for the regulator and the NIE holder. */
    private void holders(RoutingContext ctx) {
        Caller caller = Authentication.caller(ctx);
        Product p = ref.productOf(ctx.pathParam("nie"), null);
        // issue 21: another node's shard answers there (Elsewhere), where its batches are known at once
        Custody custody = p == null ? null : writers.custody(p.id());
        Batch b = p == null ? null : ref.findBatch(p.id(), ctx.pathParam("batch"));
        if (b == null || !(caller.regulator() || caller.memberOf(p.holder()))) {
            throw Problem.notFound(
                    "no batch " + ctx.pathParam("batch") + " of NIE " + ctx.pathParam("nie") + " for this caller");
        }
        Replies.json(
                ctx,
                200,
                custody.catchUp().compose(n -> custody.holdersOfBatch(b.ref())).map(list -> new JsonObject()
                        .put("nie", p.nie())
                        .put("batch", b.batch())
                        .put("recalled", ref.recalled(b.ref()))
                        .put("holders", new JsonArray(list))));
    }

    private void notifications(RoutingContext ctx) {
        Facility f = Authentication.caller(ctx).actingFacility(ctx.request().getParam("partnerId"), ref);
        boolean unread = "true".equalsIgnoreCase(ctx.request().getParam("unread"));
        int limit = Replies.intParam(ctx, "limit", 50, 1, 500);
        Replies.json(
                ctx,
                200,
                elsewhereCaughtUp(ctx)
                        .compose(v -> writers.catchUp())
                        .compose(n -> notifications.feed(f.ref(), unread, limit)));
    }

    /**
     * Issue 21: on a node writing some shards, the other shards' custody (and so their notifications)
     * caught up by their own nodes first: each is asked the same feed, its answer unused. A node that
     * does not answer leaves its notifications as far as its indexer got (half a second behind).
     */
    private Future<Void> elsewhereCaughtUp(RoutingContext ctx) {
        if (writers.writesAll()
                || ctx.request().headers().contains(Forwarder.SHARD) // asked by the registry: its own shards only
                || !(ctx.get(Forwarder.KEY) instanceof Forwarder forwarder)) {
            return Future.succeededFuture();
        }
        List<Future<JsonObject>> each = new java.util.ArrayList<>();
        for (int shard = 0; shard < writers.shards().count(); shard++) {
            if (!writers.writes(shard)) {
                each.add(forwarder.get(ctx, shard, ctx.request().uri()));
            }
        }
        return Future.join(each).<Void>mapEmpty().otherwiseEmpty();
    }

    private void markRead(RoutingContext ctx) {
        Facility f = Authentication.caller(ctx).actingFacility(ctx.request().getParam("partnerId"), ref);
        long id = Replies.longPath(ctx, "id");
        notifications.markRead(f.ref(), id).onFailure(ctx::fail).onSuccess(found -> {
            if (found) {
                ctx.response().setStatusCode(204).end();
            } else {
                ctx.fail(Problem.notFound("no notification " + id + " for " + f.partnerId()));
            }
        });
    }

    /** Issue 20: the codes a notification is about, with their state now (the dashboard shows them). */
    private void notificationCodes(RoutingContext ctx) {
        Facility f = Authentication.caller(ctx).actingFacility(ctx.request().getParam("partnerId"), ref);
        long id = Replies.longPath(ctx, "id");
        int limit = Replies.intParam(ctx, "limit", 100, 1, 1000);
        int offset = Replies.intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        notificationCodes.of(f.ref(), id, offset, limit).onFailure(ctx::fail).onSuccess(codes -> {
            if (codes == null) {
                ctx.fail(Problem.notFound("tidak ada pemberitahuan " + id + " untuk " + f.partnerId()
                        + " / no notification " + id + " for " + f.partnerId()));
            } else {
                Replies.send(ctx, 200, codes);
            }
        });
    }

    private String partner(int facilityRef) {
        Facility f = facilityRef == 0 ? null : ref.facility(facilityRef);
        return f == null ? null : f.partnerId();
    }
}
