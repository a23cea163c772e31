package io.lacak.registration.facility;

import io.lacak.core.lifecycle.ReferenceData;
import io.lacak.core.lifecycle.ReferenceData.Facility;
import io.lacak.core.lifecycle.ReferenceData.FacilityType;
import io.lacak.core.refusal.Fields;
import io.lacak.core.refusal.Refusal;
import io.lacak.registration.account.Activations;
import io.lacak.registration.account.Caller;
import io.lacak.registration.account.Directorate;
import io.lacak.registration.document.Documents;
import io.lacak.registration.notice.LinkSeal;
import io.lacak.registration.notice.Outbox;
import io.lacak.registration.product.Category;
import io.lacak.registration.workflow.Decision;
import io.lacak.registration.workflow.Subject;
import io.lacak.registration.workflow.Subject.Kind;
import io.lacak.registration.workflow.Workflow;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Requests for access to track and trace (Lampiran B, permintaan hak akses): a NIE holder,
 * distribution or pharmaceutical-service facility sends its name and address per SIUP, API or NIB,
 * NPWP, the account's responsible person, phone and e-mail, and supporting documents; the
 * regulator approves, which assigns the partner ID (ID rekanan) every report uses and the facility
 * type, creates the facility and the responsible person's account (activated by a one-time link),
 * or rejects with a reason. Every transition is recorded with actor and time; the applicant is
 * told each step through the outbox.
 *
 * <p>{@code requests.submit(new Submit("PHARMACY", "Apotek Sehat", ...), documents, List.of()).map(r -> r.row().id())}
 */
public final class FacilityRequests {

    /** Where a request stands. */
    public enum Status {
        SUBMITTED,
        APPROVED,
        REJECTED
    }

    /**
     * An access request as sent (Lampiran B.1-B.6): text, {@code null} when absent; {@link #submit}
     * checks it.
     */
    public record Submit(
            String type,
            String name,
            String address,
            String npwp,
            String nib,
            String responsiblePerson,
            String phone,
            String email,
            List<String> commodities) {}

    /**
     * The regulator's decision as sent: {@code decision} ({@code APPROVE} or {@code REJECT}), an
     * optional {@code note}, {@code partnerId} and {@code type} (text, {@code null} when absent).
     */
    public record Decide(String decision, String note, String partnerId, String type) {}

    /** A request as kept: what was asked, where it stands, and the partner ID an approval assigned. */
    public record Request(
            long id,
            Status status,
            FacilityType type,
            String name,
            String address,
            String npwp,
            String nib,
            String responsiblePerson,
            String phone,
            String email,
            List<String> commodities,
            String note,
            String partnerId,
            Instant createdAt) {

        /** Lampiran B: the directorates the request goes to, by its commodities. */
        public Set<Directorate> directorates() {
            return Directorate.of(commodities);
        }
    }

    private static final Pattern TEXT = Pattern.compile("(?s).{1,1000}");

    private final Vertx vertx;
    private final Pool pool;
    private final ReferenceData ref;

    public FacilityRequests(Vertx vertx, Pool pool, ReferenceData ref) {
        this.vertx = vertx;
        this.pool = pool;
        this.ref = ref;
    }

    private static Subject subject(long id) {
        return Kind.FACILITY_REQUEST.of(id);
    }

    /**
     * Files a request from its fields (type, name, address, npwp, nib optional, responsiblePerson,
     * phone, email) and at least one supporting document (Lampiran B.7); INVALID listing every problem,
     * documents included.
     */
    public Future<Workflow.Filed<Request>> submit(
            Submit cmd, List<Documents.Upload> documents, List<Refusal.Item> refusedDocuments) {
        Fields f = Fields.of();
        FacilityType type = f.choice("type", cmd.type(), FacilityType.class);
        String name = f.text("name", cmd.name(), TEXT, "the name per SIUP, API or NIB (Lampiran B.1)");
        String address = f.text("address", cmd.address(), TEXT, "the address per SIUP, API or NIB (Lampiran B.2)");
        String npwp = f.text("npwp", cmd.npwp(), Formats.NPWP, "15 or 16 digits (Lampiran B.3)");
        String nib = f.optionalText("nib", cmd.nib(), Formats.NIB, "13 digits");
        String person = f.text(
                "responsiblePerson", cmd.responsiblePerson(), TEXT, "the account's responsible person (Lampiran B.4)");
        String phone = f.text("phone", cmd.phone(), Formats.PHONE, "a phone number (Lampiran B.5)");
        String email = f.text("email", cmd.email(), Formats.EMAIL, "an e-mail address (Lampiran B.6)");
        String[] commodities = commodities(f, cmd.commodities());
        refusedDocuments.forEach(p -> f.add(p.field(), p.code(), p.message()));
        if (documents.isEmpty() && refusedDocuments.isEmpty()) {
            f.add("documents", "REQUIRED", "at least one supporting document (SIUP, API or NIB; Lampiran B.7)");
        }
        f.check();
        return pool.withTransaction(c -> c.preparedQuery("insert into facility_request (type, name, address, npwp, nib,"
                                + " responsible_person, phone, email, commodities)"
                                + " values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id")
                        .execute(Tuple.from(new Object[] {
                            type.name(),
                            name,
                            address,
                            Formats.npwpDigits(npwp),
                            emptyToNull(nib),
                            person,
                            phone,
                            email,
                            commodities
                        }))
                        .compose(rows -> {
                            long id = rows.iterator().next().getLong(0);
                            return Documents.store(c, subject(id).toString(), documents)
                                    .compose(v -> Workflow.record(c, subject(id), Status.SUBMITTED.name(), null, null))
                                    .compose(v -> Outbox.add(
                                            c,
                                            null,
                                            email,
                                            "Permintaan hak akses diterima / access request received",
                                            "Permintaan hak akses " + name + " (nomor " + id
                                                    + ") diterima dan akan diperiksa oleh Badan POM.\n"
                                                    + "The access request of " + name + " (number " + id
                                                    + ") was received and will be reviewed.",
                                            null))
                                    .map(v -> id);
                        }))
                .compose(this::get);
    }

    /**
     * Lampiran B: the products the facility makes or handles (Pasal 2(2)), at least one, each a
     * {@link Category}: they route the request to its directorates.
     */
    private static String[] commodities(Fields f, List<String> sent) {
        if (sent == null || sent.isEmpty()) {
            f.add(
                    "commodities",
                    "REQUIRED",
                    "sebutkan produk yang dibuat atau diedarkan (permintaan ditujukan kepada Direktorat Pengawasan"
                            + " produk terkait) / name the products the facility makes or handles, at least one of "
                            + Arrays.toString(Category.values())
                            + " (Lampiran B: the request goes to their directorate)");
            return new String[0];
        }
        for (int i = 0; i < sent.size(); i++) {
            f.choice("commodities[" + i + "]", sent.get(i), Category.class);
        }
        return sent.stream().distinct().toArray(String[]::new);
    }

    /**
     * The regulator's list, newest first, optionally of one status: Lampiran B, the requests routed
     * to a directorate of the caller's {@link Caller#scope} (by their commodities; one of none is
     * every directorate's).
     */
    public Future<List<Request>> list(Caller regulator, Status status, long beforeId, int limit) {
        regulator.requireRegulator();
        return pool.preparedQuery("select * from facility_request where ($1::varchar is null or status = $1)"
                        + " and id < $2 and ($4::text[] is null or commodities && $4 or not commodities && $5)"
                        + " order by id desc limit $3")
                .execute(Tuple.from(new Object[] {
                    status == null ? null : status.name(),
                    beforeId,
                    limit,
                    regulator.scopeCommodities(),
                    Directorate.known()
                }))
                .map(rows -> {
                    List<Request> out = new ArrayList<>();
                    rows.forEach(r -> out.add(request(r)));
                    return out;
                });
    }

    /** One request with its documents and its history; NOT_FOUND when there is none. */
    public Future<Workflow.Filed<Request>> get(long id) {
        return Workflow.get(pool, subject(id), "facility access request", FacilityRequests::request);
    }

    /** {@link #get}, for an officer: FORBIDDEN outside the directorates the request is routed to. */
    public Future<Workflow.Filed<Request>> get(long id, Caller regulator) {
        regulator.requireRegulator();
        return get(id).map(filed -> {
            requireRouted(filed.row(), regulator);
            return filed;
        });
    }

    private static void requireRouted(Request r, Caller regulator) {
        regulator.requireDirectorate(
                r.directorates(), "permintaan hak akses " + r.id(), "facility access request " + r.id());
    }

    /**
     * The regulator's decision: {@code APPROVE} (with an optional {@code partnerId}, generated when
     * absent, and {@code type}, the requested one when absent) or {@code REJECT} with a {@code note}.
     * Only a submitted request is decided; approval and everything it creates commit together.
     */
    public Future<Workflow.Filed<Request>> decide(long id, Decide cmd, Caller regulator) {
        regulator.requireRegulator();
        Fields f = Fields.of();
        Decision decision = Decision.read(f, cmd.decision(), EnumSet.of(Decision.APPROVE, Decision.REJECT));
        String note = f.optionalText("note", cmd.note(), TEXT, "up to 1000 characters");
        String partnerId =
                f.optionalText("partnerId", cmd.partnerId(), Formats.PARTNER_ID, "3-32 letters, digits or '-'");
        FacilityType type = cmd.type() != null ? f.choice("type", cmd.type(), FacilityType.class) : null;
        if (decision == Decision.REJECT && note == null) {
            f.add("note", "REQUIRED", "a rejection gives its reason");
        }
        f.check();
        // Lampiran B: decided by an officer of a directorate the request is addressed to
        Future<Void> routed = get(id, regulator).mapEmpty();
        if (decision == Decision.REJECT) {
            return routed.compose(x -> pool.withTransaction(
                            c -> claim(c, id, Status.REJECTED, note, null).compose(r -> Workflow.record(
                                            c, subject(id), Status.REJECTED.name(), regulator.accountId(), note)
                                    .compose(v -> Outbox.add(
                                            c,
                                            null,
                                            r.getString("email"),
                                            "Permintaan hak akses ditolak / access request rejected",
                                            "Permintaan hak akses " + r.getString("name") + " (nomor " + id
                                                    + ") ditolak: " + note + "\n" + "The access request was rejected: "
                                                    + note,
                                            null)))))
                    .compose(v -> get(id));
        }
        return routed.compose(x -> vertx.executeBlocking(Activations::unusableHash))
                .compose(hash -> pool.withTransaction(c -> c.preparedQuery(
                                "select * from facility_request where id = $1 for update")
                        .execute(Tuple.of(id))
                        .compose(rows -> {
                            if (rows.size() == 0) {
                                return Future.failedFuture(Refusal.notFound("no facility access request " + id));
                            }
                            Row r = rows.iterator().next();
                            FacilityType granted = type != null ? type : FacilityType.valueOf(r.getString("type"));
                            String pid = partnerId != null ? partnerId : generatedPartnerId(granted, id);
                            return claim(c, id, Status.APPROVED, note, pid)
                                    .compose(x -> Facilities.insert(
                                            c,
                                            pid,
                                            granted,
                                            r.getString("name"),
                                            r.getString("address"),
                                            r.getString("npwp"),
                                            r.getString("responsible_person"),
                                            r.getString("phone"),
                                            r.getString("email")))
                                    .compose(facilityRef -> Activations.create(
                                                    c,
                                                    pid.toLowerCase(Locale.ROOT),
                                                    hash,
                                                    r.getString("responsible_person"),
                                                    r.getString("email"),
                                                    List.of(facilityRef))
                                            .compose(pending -> Workflow.record(
                                                            c,
                                                            subject(id),
                                                            Status.APPROVED.name(),
                                                            regulator.accountId(),
                                                            note)
                                                    .compose(v -> Outbox.add(
                                                            c,
                                                            pending.accountId(),
                                                            r.getString("email"),
                                                            "Hak akses disetujui / access granted: " + pid,
                                                            "Permintaan hak akses " + r.getString("name")
                                                                    + " disetujui. ID rekanan: " + pid
                                                                    + ", jenis fasilitas: " + granted
                                                                    + ", nama pengguna: " + pending.username()
                                                                    + ". Aktifkan akun dengan tautan berikut (berlaku 7 hari).\n"
                                                                    + "Access granted. Partner ID " + pid
                                                                    + ", facility type " + granted + ", username "
                                                                    + pending.username()
                                                                    + ". Activate the account with this one-time link (7 days).",
                                                            "/activate.html?token=" + LinkSeal.TOKEN,
                                                            pending.secret()))
                                                    .map(v -> new Facility(facilityRef, pid, granted))));
                        })))
                .compose(facility -> {
                    ref.addFacility(facility); // committed: reports may name it from now on
                    return get(id);
                });
    }

    /** Moves a submitted request to {@code status}; CONFLICT when it was already decided. */
    private static Future<Row> claim(SqlClient c, long id, Status status, String note, String partnerId) {
        return c.preparedQuery("update facility_request set status = $2, note = $3, partner_id = $4 where id = $1"
                        + " and status = 'SUBMITTED' returning *")
                .execute(Tuple.of(id, status.name(), note, partnerId))
                .compose(rows -> rows.size() == 1
                        ? Future.succeededFuture(rows.iterator().next())
                        : Future.failedFuture(Refusal.conflict(
                                "ALREADY_DECIDED",
                                "facility access request " + id
                                        + " is not waiting for a decision (or does not exist)")));
    }

    /** A partner ID from the type and the request number: {@code PBF-000012}. */
    static String generatedPartnerId(FacilityType type, long id) {
        String prefix =
                switch (type) {
                    case MANUFACTURER -> "IND";
                    case DISTRIBUTOR -> "PBF";
                    case PHARMACY -> "APT";
                    case HOSPITAL -> "RS";
                    case CLINIC -> "KLN";
                };
        return String.format(Locale.ROOT, "%s-%06d", prefix, id);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static Request request(Row r) {
        return new Request(
                r.getLong("id"),
                Status.valueOf(r.getString("status")),
                FacilityType.valueOf(r.getString("type")),
                r.getString("name"),
                r.getString("address"),
                r.getString("npwp"),
                r.getString("nib"),
                r.getString("responsible_person"),
                r.getString("phone"),
                r.getString("email"),
                List.of(r.getArrayOfStrings("commodities")),
                r.getString("note"),
                r.getString("partner_id"),
                r.getOffsetDateTime("created_at").toInstant());
    }
}
