package io.lacak.registration.account;

import io.lacak.core.lifecycle.ReferenceData;
import io.lacak.core.lifecycle.ReferenceData.Facility;
import io.lacak.core.refusal.Refusal;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who is calling, as the {@link Authenticator} found it: a person logged in by JWT (seed 004's
 * single sign-on) or a machine with an API key bound to one facility. Regulator staff act for
 * Badan POM. A plain value: the API finds it from the request's credentials and hands it to the
 * domain services, which check what it may do.
 *
 * <p>A regulator belongs to directorates ({@code directorates}, codes of {@link Directorate}; none:
 * every directorate) and acts for one ({@code directorate}, named by the request, or the only one;
 * {@code null}: all of the caller's), Lampiran B and seed 004.
 *
 * <p>{@code Facility f = caller.actingFacility(body.getString("partnerId"), ref);}
 */
public record Caller(
        int accountId,
        String username,
        boolean regulator,
        List<Integer> facilities,
        int apiKeyId,
        List<String> directorates,
        String directorate) {

    /** A caller not acting for a directorate yet. */
    public Caller(
            int accountId,
            String username,
            boolean regulator,
            List<Integer> facilities,
            int apiKeyId,
            List<String> directorates) {
        this(accountId, username, regulator, facilities, apiKeyId, directorates, null);
    }

    /**
     * Seed 004 (PILIH DIREKTORAT): this caller acting for directorate {@code named}, which must be
     * one of the caller's (any, for a regulator of no directorate); when none is named, the caller's
     * only directorate, or all of its directorates. A facility's caller is returned as it is.
     */
    public Caller forDirectorate(String named) {
        if (!regulator) {
            return this;
        }
        if (named == null || named.isEmpty()) {
            return directorates.size() == 1 && directorate == null ? withDirectorate(directorates.get(0)) : this;
        }
        if (Directorate.byCode(named) == null) {
            throw Refusal.invalid(
                    "directorate",
                    "UNKNOWN_DIRECTORATE",
                    "direktorat " + named + " tidak dikenal / no directorate is named " + named);
        }
        if (!directorates.isEmpty() && !directorates.contains(named)) {
            throw Refusal.forbidden(
                    "NOT_YOUR_DIRECTORATE",
                    "akun ini bukan anggota " + Directorate.byCode(named).nameId() + " / this account does not"
                            + " belong to the " + Directorate.byCode(named).nameEn());
        }
        return withDirectorate(named);
    }

    private Caller withDirectorate(String code) {
        return new Caller(accountId, username, regulator, facilities, apiKeyId, directorates, code);
    }

    /** The directorates this call covers: the one acted for, else the caller's, else every directorate. */
    public Set<Directorate> scope() {
        if (directorate != null) {
            return EnumSet.of(Directorate.byCode(directorate));
        }
        if (directorates.isEmpty()) {
            return EnumSet.allOf(Directorate.class);
        }
        return directorates.stream()
                .map(Directorate::byCode)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Directorate.class)));
    }

    /** The commodities of {@link #scope}, for a list's filter; {@code null} when it covers every directorate. */
    public String[] scopeCommodities() {
        Set<Directorate> scope = scope();
        if (scope.size() == Directorate.values().length) {
            return null;
        }
        return scope.stream().flatMap(d -> d.commodities().stream()).toArray(String[]::new);
    }

    /**
     * Lampiran B: FORBIDDEN unless an item routed to {@code routed} (its directorates, {@link
     * Directorate#of}) is in this call's scope; {@code whatId} and {@code whatEn} name it.
     */
    public void requireDirectorate(Set<Directorate> routed, String whatId, String whatEn) {
        if (regulator && Collections.disjoint(scope(), routed)) {
            String id = routed.stream().map(Directorate::nameId).collect(Collectors.joining(", "));
            String en = routed.stream().map(Directorate::nameEn).collect(Collectors.joining(", "));
            throw Refusal.forbidden(
                    "OUTSIDE_DIRECTORATE",
                    whatId + " ditujukan kepada " + id + ", bukan direktorat Anda / " + whatEn + " is routed to the "
                            + en + ", not to a directorate of yours");
        }
    }

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
