package io.lacak.registration.asrot;

import io.lacak.core.refusal.Refusal;
import java.util.List;
import java.util.Map;

/**
 * A product application draft as the applicant sends it (seed 000, "Registrasi Baru"), before any
 * check: text members {@code null} when absent; {@code packaging} and {@code composition} {@code
 * null} when absent, empty when not a list, an element {@code null} when it is not text (packaging)
 * or not an object (composition). {@code malformed} holds the members the reader found of the wrong
 * type, by field, so that {@link ProductApplications#create} lists them in their places among every
 * other problem, as it does for a bad value.
 *
 * <p>{@code new NewDraft("OT_LOWRISK", "TRADITIONAL_MEDICINE", "10750", null, "Jamu Sehat", ..., Map.of())}
 */
public record NewDraft(
        String registrationType,
        String commodity,
        String kbli,
        String businessScale,
        String name,
        String dosageForm,
        List<String> packaging,
        String compositionBasis,
        List<Item> composition,
        String claims,
        String dosage,
        String warnings,
        String storage,
        String holder,
        Map<String, Refusal.Item> malformed) {

    /**
     * One ingredient as sent (seed 000 "Komposisi Baru"): description, ingredient, role (ACTIVE or
     * EXCIPIENT), unit, amount ({@code null} when absent or not a number); {@code malformed} as above.
     */
    public record Item(
            String description,
            String ingredient,
            String role,
            String unit,
            Number amount,
            Map<String, Refusal.Item> malformed) {}
}
