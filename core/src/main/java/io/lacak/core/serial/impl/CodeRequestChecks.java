package io.lacak.core.serial.impl;

import io.lacak.core.gs1.Gs1Codec;
import io.lacak.core.gs1.Gs1Error;
import io.lacak.core.gs1.Gs1Payload;
import io.lacak.core.gs1.Gs1Result;
import io.lacak.core.serial.CodeRequest;
import io.lacak.core.serial.IssuanceRefused.Problem;
import io.lacak.core.serial.IssuanceService;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** A code request's own checks, before any of the register is read (split out of {@link PgIssuanceService}). */
final class CodeRequestChecks {

    private CodeRequestChecks() {}

    /** Every problem of the request at once; the GS1 rules come from the codec, not written again. */
    static List<Problem> validate(CodeRequest r, Gs1Codec codec, LocalDate today) {
        List<Problem> problems = new ArrayList<>();
        if (r.requester() == null || r.requester().isBlank()) {
            problems.add(new Problem("requester", "REQUIRED", "the requesting partner ID is required"));
        }
        require(problems, r.nie(), "nie");
        require(problems, r.batch(), "batch");
        if (r.expiry() == null) {
            problems.add(new Problem("expiry", "REQUIRED", "expiry is required"));
        } else if (r.expiry().isBefore(today)) {
            problems.add(new Problem("expiry", "EXPIRY_PAST", "expiry " + r.expiry() + " has already passed"));
        }
        if (r.productionStart() != null
                && r.expiry() != null
                && r.productionStart().isAfter(r.expiry())) {
            problems.add(new Problem(
                    "productionStart",
                    "PRODUCTION_AFTER_EXPIRY",
                    "produksi " + r.productionStart()
                            + " dimulai setelah kedaluwarsa " + r.expiry() + " / production " + r.productionStart()
                            + " starts after the expiry " + r.expiry()));
        }
        if (r.nie() != null && r.batch() != null && r.expiry() != null) {
            Gs1Payload sample = r.gtin() != null
                    ? Gs1Payload.authenticationByGtin(r.gtin(), r.batch(), r.expiry(), "2")
                    : Gs1Payload.authentication(r.nie(), r.batch(), r.expiry(), "2");
            Gs1Result checked = codec.parse(sample.bracketed());
            for (Gs1Error e : checked.errors()) {
                problems.add(new Problem(field(e.ai()), e.code().name(), e.message()));
            }
            if (r.gtin() != null) {
                for (Gs1Error e : codec.parse("(90)" + r.nie() + "(91)991231").errors()) {
                    problems.add(new Problem("nie", e.code().name(), e.message()));
                }
            }
        }
        if (r.primaries() < 1 || r.primaries() > IssuanceService.MAX_PRIMARIES) {
            problems.add(new Problem(
                    "primaries",
                    "OUT_OF_RANGE",
                    "number of primary codes must be 1 to " + IssuanceService.MAX_PRIMARIES));
        }
        if (r.perSecondary() < 1 || r.perSecondary() > IssuanceService.MAX_CAPACITY) {
            problems.add(new Problem(
                    "perSecondary",
                    "OUT_OF_RANGE",
                    "primaries per secondary must be 1 to " + IssuanceService.MAX_CAPACITY));
        }
        if (r.perTertiary() < 1 || r.perTertiary() > IssuanceService.MAX_CAPACITY) {
            problems.add(new Problem(
                    "perTertiary",
                    "OUT_OF_RANGE",
                    "secondaries per tertiary must be 1 to " + IssuanceService.MAX_CAPACITY));
        }
        if (r.idempotencyKey() != null && r.idempotencyKey().length() > 128) {
            problems.add(new Problem("idempotencyKey", "VALUE_TOO_LONG", "idempotency key is at most 128 characters"));
        }
        return problems;
    }

    private static void require(List<Problem> problems, String value, String field) {
        if (value == null || value.isBlank()) {
            problems.add(new Problem(field, "REQUIRED", field + " is required"));
        }
    }

    private static String field(String ai) {
        return switch (ai == null ? "" : ai) {
            case "90" -> "nie";
            case "01" -> "gtin";
            case "10" -> "batch";
            case "17" -> "expiry";
            default -> "request";
        };
    }
}
