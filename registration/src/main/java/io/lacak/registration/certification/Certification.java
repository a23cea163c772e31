package io.lacak.registration.certification;

import io.lacak.registration.certification.Certifications.Status;
import io.lacak.registration.certification.Certifications.Type;
import io.lacak.registration.company.CompanyProfile;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A certification application as kept (seed 002): the company, the certificate asked for, the
 * application letter and RIP approval, where it stands, Badan POM's last note, and the certificate
 * once issued.
 */
public record Certification(
        long id,
        long companyId,
        Type type,
        Status status,
        String letterNumber,
        LocalDate letterDate,
        String ripApprovalNumber,
        String note,
        Certificate certificate,
        Instant createdAt) {

    /** An issued certificate: its number, the day of issue and the last day it is valid. */
    public record Certificate(String number, LocalDate issuedOn, LocalDate validUntil) {}

    /** A dosage form the application certifies, with its plant's name. */
    public record CertifiedForm(CompanyProfile.PlantDosageForm form, String plant) {}
}
