package io.lacak.registration.asrot;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A product application as kept (seed 000): its ASROT number ({@code EREG2026} and the id), where it
 * stands, the manufacturer holding it (partner ID), the product data, the OSS licences of each stage,
 * the last note, the day an unsubmitted draft is deleted, and the NIE once approved.
 */
public record ProductApplication(
        long id,
        String number,
        ApplicationStatus status,
        String holder,
        String registrationType,
        String commodity,
        String kbli,
        String businessScale,
        String name,
        String dosageForm,
        List<String> packaging,
        String compositionBasis,
        List<Ingredient> composition,
        String claims,
        String dosage,
        String warnings,
        String storage,
        OssLicence preRegistration,
        OssLicence registration,
        String note,
        LocalDate draftDeletedOn,
        String nie,
        Instant createdAt) {

    /** Jenis bahan: bahan aktif or bahan tambahan. */
    public enum Role {
        ACTIVE,
        EXCIPIENT
    }

    /** One ingredient, checked: description (keterangan, optional), ingredient, role, amount above 0, unit. */
    public record Ingredient(String description, String ingredient, Role role, double amount, String unit) {}

    /** The OSS licence (kode izin, ID izin) chosen for a stage; both {@code null} until it is. */
    public record OssLicence(String licenceCode, String licenceId) {}
}
