package io.lacak.registration.asrot;

import io.lacak.core.lifecycle.ReferenceData;
import io.lacak.core.lifecycle.ReferenceData.Facility;
import io.lacak.core.lifecycle.ReferenceData.FacilityType;
import io.lacak.core.refusal.Fields;
import io.lacak.core.refusal.Refusal;
import io.lacak.registration.account.Caller;
import io.lacak.registration.document.Documents;
import io.lacak.registration.facility.Formats;
import io.lacak.registration.kbli.BusinessScale;
import io.lacak.registration.kbli.Commodity;
import io.lacak.registration.kbli.DosageForm;
import io.lacak.registration.kbli.KbliEligibility;
import io.lacak.registration.kbli.KbliRefusal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The forms of a product application (seed 000), checked: every bad field and every KBLI rule
 * broken goes into one INVALID refusal. No state, no SQL.
 */
final class ProductApplicationForm {

    /** Registration types of ASROT's "Jenis Registrasi Baru". */
    enum RegistrationType {
        OT_LOWRISK,
        OT_HIGHRISK,
        OTSK_BAHAN_TERTENTU,
        OTSK_BAHAN_KOMBINASI
    }

    /** A draft's data, checked, for the one manufacturer that will hold the NIE. */
    record Draft(
            RegistrationType type,
            Commodity commodity,
            String kbli,
            BusinessScale scale,
            String name,
            DosageForm form,
            List<String> packaging,
            String compositionBasis,
            List<ProductApplication.Ingredient> composition,
            String claims,
            String dosage,
            String warnings,
            String storage,
            Facility holder) {}

    /** One step of the application with what it gives. */
    record Step(Action action, String note, String ossLicenceCode, String ossLicenceId) {}

    private static final Pattern TEXT = Pattern.compile("(?s).{1,2000}");
    private static final Pattern SHORT = Pattern.compile("(?s).{1,200}");
    private static final Pattern OSS_CODE = Pattern.compile("\\d{9,12}");
    private static final Pattern OSS_ID = Pattern.compile("I-\\d{10,25}");
    private static final Pattern UNIT = Pattern.compile("mg|g|mcg|ml|IU|%");
    private static final int MAX_INGREDIENTS = 200;
    private static final int MAX_PACKAGING = 20;

    private ProductApplicationForm() {}

    /**
     * A new draft for one of the caller's manufacturers ({@code holder}, its partner ID; the caller's
     * only facility when absent); INVALID listing every bad field and every KBLI rule broken.
     */
    static Draft draft(NewDraft d, Caller caller, ReferenceData ref) {
        Fields f = Fields.of(d.malformed());
        RegistrationType type = f.choice("registrationType", d.registrationType(), RegistrationType.class);
        Commodity commodity = f.choice("commodity", d.commodity(), Commodity.class);
        String kbli = f.text("kbli", d.kbli(), Formats.KBLI, "5 digits");
        BusinessScale scale = d.businessScale() != null || d.malformed().containsKey("businessScale")
                ? f.choice("businessScale", d.businessScale(), BusinessScale.class)
                : BusinessScale.OTHER;
        String name = f.text("name", d.name(), SHORT, "the product name");
        DosageForm form = f.choice("dosageForm", d.dosageForm(), DosageForm.class);
        List<String> packaging = strings(
                f, d.packaging(), "packaging", MAX_PACKAGING, "a packaging variant, e.g. 'Dus, botol @ 100 ml'");
        String basis = f.optionalText("compositionBasis", d.compositionBasis(), SHORT, "e.g. 'Tiap ml mengandung'");
        List<ProductApplication.Ingredient> composition = composition(f, d.composition());
        String claims = f.text("claims", d.claims(), TEXT, "the claims");
        String dosage = f.text("dosage", d.dosage(), TEXT, "the dosage (aturan pakai)");
        String warnings = f.text("warnings", d.warnings(), TEXT, "the warnings (peringatan / perhatian)");
        String storage = f.text("storage", d.storage(), TEXT, "the storage (cara penyimpanan)");
        if (kbli != null && commodity != null && scale != null && form != null) {
            for (KbliRefusal r : KbliEligibility.check(kbli, scale, commodity, form)) {
                f.add("kbli", r.rule().name(), "seed 000: " + r.message());
            }
        }
        Facility holder = holder(f, d.holder(), caller, ref);
        f.check();
        return new Draft(
                type,
                commodity,
                kbli,
                scale,
                name,
                form,
                packaging,
                basis,
                composition,
                claims,
                dosage,
                warnings,
                storage,
                holder);
    }

    private static Facility holder(Fields f, String partner, Caller caller, ReferenceData ref) {
        if (f.malformed("holder")) {
            return null;
        }
        Facility holder;
        try {
            holder = caller.actingFacility(partner, ref);
        } catch (Refusal p) {
            f.add("holder", "NOT_YOUR_FACILITY", p.getMessage());
            return null;
        }
        if (holder.type() != FacilityType.MANUFACTURER) {
            f.add(
                    "holder",
                    "NOT_A_MANUFACTURER",
                    "the NIE is held by a manufacturer; " + holder.partnerId() + " is a " + holder.type());
            return null;
        }
        return holder;
    }

    private static List<String> strings(Fields f, List<String> a, String field, int max, String expected) {
        List<String> out = new ArrayList<>();
        if (a == null || a.isEmpty() || a.size() > max) {
            f.add(
                    field,
                    a == null ? "REQUIRED" : "BAD_FORMAT",
                    field + " must list 1 to " + max + " entries, each " + expected);
            return out;
        }
        for (int i = 0; i < a.size(); i++) {
            String s = a.get(i);
            if (s == null || s.isBlank() || s.length() > 200) {
                f.add(field + "[" + i + "]", "BAD_FORMAT", expected);
            } else {
                out.add(s.strip());
            }
        }
        return out;
    }

    /** Seed 000 "Komposisi Baru": description (keterangan), ingredient, role, amount, unit; at least one active. */
    private static List<ProductApplication.Ingredient> composition(Fields f, List<NewDraft.Item> a) {
        List<ProductApplication.Ingredient> out = new ArrayList<>();
        if (a == null || a.isEmpty() || a.size() > MAX_INGREDIENTS) {
            f.add(
                    "composition",
                    a == null ? "REQUIRED" : "BAD_FORMAT",
                    "composition lists 1 to " + MAX_INGREDIENTS
                            + " ingredients {ingredient, role ACTIVE|EXCIPIENT, amount, unit}");
            return out;
        }
        boolean active = false;
        for (int i = 0; i < a.size(); i++) {
            String at = "composition[" + i + "]";
            NewDraft.Item item = a.get(i);
            if (item == null) {
                f.add(at, "WRONG_TYPE", at + " must be an object");
                continue;
            }
            Fields g = Fields.of(item.malformed());
            String description = g.optionalText("description", item.description(), SHORT, "e.g. 'Induk'");
            String ingredient = g.text("ingredient", item.ingredient(), SHORT, "the ingredient's name");
            ProductApplication.Role role = g.choice("role", item.role(), ProductApplication.Role.class);
            String unit = g.text("unit", item.unit(), UNIT, "mg, g, mcg, ml, IU or %");
            Number amount = item.amount();
            if (amount == null || amount.doubleValue() <= 0) {
                g.add("amount", "BAD_FORMAT", "the amount must be a number above 0");
            }
            g.problems().forEach(p -> f.add(at + "." + p.field(), p.code(), p.message()));
            if (g.ok()) {
                active |= role == ProductApplication.Role.ACTIVE;
                out.add(new ProductApplication.Ingredient(description, ingredient, role, amount.doubleValue(), unit));
            }
        }
        if (!active && f.ok()) {
            f.add(
                    "composition",
                    "NO_ACTIVE_INGREDIENT",
                    "the composition names at least one active ingredient (bahan aktif)");
        }
        return out;
    }

    /**
     * A step ({@code action}, with {@code note}, {@code ossLicenceCode} and {@code ossLicenceId} where
     * it needs them); INVALID listing what is missing or bad.
     */
    static Step step(ProductApplications.Act act) {
        Fields f = Fields.of();
        Action action = f.choice("action", act.action(), Action.class);
        String note = f.optionalText("note", act.note(), TEXT, "up to 2000 characters");
        String ossCode = f.optionalText(
                "ossLicenceCode", act.ossLicenceCode(), OSS_CODE, "the OSS licence code (kode izin), 9-12 digits");
        String ossId = f.optionalText(
                "ossLicenceId",
                act.ossLicenceId(),
                OSS_ID,
                "the OSS licence ID (ID izin), e.g. I-202303151648407742642");
        if (action != null && action.needsNote() && note == null) {
            f.add("note", "REQUIRED", action + " gives its reason");
        }
        if (action != null && action.needsOssLicence()) {
            if (ossCode == null && act.ossLicenceCode() == null) {
                f.add("ossLicenceCode", "REQUIRED", "seed 000: choose the OSS kode izin of the PB-UMKU for this stage");
            }
            if (ossId == null && act.ossLicenceId() == null) {
                f.add("ossLicenceId", "REQUIRED", "seed 000: choose the OSS ID izin of the PB-UMKU for this stage");
            }
        }
        f.check();
        return new Step(action, note, ossCode, ossId);
    }

    /** An upload of supporting documents: at least one, and none the upload refused. */
    static void documents(List<Documents.Upload> docs, List<Refusal.Item> problems) {
        Fields f = Fields.of();
        problems.forEach(p -> f.add(p.field(), p.code(), p.message()));
        if (docs.isEmpty() && problems.isEmpty()) {
            f.add("documents", "REQUIRED", "at least one document (JPG, PNG or PDF)");
        }
        f.check();
    }
}
