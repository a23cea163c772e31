package io.lacak.api.regulator;

import io.lacak.api.http.Authentication;
import io.lacak.api.http.Forwarder;
import io.lacak.api.http.Problem;
import io.lacak.api.http.Replies;
import io.lacak.api.issuance.CodeRequestRoutes;
import io.lacak.core.journal.Alerts;
import io.lacak.core.journal.Alerts.CaseState;
import io.lacak.core.journal.LateReports;
import io.lacak.core.journal.RecallEffectiveness;
import io.lacak.core.journal.ShardWriters;
import io.lacak.core.journal.Shards;
import io.lacak.core.lifecycle.ReferenceData;
import io.lacak.core.lifecycle.ReferenceData.Facility;
import io.lacak.core.lifecycle.ReferenceData.Product;
import io.lacak.core.serial.IssuanceService;
import io.lacak.registration.account.Caller;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The regulator's view (issue 17 §5; the design brief's "dashboards"): alerts as cases with notes
 * and history, late reports (Pasal 12(5), 13(3)) and late code requests (Pasal 9). Everything here
 * is for Badan POM only.
 */
public final class RegulatorRoutes {

    private final Alerts alerts;
    private final LateReports lateReports;
    private final ReferenceData ref;
    private final RecallEffectiveness recalls;
    private final IssuanceService issuance;

    public RegulatorRoutes(
            Alerts alerts,
            LateReports lateReports,
            ReferenceData ref,
            RecallEffectiveness recalls,
            IssuanceService issuance) {
        this.alerts = alerts;
        this.lateReports = lateReports;
        this.ref = ref;
        this.recalls = recalls;
        this.issuance = issuance;
    }

    public void mount(RouterBuilder b) {
        b.getRoute("listAlerts").addHandler(this::alerts);
        b.getRoute("getAlert").addHandler(this::alert);
        b.getRoute("addAlertNote").addHandler(this::note);
        b.getRoute("listLateReports").addHandler(this::lateReports);
        b.getRoute("listRecalls").addHandler(this::recalls);
        b.getRoute("getRecall").addHandler(this::recall);
        b.getRoute("listLateCodeRequests").addHandler(this::lateCodeRequests);
    }

    private void alerts(RoutingContext ctx) {
        Authentication.caller(ctx).requireRegulator();
        String state = ctx.request().getParam("state");
        Replies.json(
                ctx,
                200,
                alerts.list(
                        state == null ? null : CaseState.valueOf(state),
                        Replies.longParam(ctx, "beforeId", Long.MAX_VALUE),
                        Replies.intParam(ctx, "limit", 100, 1, 1000)));
    }

    private void alert(RoutingContext ctx) {
        Authentication.caller(ctx).requireRegulator();
        long id = Replies.longPath(ctx, "id");
        Replies.json(ctx, 200, found(alerts.get(id), id));
    }

    /** A note on the case, and its new state; the author is the regulator's account. */
    private void note(RoutingContext ctx) {
        Caller caller = Authentication.caller(ctx).requireRegulator();
        long id = Replies.longPath(ctx, "id");
        JsonObject body = ctx.body().asJsonObject();
        Replies.refuseNul(body.getString("note"), "note");
        String given = body.getString("state");
        Future<CaseState> state = given != null
                ? Future.succeededFuture(CaseState.valueOf(given))
                : found(alerts.get(id), id).map(c -> CaseState.valueOf(c.getString("state"))); // a note alone keeps it
        Replies.json(
                ctx, 200, found(state.compose(s -> alerts.note(id, caller.username(), s, body.getString("note"))), id));
    }

    private void recalls(RoutingContext ctx) {
        Authentication.caller(ctx).requireRegulator();
        Replies.json(
                ctx,
                200,
                recalls.list(
                                Replies.longParam(ctx, "beforeSequence", Long.MAX_VALUE),
                                Replies.intParam(ctx, "beforeShard", -1, 0, Shards.MAX - 1),
                                Replies.intParam(ctx, "limit", 20, 1, 100))
                        .compose(items -> figuresElsewhere(ctx, items)));
    }

    /**
     * Issue 21: the figures of recalls in shards other nodes write, each asked of its shard's owner
     * ({@code GET /api/v1/recalls/{nie}/{batch}} there, as this caller).
     */
    private static Future<JsonArray> figuresElsewhere(RoutingContext ctx, JsonArray items) {
        List<Future<JsonObject>> each = new java.util.ArrayList<>();
        for (Object o : items) {
            JsonObject item = (JsonObject) o;
            if (!item.getBoolean(RecallEffectiveness.ELSEWHERE, false)) {
                each.add(Future.succeededFuture(item));
                continue;
            }
            if (!(ctx.get(Forwarder.KEY) instanceof Forwarder forwarder)) {
                return Future.failedFuture(new ShardWriters.Elsewhere(item.getInteger("shard")));
            }
            String uri = "/api/v1/recalls/" + encode(item.getString("nie")) + "/" + encode(item.getString("batch"));
            each.add(forwarder.get(ctx, item.getInteger("shard"), uri).compose(answer -> {
                if (answer.getInteger("status") != 200) {
                    return Future.failedFuture(new Problem(
                            answer.getInteger("status") >= 500 ? answer.getInteger("status") : 502,
                            answer.getString("code", "SHARD_FAILED"),
                            answer.getString("detail", "shard " + item.getInteger("shard") + " did not answer"),
                            List.of()));
                }
                answer.remove("status");
                return Future.succeededFuture(answer.put("shard", item.getInteger("shard")));
            }));
        }
        return Future.all(each).map(all -> {
            JsonArray out = new JsonArray();
            each.forEach(f -> out.add(f.result()));
            return out;
        });
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20");
    }

    /** One recall's effectiveness: the regulator, or the NIE holder of the batch; anyone else learns nothing. */
    private void recall(RoutingContext ctx) {
        Caller caller = Authentication.caller(ctx);
        String nie = ctx.pathParam("nie");
        String batch = ctx.pathParam("batch");
        Product p = ref.productOf(nie, null);
        Problem none = Problem.notFound("tidak ada penarikan bets " + batch + " NIE " + nie + " / no recall of batch "
                + batch + " of NIE " + nie);
        if (p == null || !(caller.regulator() || caller.memberOf(p.holder()))) {
            throw none;
        }
        Replies.json(
                ctx,
                200,
                recalls.of(p.id(), batch)
                        .compose(r -> r != null ? Future.succeededFuture(r) : Future.failedFuture(none)));
    }

    /** The regulator: every facility's (or one's); a facility's member: its own, for the console's warnings. */
    private void lateReports(RoutingContext ctx) {
        Caller caller = Authentication.caller(ctx);
        String partner = ctx.request().getParam("partnerId");
        Integer facility = null;
        if (!caller.regulator()) {
            facility = caller.actingFacility(partner, ref).ref();
        } else if (partner != null) {
            Facility f = ref.facility(partner);
            if (f == null) {
                throw Problem.badRequest("partnerId", "UNKNOWN_FACILITY", "no facility has partner ID " + partner);
            }
            facility = f.ref();
        }
        Replies.json(
                ctx,
                200,
                lateReports.list(
                        facility,
                        ctx.request().getParam("kind"),
                        instant(ctx, "from"),
                        instant(ctx, "to"),
                        Replies.longParam(ctx, "beforeSequence", Long.MAX_VALUE),
                        Replies.intParam(ctx, "beforeShard", -1, 0, Shards.MAX - 1),
                        Replies.intParam(ctx, "limit", 100, 1, 1000)));
    }

    /** Pasal 9: code requests made fewer than 10 working days before production, newest first. */
    private void lateCodeRequests(RoutingContext ctx) {
        Authentication.caller(ctx).requireRegulator();
        Replies.json(
                ctx,
                200,
                issuance.late(
                                Replies.longParam(ctx, "beforeId", Long.MAX_VALUE),
                                Replies.intParam(ctx, "limit", 100, 1, 1000))
                        .map(list -> {
                            JsonArray out = new JsonArray();
                            list.forEach(i -> out.add(CodeRequestRoutes.json(i)));
                            return out;
                        }));
    }

    private static Instant instant(RoutingContext ctx, String name) {
        String v = ctx.request().getParam(name);
        if (v == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(v.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw Problem.badRequest(
                    name,
                    "BAD_TIME",
                    name + " harus waktu ISO-8601 dengan zona, mis. 2026-12-01T00:00:00+07:00"
                            + " / must be an ISO-8601 time with its offset, e.g. 2026-12-01T00:00:00+07:00");
        }
    }

    private static Future<JsonObject> found(Future<JsonObject> f, long id) {
        return f.compose(c -> c != null
                ? Future.succeededFuture(c)
                : Future.failedFuture(Problem.notFound("tidak ada peringatan " + id + " / no alert " + id)));
    }
}
