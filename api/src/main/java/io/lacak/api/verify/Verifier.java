package io.lacak.api.verify;

import io.lacak.api.http.Problem;
import io.lacak.api.verify.ProductInfo.Info;
import io.lacak.core.calendar.BpomTime;
import io.lacak.core.gs1.Gs1Codec;
import io.lacak.core.gs1.Gs1Error;
import io.lacak.core.gs1.Gs1Payload;
import io.lacak.core.gs1.Gs1Result;
import io.lacak.core.gs1.PayloadKind;
import io.lacak.core.journal.Alerts;
import io.lacak.core.journal.ShardWriters;
import io.lacak.core.lifecycle.CodeRef;
import io.lacak.core.lifecycle.ReferenceData;
import io.lacak.core.lifecycle.ReferenceData.Batch;
import io.lacak.core.lifecycle.ReferenceData.Product;
import io.lacak.core.serial.Issuance;
import io.lacak.core.store.CodeState;
import io.lacak.core.store.CodeStatus;
import io.lacak.registration.product.Products;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Public verification (Pasal 24-25, Lampiran M.a): a payload in any form the codec reads gives the
 * product's Pasal 25 information and, for authentication codes, the batch, expiry and one {@link
 * Verdict}. Answers come from memory (the store, the reference data, the product cache); the
 * answer for a serial never issued is {@code UNKNOWN}, exactly as for any other unknown code.
 *
 * <p>{@code verifier.verify("(90)DKL...(10)B1(17)281231(21)7K3M9P2Q4R6S", clientIp).onSuccess(answer -> ...)}
 */
public final class Verifier {

    private static final Logger LOG = Logger.getLogger(Verifier.class.getName());
    /** Longest payload looked at; a real one is under 100 characters. */
    public static final int MAX_PAYLOAD = 512;

    /** Issue 21: a code's state is its shard's (by its product's holder). */
    private final ShardWriters writers;

    private final ReferenceData ref;
    private final ProductInfo info;
    private final Gs1Codec codec;
    private final Alerts alerts;
    private final CloneWatch watch;
    private final Clock clock;
    private final IssuedSerials issued;

    public Verifier(
            ShardWriters writers,
            ReferenceData ref,
            IssuedSerials issued,
            Products products,
            Gs1Codec codec,
            Alerts alerts,
            int cloneClients,
            Clock clock) {
        this.writers = writers;
        this.ref = ref;
        this.issued = issued;
        this.info = new ProductInfo(products);
        this.codec = codec;
        this.alerts = alerts;
        this.watch = new CloneWatch(cloneClients);
        this.clock = clock;
    }

    /**
     * The answer for {@code text}; {@code client} identifies the asker for the clone watch. Fails with
     * a 400 for an empty or oversized payload and a 422 (every codec error listed, and a scan-repair
     * suggestion when one exists) for one that is not a BPOM code.
     */
    public Future<JsonObject> verify(String text, String client) {
        String payload = text == null ? "" : text.strip();
        if (payload.isEmpty()) {
            return Future.failedFuture(Problem.badRequest("code", "REQUIRED", "give the code to verify (code)"));
        }
        if (payload.length() > MAX_PAYLOAD) {
            return Future.failedFuture(
                    Problem.badRequest("code", "TOO_LONG", "a code is at most " + MAX_PAYLOAD + " characters"));
        }
        Gs1Result r = codec.parse(payload);
        if (!r.valid() || r.kind() == PayloadKind.LOGISTIC_UNIT) {
            return Future.failedFuture(unreadable(payload, r));
        }
        Product p = ref.productOf(r.payload().nie(), r.payload().gtin());
        if (p == null) {
            Verdict v = r.payload().nie() != null ? Verdict.NIE_INVALID : Verdict.UNKNOWN;
            return Future.succeededFuture(withSuggestion(answer(r, v, null, null, null), payload));
        }
        return info.of(p.nie()).map(i -> {
            JsonObject answer =
                    r.kind() == PayloadKind.IDENTIFICATION ? identification(r, i) : authentication(r, p, i, client);
            return answer.getString("verdict").equals(Verdict.UNKNOWN.name())
                    ? withSuggestion(answer, payload)
                    : answer;
        });
    }

    /** Pasal 14-15: an identification code is right when its NIE is registered and (91) is its validity date. */
    private JsonObject identification(Gs1Result r, Info i) {
        Verdict v = !i.nieValidUntil().equals(r.nieValidUntilDate())
                ? Verdict.MISMATCH
                : i.nieValidUntil().isBefore(today()) ? Verdict.NIE_EXPIRED : Verdict.NIE_VALID;
        JsonObject a = answer(r, v, i, null, null);
        if (v == Verdict.MISMATCH) {
            a.put("printed", new JsonObject().put("nieValidUntil", String.valueOf(r.nieValidUntilDate())));
        }
        return a;
    }

    private JsonObject authentication(Gs1Result r, Product p, Info i, String client) {
        Gs1Payload pl = r.payload();
        LocalDate today = today();
        CodeRef code = ref.codeRef(pl, today.getYear());
        CodeState own = new CodeState();
        String batch;
        LocalDate expiry;
        Verdict v;
        if (!writers.ledger(code.productId()).own(code, own)) {
            Issuance issued = issued(p, pl.serial());
            if (issued == null) {
                // never more about an unissued serial; and no Pasal 25 information: the NIE printed beside an
                // unknown serial says nothing about who made the pack in hand (the holder's name would read
                // as its maker). The NIE look-up stays linked (Lampiran M.a.4.a).
                return answer(r, Verdict.UNKNOWN, null, null, null).put("links", links(p.nie()));
            }
            batch = issued.batch();
            expiry = issued.expiry();
            v = mismatch(code, batch, expiry)
                    ? Verdict.MISMATCH
                    : i.nieValidUntil().isBefore(today) ? Verdict.NIE_EXPIRED : Verdict.NOT_ACTIVATED;
        } else {
            Batch b = ref.batch(own.batch());
            batch = b == null ? null : b.batch();
            expiry = b == null ? null : b.expiry();
            v = mismatch(code, batch, expiry)
                    ? Verdict.MISMATCH
                    : own.status() == CodeStatus.REJECTED || own.status() == CodeStatus.RETAINED_SAMPLE
                            ? Verdict.REJECTED
                            : b != null && ref.recalled(b.ref())
                                    ? Verdict.RECALLED
                                    : expiry != null && expiry.isBefore(today)
                                            ? Verdict.EXPIRED
                                            : i.nieValidUntil().isBefore(today)
                                                    ? Verdict.NIE_EXPIRED
                                                    : own.status() == CodeStatus.SOLD
                                                            ? Verdict.SOLD // sold codes have left their containers
                                                            : Verdict.GENUINE;
            if (v == Verdict.SOLD && watch.seen(p.id() + "/" + code.serial(), client)) {
                alerts.raise(
                                io.lacak.core.lifecycle.Outcome.AlertKind.POSSIBLE_CLONE,
                                own.holder(),
                                p.id(),
                                code.serial(),
                                "sold code of NIE " + p.nie()
                                        + " verified by the public from several different clients")
                        .onFailure(
                                err -> LOG.log(Level.WARNING, "could not keep a clone alert for NIE " + p.nie(), err));
            }
        }
        JsonObject a = answer(r, v, i, batch, expiry);
        if (v == Verdict.MISMATCH) {
            a.put("printed", new JsonObject().put("batch", pl.batch()).put("expiry", String.valueOf(code.expiry())));
        }
        return a;
    }

    /** Whether the batch or expiry printed with the code differ from those it was issued or reported with. */
    private static boolean mismatch(CodeRef printed, String batch, LocalDate expiry) {
        return (printed.batch() != null && batch != null && !printed.batch().equals(batch))
                || (printed.expiry() != null
                        && expiry != null
                        && !printed.expiry().equals(expiry));
    }

    private Issuance issued(Product p, String serial) {
        return issued.of(p, serial);
    }

    /** Whether a repaired payload names a code that exists: a registered NIE, a reported or an issued serial. */
    private boolean exists(Gs1Result r) {
        if (!r.valid() || r.kind() == PayloadKind.LOGISTIC_UNIT) {
            return false;
        }
        Product p = ref.productOf(r.payload().nie(), r.payload().gtin());
        if (p == null || r.kind() == PayloadKind.IDENTIFICATION) {
            return p != null;
        }
        CodeRef code = ref.codeRef(r.payload(), today().getYear());
        return writers.ledger(code.productId()).own(code, new CodeState()) || issued(p, code.serial()) != null;
    }

    /** The first scanner fault that turns {@code payload} into an existing code, or {@code null}. */
    private JsonObject suggestion(String payload) {
        for (ScanRepair.Candidate c : ScanRepair.candidates(payload)) {
            Gs1Result r = codec.parse(c.text());
            if (exists(r)) {
                return new JsonObject()
                        .put("code", r.payload().bracketed())
                        .put("fault", c.fault())
                        .put(
                                "message",
                                new JsonObject()
                                        .put(
                                                "id",
                                                "Mungkin maksud Anda kode ini (kesalahan pemindai). Ini saran, bukan hasil verifikasi.")
                                        .put(
                                                "en",
                                                "You may have meant this code (a scanner fault). This is a suggestion, not a verdict."));
            }
        }
        return null;
    }

    private JsonObject withSuggestion(JsonObject answer, String payload) {
        JsonObject s = suggestion(payload);
        return s == null ? answer : answer.put("suggestion", s);
    }

    private VerifyProblem unreadable(String payload, Gs1Result r) {
        List<Problem.Item> items = new ArrayList<>();
        if (r.valid()) {
            items.add(new Problem.Item(
                    "code", "NOT_A_PRODUCT_CODE", "an SSCC (00) names a logistic unit, not a product"));
        }
        for (Gs1Error e : r.errors()) {
            items.add(new Problem.Item("code", e.code().name(), e.message()));
        }
        Problem p = new Problem(422, "CODE_NOT_READABLE", "the code is not a BPOM 2D barcode (Lampiran C)", items);
        return new VerifyProblem(p, new JsonObject().put("links", links(null)).put("suggestion", suggestion(payload)));
    }

    private JsonObject answer(Gs1Result r, Verdict v, Info i, String batch, LocalDate expiry) {
        Gs1Payload pl = r.payload();
        JsonObject a = new JsonObject()
                .put("code", pl.bracketed())
                .put("kind", r.kind().name())
                .put("verdict", v.name())
                .put("valid", v.valid())
                .put("message", v.message())
                .put("product", i == null ? null : i.json());
        if (r.kind() == PayloadKind.AUTHENTICATION) {
            a.put("batch", batch).put("expiry", expiry == null ? null : expiry.toString());
        }
        if (!v.valid()) {
            a.put(
                    "links",
                    links(
                            pl.nie() != null
                                    ? pl.nie()
                                    : i == null ? null : i.json().getString("nie")));
        }
        return a;
    }

    /**
     * The JSON bytes of an answer of {@link #verify}, written by {@link AnswerJson}: the Pasal 25 block
     * and the verdict's message from the bytes encoded once (issue 19), the rest without Jackson.
     *
     * <p>{@code Buffer body = Verifier.encode(answer);}
     */
    public static io.vertx.core.buffer.Buffer encode(JsonObject answer) {
        return AnswerJson.encode(answer);
    }

    /** Lampiran M.a.4.a: an invalid code leads to NIE look-up, and from there to a complaint. */
    private static JsonObject links(String nie) {
        return new JsonObject()
                .put("nieLookup", nie == null ? "/api/v1/products/{nie}" : "/api/v1/products/" + nie)
                .put("complaint", "/api/v1/complaints");
    }

    /** The Jakarta day of a clock second, kept for the second: verify asks for it on every request. */
    private record Day(long second, LocalDate date) {}

    private volatile Day day = new Day(Long.MIN_VALUE, null);

    private LocalDate today() {
        java.time.Instant now = clock.instant();
        Day d = day;
        if (d.second() != now.getEpochSecond()) {
            d = new Day(now.getEpochSecond(), BpomTime.dateOf(now));
            day = d;
        }
        return d.date();
    }

    /** A 422 for an unreadable payload, with the links and suggestion the answer would carry. */
    static final class VerifyProblem extends RuntimeException {
        private final Problem problem;
        private final JsonObject extra;

        VerifyProblem(Problem problem, JsonObject extra) {
            super(problem.getMessage(), null, false, false);
            this.problem = problem;
            this.extra = extra;
        }

        Problem problem() {
            return problem;
        }

        JsonObject extra() {
            return extra;
        }
    }
}
