package io.lacak.registration.kbli;

import static io.lacak.registration.kbli.Commodity.HEALTH_SUPPLEMENT;
import static io.lacak.registration.kbli.Commodity.QUASI_DRUG;
import static io.lacak.registration.kbli.Commodity.TRADITIONAL_MEDICINE;

import io.lacak.registration.kbli.KbliRefusal.Rule;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which commodity a company may register under its KBLI (seed 000, "list KBLI yang dapat melakukan
 * registrasi Obat Tradisional, Suplemen Kesehatan dan Obat Kuasi", with its three notes).
 *
 * <p>{@code List<KbliRefusal> r = KbliEligibility.check("21022", UMOT, TRADITIONAL_MEDICINE, TABLET);}
 */
public final class KbliEligibility {

    /** One row of the seed's table. */
    public record Kbli(String code, String name, boolean importer, Set<Commodity> commodities) {}

    private static final Set<Commodity> ALL = EnumSet.of(TRADITIONAL_MEDICINE, HEALTH_SUPPLEMENT, QUASI_DRUG);
    private static final Set<Commodity> SUPPLEMENT = EnumSet.of(HEALTH_SUPPLEMENT);

    private static final Map<String, Kbli> TABLE = Map.ofEntries(
            row("21012", "Industri Produk Farmasi Untuk Manusia", false, EnumSet.of(HEALTH_SUPPLEMENT, QUASI_DRUG)),
            row("21022", "Industri Produk Obat Tradisional", false, ALL),
            row("11040", "Industri Minuman Ringan", false, SUPPLEMENT),
            row("11090", "Industri Minuman Lainnya", false, SUPPLEMENT),
            row("10799", "Industri Produk Makanan Lainnya", false, SUPPLEMENT),
            row("46441", "Pedagang Besar Farmasi Untuk Manusia", true, ALL),
            row("46442", "Perdagangan Besar Obat Tradisional Untuk Manusia", true, ALL),
            row("46334", "Perdagangan Besar Minuman Non Alkohol Bukan Susu", true, SUPPLEMENT),
            row("46339", "Perdagangan Besar Makanan Minuman Lainnya", true, SUPPLEMENT),
            row("47723", "Perdagangan Eceran Obat Tradisional untuk Manusia", true, ALL),
            row("47999", "Perdagangan Eceran Bukan di Toko, Kios, Kaki Lima dan Los Pasar Lainnya YTDL", true, ALL));

    private static final String TRADITIONAL_MEDICINE_INDUSTRY = "21022";
    // Note 1: UMOT
    private static final Set<DosageForm> UMOT_FORMS = EnumSet.of(
            DosageForm.PARAM, DosageForm.TAPEL, DosageForm.PILIS, DosageForm.EXTERNAL_LIQUID, DosageForm.RAJANGAN);
    // Note 2: UKOT
    private static final Set<DosageForm> UKOT_EXCLUDED = EnumSet.of(
            DosageForm.TABLET,
            DosageForm.EFFERVESCENT,
            DosageForm.SUPPOSITORY,
            DosageForm.SOFT_CAPSULE,
            DosageForm.EXTERNAL_AEROSOL);
    // Note 3: beverage and food KBLIs
    private static final Set<String> FOOD_KBLIS = Set.of("11040", "11090", "10799", "46334", "46339");
    private static final Set<DosageForm> FOOD_FORMS =
            EnumSet.of(DosageForm.ORAL_LIQUID, DosageForm.POWDER_SERVED_AS_LIQUID, DosageForm.GUMMY);

    private KbliEligibility() {}

    private static Map.Entry<String, Kbli> row(String code, String name, boolean importer, Set<Commodity> c) {
        return Map.entry(code, new Kbli(code, name, importer, Set.copyOf(c)));
    }

    /** The table row of a KBLI code, or {@code null}. */
    public static Kbli kbli(String code) {
        return code == null ? null : TABLE.get(code.strip());
    }

    /** Every rule the registration breaks; empty when it is allowed. */
    public static List<KbliRefusal> check(String kbliCode, BusinessScale scale, Commodity commodity, DosageForm form) {
        List<KbliRefusal> refusals = new ArrayList<>();
        Kbli kbli = kbli(kbliCode);
        if (kbli == null) {
            refusals.add(new KbliRefusal(
                    Rule.KBLI_NOT_ELIGIBLE,
                    "KBLI " + kbliCode + " may not register traditional medicine, health supplements or quasi drugs"));
            return refusals;
        }
        if (!kbli.commodities().contains(commodity)) {
            refusals.add(new KbliRefusal(
                    Rule.COMMODITY_NOT_ALLOWED,
                    "KBLI " + kbli.code() + " (" + kbli.name() + ") may register " + kbli.commodities() + ", not "
                            + commodity));
        }
        boolean traditionalIndustry = kbli.code().equals(TRADITIONAL_MEDICINE_INDUSTRY);
        if (scale != BusinessScale.OTHER && !traditionalIndustry) {
            refusals.add(new KbliRefusal(
                    Rule.SCALE_NOT_FOR_KBLI, scale + " is a scale of KBLI 21022 only, not " + kbli.code()));
        }
        if (traditionalIndustry
                && scale == BusinessScale.UMOT
                && (commodity != TRADITIONAL_MEDICINE || !UMOT_FORMS.contains(form))) {
            refusals.add(new KbliRefusal(
                    Rule.UMOT_LIMITS,
                    "UMOT registers traditional medicine only, as " + UMOT_FORMS + "; not " + commodity + " as "
                            + form));
        }
        if (traditionalIndustry
                && scale == BusinessScale.UKOT
                && commodity == TRADITIONAL_MEDICINE
                && UKOT_EXCLUDED.contains(form)) {
            refusals.add(new KbliRefusal(Rule.UKOT_EXCLUDED_FORM, "UKOT registers no traditional medicine as " + form));
        }
        if (FOOD_KBLIS.contains(kbli.code()) && !FOOD_FORMS.contains(form)) {
            refusals.add(new KbliRefusal(
                    Rule.FOOD_KBLI_FORMS,
                    "KBLI " + kbli.code() + " registers health supplements as " + FOOD_FORMS + " only, not " + form));
        }
        return refusals;
    }
}
