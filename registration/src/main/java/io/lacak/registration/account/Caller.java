package io.lacak.registration.account;

import io.lacak.core.lifecycle.ReferenceData;
import io.lacak.core.lifecycle.ReferenceData.Facility;
import io.lacak.core.refusal.Refusal;
import java.util.List;

/**
 * Who is calling, as the {@link Authenticator} found it: a person logged in by JWT (seed 004's
 * single sign-on) or a machine with an API key bound to one facility. Regulator staff act for
 * Badan POM. A plain value: the API finds it from the request's credentials and hands it to the
 * domain services, which check what it may do.
 *
 * <p>{@code Facility f = caller.actingFacility(body.getString("partnerId"), ref);}
 */
public record Caller(int accountId, String username, boolean regulator, List<Integer> facilities, int apiKeyId) {

    /** FORBIDDEN unless the caller is regulator staff: only Badan POM approves and registers. */
    public Caller requireRegulator() {
        if (!regulator) {
            throw Refusal.forbidden("REGULATOR_ONLY", "only Badan POM (regulator accounts) may do this");
        }
        return this;
    }

    /** FORBIDDEN for a machine (API key): registration workflows are a person's, logged in (seed 004). */
    public Caller requirePerson() {
        if (apiKeyId != 0 || accountId == 0) {
            throw Refusal.forbidden(
                    "PERSON_ONLY", "registration workflows are filed by a person logged in, not by an API key");
        }
        return this;
    }

    public boolean memberOf(int facilityRef) {
        return facilities.contains(facilityRef);
    }

    /**
     * The facility a report is made for: the one named by {@code partnerId}, which must be one of the
     * caller's; or, when none is named, the caller's only facility.
     */
    public Facility actingFacility(String partnerId, ReferenceData ref) {
        if (partnerId == null) {
            if (facilities.size() != 1) {
                throw Refusal.invalid(
                        "partnerId",
                        "REQUIRED",
                        facilities.isEmpty()
                                ? "this account belongs to no facility"
                                : "this account belongs to several facilities: name one as partnerId");
            }
            return ref.facility(facilities.get(0));
        }
        Facility f = ref.facility(partnerId);
        if (f == null || !memberOf(f.ref())) {
            throw Refusal.forbidden("NOT_YOUR_FACILITY", "the caller may not act for facility " + partnerId);
        }
        return f;
    }
}
