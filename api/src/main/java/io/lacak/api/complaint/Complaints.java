package io.lacak.api.complaint;

import io.lacak.api.account.AccountJson;
import io.lacak.api.http.Problem;
import io.lacak.api.verify.Photo;
import io.lacak.core.refusal.Fields;
import io.lacak.core.serial.SerialCodec;
import io.lacak.registration.account.Caller;
import io.lacak.registration.account.Directorate;
import io.lacak.registration.workflow.Waiting;
import io.lacak.registration.workflow.Workflow;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Complaints from the public (Lampiran M.b): question, product name, batch, NIE, a supporting photo,
 * place and address of purchase. Filing one gives a tracking number, the complainant's only key to
 * its status; the regulator lists, filters and answers them.
 *
 * <p>{@code complaints.file(fields, photo).onSuccess(c -> c.getString("trackingNumber"))}
 */
public final class Complaints {

    /** Complaint states, in the order they usually pass. */
    public enum Status {
        RECEIVED,
        IN_PROGRESS,
        ANSWERED,
        CLOSED
    }

    private static final Pattern TEXT = Pattern.compile("(?s).{1,4000}");
    private static final Pattern LINE = Pattern.compile(".{1,200}");
    private static final Pattern BATCH = Pattern.compile("[!-~]{1,20}"); // Lampiran C (10): up to 20 characters
    private static final Pattern NIE = Pattern.compile("[A-Za-z0-9]{1,16}");
    private static final Pattern TRACKING = Pattern.compile("ADU-[" + SerialCodec.ALPHABET + "]{10}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String COLUMNS = "id, tracking_number, question, product_name, batch, nie, purchase_place,"
            + " purchase_address, photo is not null as has_photo, status, answer, answered_at, created_at";
    /**
     * Lampiran B: the commodity of the product the complaint's NIE names, which routes it to a
     * directorate; {@code null} for no NIE or one no product has (every directorate's).
     */
    private static final String COMMODITY = "(select p.commodity from product p where p.nie = complaint.nie)";

    private final Pool pool;

    public Complaints(Pool pool) {
        this.pool = pool;
    }

    /**
     * Files a complaint from its fields ({@code question}, {@code productName}, {@code purchasePlace},
     * {@code purchaseAddress} required; {@code batch}, {@code nie} optional) and an optional photo;
     * 400 listing every bad field.
     */
    public Future<JsonObject> file(JsonObject body, Photo photo) {
        Fields f = new Fields(body);
        String question = f.text("question", TEXT, "1-4000 characters");
        String productName = f.text("productName", LINE, "1-200 characters");
        String batch = f.optionalText("batch", BATCH, "a batch number of up to 20 characters (Lampiran C)");
        String nie = f.optionalText("nie", NIE, "an NIE of 1-16 letters or digits (Lampiran C)");
        String place = f.text("purchasePlace", LINE, "1-200 characters");
        String address = f.text("purchaseAddress", TEXT, "1-4000 characters");
        f.check();
        String tracking = trackingNumber();
        return pool.preparedQuery(
                        "insert into complaint (tracking_number, question, product_name, batch, nie, purchase_place,"
                                + " purchase_address, photo, photo_type) values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning "
                                + COLUMNS)
                .execute(Tuple.from(new Object[] {
                    tracking,
                    question,
                    productName,
                    emptyToNull(batch),
                    emptyToNull(nie),
                    place,
                    address,
                    photo == null ? null : Buffer.buffer(photo.bytes()),
                    photo == null ? null : photo.type()
                }))
                .map(rows -> json(rows.iterator().next()));
    }

    /** A complaint by its tracking number; 404 when there is none. */
    public Future<JsonObject> get(String trackingNumber) {
        if (trackingNumber == null || !TRACKING.matcher(trackingNumber).matches()) {
            return Future.failedFuture(Problem.notFound("no complaint has tracking number " + trackingNumber));
        }
        return pool.preparedQuery("select " + COLUMNS + " from complaint where tracking_number = $1")
                .execute(Tuple.of(trackingNumber))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw Problem.notFound("no complaint has tracking number " + trackingNumber);
                    }
                    return json(rows.iterator().next());
                });
    }

    /**
     * The supporting photo and its type, for the regulator; 404 when the complaint has none, 403
     * OUTSIDE_DIRECTORATE for an officer of a directorate it is not routed to (Lampiran B), as for
     * its answer.
     */
    public Future<Row> photo(String trackingNumber, Caller regulator) {
        regulator.requireRegulator();
        return pool.preparedQuery("select photo, photo_type, " + COMMODITY + " as commodity from complaint"
                        + " where tracking_number = $1 and photo is not null")
                .execute(Tuple.of(trackingNumber))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw Problem.notFound("no photo for complaint " + trackingNumber);
                    }
                    Row row = rows.iterator().next();
                    regulator.requireDirectorate(
                            routed(row.getString("commodity")),
                            "pengaduan " + trackingNumber,
                            "complaint " + trackingNumber);
                    return row;
                });
    }

    /**
     * The regulator's list, newest first: optionally of one status or NIE, below id {@code beforeId};
     * Lampiran B, those routed to a directorate of the caller's {@link Caller#scope}, by the commodity
     * of the product their NIE names.
     */
    public Future<JsonArray> list(Caller regulator, Set<Status> statuses, String nie, long beforeId, int limit) {
        regulator.requireRegulator();
        return pool.preparedQuery("select " + COLUMNS + ", " + COMMODITY + " as commodity from complaint"
                        + " where ($1::text[] is null or status = any($1)) and ($2::varchar is null or nie = $2) and id < $3"
                        + " and ($5::text[] is null or " + COMMODITY + " = any($5) or coalesce(" + COMMODITY
                        + " <> all($6), true)) order by id desc limit $4")
                .execute(Tuple.from(new Object[] {
                    Workflow.names(statuses), nie, beforeId, limit, regulator.scopeCommodities(), Directorate.known()
                }))
                .map(rows -> {
                    JsonArray out = new JsonArray();
                    rows.forEach(r -> out.add(json(r).put("directorates", directorates(r.getString("commodity")))));
                    return out;
                });
    }

    /** The statuses a complaint waits in for {@code whom}: Badan POM's answer; none waits for a payment. */
    public static Set<Status> waitingFor(Waiting whom) {
        return whom == Waiting.REGULATOR
                ? EnumSet.of(Status.RECEIVED, Status.IN_PROGRESS)
                : EnumSet.noneOf(Status.class);
    }

    private static Set<Directorate> routed(String commodity) {
        return Directorate.of(commodity == null ? List.of() : List.of(commodity));
    }

    private static JsonArray directorates(String commodity) {
        return AccountJson.directorates(
                routed(commodity).stream().map(Enum::name).toList());
    }

    /**
     * The regulator answers (and sets the status, ANSWERED unless given); 404 when there is no such
     * complaint, 403 OUTSIDE_DIRECTORATE for an officer of a directorate it is not routed to (Lampiran B).
     */
    public Future<JsonObject> answer(String trackingNumber, JsonObject body, Caller regulator) {
        regulator.requireRegulator();
        Fields f = new Fields(body);
        String answer = f.text("answer", TEXT, "1-4000 characters");
        Status status = body != null && body.containsKey("status") ? f.choice("status", Status.class) : Status.ANSWERED;
        f.check();
        return pool.preparedQuery("select " + COMMODITY + " as commodity from complaint where tracking_number = $1")
                .execute(Tuple.of(trackingNumber))
                .compose(found -> {
                    if (found.size() == 0) {
                        throw Problem.notFound("no complaint has tracking number " + trackingNumber);
                    }
                    regulator.requireDirectorate(
                            routed(found.iterator().next().getString("commodity")),
                            "pengaduan " + trackingNumber,
                            "complaint " + trackingNumber);
                    return pool.preparedQuery(
                                    "update complaint set answer = $2, status = $3, answered_by = $4, answered_at = now()"
                                            + " where tracking_number = $1 returning " + COLUMNS)
                            .execute(Tuple.of(trackingNumber, answer, status.name(), regulator.accountId()));
                })
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw Problem.notFound("no complaint has tracking number " + trackingNumber);
                    }
                    return json(rows.iterator().next());
                });
    }

    private static String trackingNumber() {
        char[] c = new char[10];
        for (int i = 0; i < c.length; i++) {
            c[i] = SerialCodec.ALPHABET.charAt(RANDOM.nextInt(SerialCodec.ALPHABET.length()));
        }
        return "ADU-" + new String(c);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static JsonObject json(Row r) {
        return new JsonObject()
                .put("id", r.getLong("id"))
                .put("trackingNumber", r.getString("tracking_number"))
                .put("status", r.getString("status"))
                .put("question", r.getString("question"))
                .put("productName", r.getString("product_name"))
                .put("batch", r.getString("batch"))
                .put("nie", r.getString("nie"))
                .put("purchasePlace", r.getString("purchase_place"))
                .put("purchaseAddress", r.getString("purchase_address"))
                .put("hasPhoto", r.getBoolean("has_photo"))
                .put("answer", r.getString("answer"))
                .put(
                        "answeredAt",
                        r.getOffsetDateTime("answered_at") == null
                                ? null
                                : r.getOffsetDateTime("answered_at").toInstant().toString())
                .put("createdAt", r.getOffsetDateTime("created_at").toInstant().toString());
    }
}
