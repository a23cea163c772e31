package io.lacak.api.report;

import io.lacak.api.http.Authentication;
import io.lacak.api.http.Problem;
import io.lacak.api.http.Replies;
import io.lacak.core.calendar.BpomTime;
import io.lacak.core.gs1.Gs1Codec;
import io.lacak.core.gs1.Gs1Error;
import io.lacak.core.gs1.Gs1Result;
import io.lacak.core.journal.OccurredAt;
import io.lacak.core.journal.Report;
import io.lacak.core.lifecycle.CodeRef;
import io.lacak.core.lifecycle.Ledger.Mode;
import io.lacak.core.lifecycle.ReferenceData;
import io.lacak.core.lifecycle.ReferenceData.Facility;
import io.lacak.registration.account.Caller;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts every JSON report shares, read and checked with every problem collected: the reporting
 * facility (the caller's), when the activity happened, the idempotency key, the mode, and codes in
 * any form the codec reads resolved to registered products.
 */
final class ReportInput {

    final JsonObject body;
    final Facility facility;
    final Instant occurredAt;
    final String idempotencyKey;
    final Mode mode;
    private final List<Problem.Item> problems = new ArrayList<>();
    /** Issue 21: the products of the codes read, whose holders' shards the report goes to. */
    final java.util.Set<Integer> products = new java.util.HashSet<>();

    private final ReferenceData ref;
    private final Gs1Codec codec;
    private final int year;

    /** Most codes one report names (the contract's maxItems). */
    static final int MAX_CODES = 100_000;

    private static final java.util.Set<String> HEAD =
            java.util.Set.of("partnerId", "occurredAt", "idempotencyKey", "mode");

    ReportInput(RoutingContext ctx, JsonObject body, ReferenceData ref, Gs1Codec codec, Clock clock) {
        Caller caller = Authentication.caller(ctx);
        this.body = body;
        for (String member : HEAD) { // the contract's checks, again: routes may skip the validator to stay cheap
            Object v = body.getValue(member);
            if (v != null && !(v instanceof String)) {
                problem(member, "WRONG_TYPE", member + " must be a string");
                body.remove(member);
            }
        }
        // free text may not hold NUL (Postgres keeps none); codes are the codec's to refuse, each listed
        List<Problem.Item> nul = new ArrayList<>();
        for (String member : body.fieldNames()) {
            Replies.nulProblems(member, member, nul);
            if (!member.equals("codes") && !member.equals("lines")) {
                Replies.nulProblems(body.getValue(member), member, nul);
            }
        }
        problems.addAll(nul);
        if (body.containsKey("mode")
                && !"ATOMIC".equals(body.getString("mode"))
                && !"PER_CODE".equals(body.getString("mode"))) {
            problem("mode", "BAD_VALUE", "mode must be ATOMIC or PER_CODE");
        }
        this.ref = ref;
        this.codec = codec;
        this.year = BpomTime.year(clock); // the codec's sliding century
        this.facility = caller.actingFacility(body.getString("partnerId"), ref);
        this.occurredAt = occurredAt(body.getString("occurredAt"), clock);
        String header = ctx.request().getHeader("Idempotency-Key");
        this.idempotencyKey = header != null ? header.strip() : body.getString("idempotencyKey");
        String keyProblem = Report.keyProblem(idempotencyKey);
        if (keyProblem != null) {
            problem("idempotencyKey", "BAD_IDEMPOTENCY_KEY", keyProblem);
        }
        this.mode = "PER_CODE".equals(body.getString("mode")) ? Mode.PER_CODE : Mode.ATOMIC;
    }

    /** The rule is the journal's ({@link OccurredAt}); here its refusal joins the other problems. */
    private Instant occurredAt(String text, Clock clock) {
        try {
            return OccurredAt.parse(text, clock);
        } catch (OccurredAt.Refused e) {
            problem(e.field(), e.reason().name(), e.getMessage());
            return clock.instant();
        }
    }

    /** The members a report of this route may carry besides the shared head; others are refused. */
    void allow(String... members) {
        java.util.Set<String> allowed = new java.util.HashSet<>(HEAD);
        allowed.addAll(List.of(members));
        for (String member : body.fieldNames()) {
            if (!allowed.contains(member)) {
                problem(member, "UNKNOWN_FIELD", "unknown field " + member);
            }
        }
    }

    /** The codes of a JSON array field, resolved; problems for each that is not a registered authentication code. */
    List<CodeRef> codes(String field) {
        Object raw = body.getValue(field);
        if (!(raw instanceof JsonArray list) || list.isEmpty() || list.size() > MAX_CODES) {
            problem(
                    field,
                    raw == null ? "REQUIRED" : "BAD_VALUE",
                    field + " must be a list of 1 to " + MAX_CODES + " codes");
            return List.of();
        }
        List<CodeRef> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            out.add(code(list.getValue(i), field + "[" + i + "]"));
        }
        return out;
    }

    /** One code, or {@code null} with a problem naming {@code field}. */
    CodeRef code(Object raw, String field) {
        if (!(raw instanceof String text)) {
            problem(field, "WRONG_TYPE", field + " must be a string holding a code");
            return null;
        }
        Gs1Result r = codec.parse(text);
        if (!r.valid()) {
            for (Gs1Error e : r.errors()) {
                problem(field, e.code().name(), e.message());
            }
            return null;
        }
        if (r.payload().serial() == null
                || r.payload().batch() == null
                || r.payload().expiry() == null) {
            problem(
                    field,
                    "NOT_AUTHENTICATION_CODE",
                    field + " is not an authentication code (batch, expiry and serial, Lampiran C)");
            return null;
        }
        CodeRef code = ref.codeRef(r.payload(), year);
        if (code != null) {
            products.add(code.productId());
        }
        if (code == null) {
            problem(
                    field,
                    "PRODUCT_UNKNOWN",
                    "no registered product has "
                            + (r.payload().nie() != null
                                    ? "NIE " + r.payload().nie()
                                    : "GTIN " + r.payload().gtin()));
        }
        return code;
    }

    /** The facility named by a partner-ID field, or {@code null} with a problem. */
    Facility facility(String field) {
        String partnerId = body.getString(field);
        Facility f = partnerId == null ? null : ref.facility(partnerId);
        if (f == null) {
            problem(
                    field,
                    partnerId == null ? "REQUIRED" : "UNKNOWN_FACILITY",
                    partnerId == null ? field + " is required" : "no facility has partner ID " + partnerId);
        }
        return f;
    }

    void problem(String field, String code, String message) {
        problems.add(new Problem.Item(field, code, message));
    }

    /** 400 listing every problem, before anything reaches the sequencer. */
    void check() {
        if (!problems.isEmpty()) {
            throw Problem.badRequest(
                    problems.size() == 1 ? problems.get(0).message() : problems.size() + " problems in the report",
                    problems);
        }
    }
}
