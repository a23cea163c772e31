package io.lacak.registration.facility;

import io.lacak.core.lifecycle.ReferenceData;
import io.lacak.core.lifecycle.ReferenceData.Facility;
import io.lacak.core.lifecycle.ReferenceData.FacilityType;
import io.lacak.core.refusal.Fields;
import io.lacak.core.refusal.Refusal;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * Facilities that report (Lampiran B): registered by the regulator with their partner ID (ID
 * rekanan), type, name and address per SIUP/API/NIB, NPWP, responsible person, phone and e-mail;
 * the directory reporters choose destinations from. A new facility joins the track-and-trace
 * reference data at once.
 *
 * <p>{@code facilities.register(new Register("PBF-1", "DISTRIBUTOR", ...)).map(Entry::partnerId)}
 */
public final class Facilities {

    /**
     * The regulator's registration of a facility, its members as sent (text, {@code null} when
     * absent); {@link #register} checks them.
     */
    public record Register(
            String partnerId,
            String type,
            String name,
            String address,
            String npwp,
            String responsiblePerson,
            String phone,
            String email) {}

    /** A facility as the directory lists it. */
    public record Entry(String partnerId, FacilityType type, String name, String address) {}

    /** A facility with its contact details. */
    public record Details(Entry entry, String responsiblePerson, String phone, String email) {}

    private final Pool pool;
    private final ReferenceData ref;

    public Facilities(Pool pool, ReferenceData ref) {
        this.pool = pool;
        this.ref = ref;
    }

    /** Registers a facility; every bad field is listed in one INVALID refusal. */
    public Future<Entry> register(Register cmd) {
        Fields f = Fields.of();
        String partnerId = f.text("partnerId", cmd.partnerId(), Formats.PARTNER_ID, "3-32 letters, digits or '-'");
        FacilityType type = f.choice("type", cmd.type(), FacilityType.class);
        String name = f.text("name", cmd.name(), null, null);
        String address = f.text("address", cmd.address(), null, null);
        String npwp = f.text("npwp", cmd.npwp(), Formats.NPWP, "15 or 16 digits");
        String person = f.text("responsiblePerson", cmd.responsiblePerson(), null, null);
        String phone = f.text("phone", cmd.phone(), Formats.PHONE, "a phone number");
        String email = f.text("email", cmd.email(), Formats.EMAIL, "an e-mail address");
        f.check();
        return insert(pool, partnerId, type, name, address, Formats.npwpDigits(npwp), person, phone, email)
                .map(facilityRef -> {
                    ref.addFacility(new Facility(facilityRef, partnerId, type));
                    return new Entry(partnerId, type, name, address);
                });
    }

    /**
     * Inserts a facility (in the caller's transaction when {@code c} is one); its reference, or a CONFLICT refusal
     * when the partner ID is taken. The caller adds it to the reference data once committed.
     */
    static Future<Integer> insert(
            SqlClient c,
            String partnerId,
            FacilityType type,
            String name,
            String address,
            String npwpDigits,
            String person,
            String phone,
            String email) {
        return c.preparedQuery(
                        "insert into facility (partner_id, type, name, address, npwp, responsible_person, phone, email)"
                                + " values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict (partner_id) do nothing returning ref")
                .execute(Tuple.from(
                        new Object[] {partnerId, type.name(), name, address, npwpDigits, person, phone, email}))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw Refusal.conflict("PARTNER_ID_TAKEN", "partner ID " + partnerId + " is taken");
                    }
                    return rows.iterator().next().getInteger(0);
                });
    }

    /** The directory: partner ID, type, name and address, optionally of one type or matching a name. */
    public Future<List<Entry>> directory(FacilityType type, String nameContains, int limit) {
        return pool.preparedQuery("select partner_id, type, name, address from facility"
                        + " where ($1::text is null or type = $1) and ($2::text is null or name ilike '%' || $2 || '%')"
                        + " order by partner_id limit $3")
                .execute(Tuple.of(type == null ? null : type.name(), nameContains, limit))
                .map(rows -> {
                    List<Entry> out = new ArrayList<>();
                    rows.forEach(r -> out.add(entry(r)));
                    return out;
                });
    }

    /** One facility by partner ID, with its contact details; NOT_FOUND when unknown. */
    public Future<Details> get(String partnerId) {
        return pool.preparedQuery(
                        "select partner_id, type, name, address, responsible_person, phone, email from facility"
                                + " where partner_id = $1")
                .execute(Tuple.of(partnerId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw Refusal.notFound("no facility has partner ID " + partnerId);
                    }
                    Row r = rows.iterator().next();
                    return new Details(
                            entry(r), r.getString("responsible_person"), r.getString("phone"), r.getString("email"));
                });
    }

    private static Entry entry(Row r) {
        return new Entry(
                r.getString("partner_id"),
                FacilityType.valueOf(r.getString("type")),
                r.getString("name"),
                r.getString("address"));
    }
}
