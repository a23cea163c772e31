package io.lacak.registration.facility;

import io.lacak.core.lifecycle.ReferenceData;
import io.lacak.core.lifecycle.ReferenceData.Facility;
import io.lacak.core.lifecycle.ReferenceData.FacilityType;
import io.lacak.core.refusal.Fields;
import io.lacak.core.refusal.Refusal;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/**
 * Facilities that report (Lampiran B): registered by the regulator with their partner ID (ID
 * rekanan), type, name and address per SIUP/API/NIB, NPWP, responsible person, phone and e-mail;
 * the directory reporters choose destinations from. A new facility joins the track-and-trace
 * reference data at once.
 *
 * <p>{@code facilities.register(json).map(f -> f.getString("partnerId"))}
 */
public final class Facilities {

    private final Pool pool;
    private final ReferenceData ref;

    public Facilities(Pool pool, ReferenceData ref) {
        this.pool = pool;
        this.ref = ref;
    }

    /** Registers a facility from its JSON; every bad field is listed in one INVALID refusal. */
    public Future<JsonObject> register(JsonObject body) {
        Fields f = new Fields(body);
        String partnerId = f.text("partnerId", Formats.PARTNER_ID, "3-32 letters, digits or '-'");
        FacilityType type = f.choice("type", FacilityType.class);
        String name = f.text("name", null, null);
        String address = f.text("address", null, null);
        String npwp = f.text("npwp", Formats.NPWP, "15 or 16 digits");
        String person = f.text("responsiblePerson", null, null);
        String phone = f.text("phone", Formats.PHONE, "a phone number");
        String email = f.text("email", Formats.EMAIL, "an e-mail address");
        f.check();
        return insert(pool, partnerId, type, name, address, Formats.npwpDigits(npwp), person, phone, email)
                .map(facilityRef -> {
                    ref.addFacility(new Facility(facilityRef, partnerId, type));
                    return new JsonObject()
                            .put("partnerId", partnerId)
                            .put("type", type.name())
                            .put("name", name)
                            .put("address", address);
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
    public Future<JsonArray> directory(FacilityType type, String nameContains, int limit) {
        return pool.preparedQuery("select partner_id, type, name, address from facility"
                        + " where ($1::text is null or type = $1) and ($2::text is null or name ilike '%' || $2 || '%')"
                        + " order by partner_id limit $3")
                .execute(Tuple.of(type == null ? null : type.name(), nameContains, limit))
                .map(rows -> {
                    JsonArray out = new JsonArray();
                    rows.forEach(r -> out.add(json(r)));
                    return out;
                });
    }

    /** One facility by partner ID, with its contact details; NOT_FOUND when unknown. */
    public Future<JsonObject> get(String partnerId) {
        return pool.preparedQuery(
                        "select partner_id, type, name, address, responsible_person, phone, email from facility"
                                + " where partner_id = $1")
                .execute(Tuple.of(partnerId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw Refusal.notFound("no facility has partner ID " + partnerId);
                    }
                    Row r = rows.iterator().next();
                    return json(r).put("responsiblePerson", r.getString("responsible_person"))
                            .put("phone", r.getString("phone"))
                            .put("email", r.getString("email"));
                });
    }

    private static JsonObject json(Row r) {
        return new JsonObject()
                .put("partnerId", r.getString("partner_id"))
                .put("type", r.getString("type"))
                .put("name", r.getString("name"))
                .put("address", r.getString("address"));
    }
}
