package io.lacak.registration.company;

import io.lacak.core.refusal.Fields;
import io.lacak.registration.company.Companies.IndustryStatus;
import io.lacak.registration.company.Companies.LegalEntity;
import io.lacak.registration.facility.Formats;
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
    static Industry read(Fields f, Companies.Submit s) {
        boolean hasNib = flag(f, "hasNib", s.hasNib());
        String nib = f.optionalText("nib", s.nib(), Formats.NIB, "13 digits");
        List<String> commodities = s.commodities() == null ? List.of() : s.commodities();
        if (hasNib && nib == null && s.nib() == null) {
            f.add("nib", "REQUIRED", "a company with NIB gives it (seed 002: Memiliki NIB? YA)");
        }
        if (commodities.isEmpty()) {
            f.add("commodities", "REQUIRED", "at least one commodity (seed 002: Komoditi Industri)");
        }
        LegalEntity entity = f.choice("legalEntity", s.legalEntity(), LegalEntity.class);
        String name = f.text("name", s.name(), TEXT, "the company name");
        if (name != null && FORM_OF_BUSINESS.matcher(name).matches()) {
            f.add(
                    "name",
                    "FORM_OF_BUSINESS_IN_NAME",
                    "seed 002: the name without PT, CV or another form of business, not '" + name + "'");
        }
        String npwp = f.text("npwp", s.npwp(), Formats.NPWP, "15 or 16 digits");
        IndustryStatus status = f.choice("industryStatus", s.industryStatus(), IndustryStatus.class);
        LocalDate licence =
                s.productionLicenceDate() != null && !s.productionLicenceDate().isEmpty()
                        ? f.date("productionLicenceDate", s.productionLicenceDate())
                        : null;
        String field = f.text("businessField", s.businessField(), TEXT, "the line of business");
        String leader = f.text("leader", s.leader(), TEXT, "the leader's name");
        String employees = f.text("employees", s.employees(), DIGITS, "a number, digits only (seed 002: angka saja)");
        String deedNumber = f.text("deedNumber", s.deedNumber(), TEXT, "the deed number");
        LocalDate deedDate = f.date("deedDate", s.deedDate());
        String notary = f.text("notary", s.notary(), TEXT, "the notary's name");
        String iuiTdp = f.text("iuiTdp", s.iuiTdp(), TEXT, "the IUI/TDP number");
        String active =
                f.text("businessStatus", s.businessStatus(), Pattern.compile("ACTIVE|INACTIVE"), "ACTIVE or INACTIVE");
        String person = f.text("responsibleName", s.responsibleName(), TEXT, "the responsible person's name");
        String email = f.text("responsibleEmail", s.responsibleEmail(), Formats.EMAIL, "an e-mail address");
        String phone = f.text("responsiblePhone", s.responsiblePhone(), Formats.PHONE, "a phone number");
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

    /** A form's yes/no, as its text says it ("true" or "false", any case); WRONG_TYPE for other text. */
    private static boolean flag(Fields f, String field, String value) {
        if (value == null) {
            return false;
        }
        if ("true".equalsIgnoreCase(value) || "false".equalsIgnoreCase(value)) {
            return Boolean.parseBoolean(value);
        }
        f.add(field, "WRONG_TYPE", field + " must be true or false");
        return false;
    }

    /** The columns {@link Industry#columns()} fills, in its order. */
    static final String COLUMNS = "has_nib, nib, commodities, legal_entity, name, npwp, industry_status,"
            + " production_licence_date, business_field, leader, employees, deed_number, deed_date, notary, iui_tdp, active,"
            + " responsible_name, responsible_email, responsible_phone";
}
