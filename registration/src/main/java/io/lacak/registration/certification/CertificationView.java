package io.lacak.registration.certification;

import io.lacak.registration.company.CompanyProfile;
import io.vertx.sqlclient.Row;
import java.util.List;

/** A certification as its rows hold it. */
final class CertificationView {

    private CertificationView() {}

    static Certification certification(Row r) {
        return new Certification(
                r.getLong("id"),
                r.getLong("company_id"),
                Certifications.Type.valueOf(r.getString("type")),
                Certifications.Status.valueOf(r.getString("status")),
                r.getString("letter_number"),
                r.getLocalDate("letter_date"),
                r.getString("rip_approval_number"),
                r.getString("note"),
                r.getString("certificate_number") == null
                        ? null
                        : new Certification.Certificate(
                                r.getString("certificate_number"),
                                r.getLocalDate("certified_on"),
                                r.getLocalDate("valid_until")),
                r.getOffsetDateTime("created_at").toInstant());
    }

    /** The dosage forms of {@link CertificationStore#dosageForms}, each with its plant. */
    static List<Certification.CertifiedForm> dosageForms(List<Row> rows) {
        return rows.stream()
                .map(r -> new Certification.CertifiedForm(CompanyProfile.dosageForm(r), r.getString("plant")))
                .toList();
    }
}
