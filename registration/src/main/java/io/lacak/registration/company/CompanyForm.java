package io.lacak.registration.company;

import io.lacak.core.refusal.Fields;
import io.lacak.registration.company.Companies.IndustryStatus;
import io.lacak.registration.company.Companies.LegalEntity;
import io.lacak.registration.facility.Formats;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;

/** A company registration form's industry data (seed 002), read and checked field by field. */
final class CompanyForm {

    static final Pattern TEXT = Pattern.compile("(?s).{1,1000}");
    private static final Pattern DIGITS = Pattern.compile("\\d{1,7}");
    // Seed 002: "nama perusahaan tanpa singkatan bentuk usaha seperti PT, CV dan sebagainya"
    private static final Pattern FORM_OF_BUSINESS =
            Pattern.compile("(?i)(^|.*[\\s,.])(PT|CV|TBK|UD|PD|FA|KOPERASI|PERSERO)\\.?($|[\\s,.].*)");

    private CompanyForm() {}

    /**
     * The industry data of a form (seed 002), as the {@code company} row keeps it; fields are null
     * where the form's were bad (the refusal lists them before any row is written).
     */
    record Industry(
            boolean hasNib,
            String nib,
            List<String> commodities,
            LegalEntity legalEntity,
            String name,
            String npwpDigits,
            IndustryStatus industryStatus,
            LocalDate productionLicenceDate,
            String businessField,
            String leader,
            Integer employees,
            String deedNumber,
            LocalDate deedDate,
            String notary,
            String iuiTdp,
            boolean active,
            String responsibleName,
            String responsibleEmail,
            String responsiblePhone) {

        /** The values of {@code COLUMNS}, in their order. */
        Object[] columns() {
            return new Object[] {
                hasNib,
                nib,
                commodities.toArray(new String[0]),
                legalEntity == null ? null : legalEntity.name(),
                name,
                npwpDigits,
                industryStatus == null ? null : industryStatus.name(),
                productionLicenceDate,
                businessField,
                leader,
                employees,
                deedNumber,
                deedDate,
                notary,
                iuiTdp,
                active,
                responsibleName,
                responsibleEmail,
                responsiblePhone
            };
        }
    }

    /** The industry data of a form, checked; every problem goes to {@code f}. */
    static Industry read(Fields f, JsonObject body, List<String> commodities) {
        boolean hasNib = f.bool("hasNib", false);
        String nib = f.optionalText("nib", Formats.NIB, "13 digits");
        if (hasNib && nib == null && !body.containsKey("nib")) {
            f.add("nib", "REQUIRED", "a company with NIB gives it (seed 002: Memiliki NIB? YA)");
        }
        if (commodities.isEmpty()) {
            f.add("commodities", "REQUIRED", "at least one commodity (seed 002: Komoditi Industri)");
        }
        LegalEntity entity = f.choice("legalEntity", LegalEntity.class);
        String name = f.text("name", TEXT, "the company name");
        if (name != null && FORM_OF_BUSINESS.matcher(name).matches()) {
            f.add(
                    "name",
                    "FORM_OF_BUSINESS_IN_NAME",
                    "seed 002: the name without PT, CV or another form of business, not '" + name + "'");
        }
        String npwp = f.text("npwp", Formats.NPWP, "15 or 16 digits");
        IndustryStatus status = f.choice("industryStatus", IndustryStatus.class);
        LocalDate licence =
                body.containsKey("productionLicenceDate") && !"".equals(body.getValue("productionLicenceDate"))
                        ? f.date("productionLicenceDate")
                        : null;
        String field = f.text("businessField", TEXT, "the line of business");
        String leader = f.text("leader", TEXT, "the leader's name");
        String employees = f.text("employees", DIGITS, "a number, digits only (seed 002: angka saja)");
        String deedNumber = f.text("deedNumber", TEXT, "the deed number");
        LocalDate deedDate = f.date("deedDate");
        String notary = f.text("notary", TEXT, "the notary's name");
        String iuiTdp = f.text("iuiTdp", TEXT, "the IUI/TDP number");
        String active = f.text("businessStatus", Pattern.compile("ACTIVE|INACTIVE"), "ACTIVE or INACTIVE");
        String person = f.text("responsibleName", TEXT, "the responsible person's name");
        String email = f.text("responsibleEmail", Formats.EMAIL, "an e-mail address");
        String phone = f.text("responsiblePhone", Formats.PHONE, "a phone number");
        return new Industry(
                hasNib,
                hasNib ? nib : null,
                List.copyOf(commodities),
                entity,
                name,
                npwp == null ? null : Formats.npwpDigits(npwp),
                status,
                licence,
                field,
                leader,
                employees == null ? null : Integer.parseInt(employees),
                deedNumber,
                deedDate,
                notary,
                iuiTdp,
                "ACTIVE".equals(active),
                person,
                email,
                phone);
    }

    /** The columns {@link Industry#columns()} fills, in its order. */
    static final String COLUMNS = "has_nib, nib, commodities, legal_entity, name, npwp, industry_status,"
            + " production_licence_date, business_field, leader, employees, deed_number, deed_date, notary, iui_tdp, active,"
            + " responsible_name, responsible_email, responsible_phone";
}
