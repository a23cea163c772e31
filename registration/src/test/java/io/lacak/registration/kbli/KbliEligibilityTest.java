package io.lacak.registration.kbli;

import static io.lacak.registration.kbli.BusinessScale.OTHER;
import static io.lacak.registration.kbli.BusinessScale.UKOT;
import static io.lacak.registration.kbli.BusinessScale.UMOT;
import static io.lacak.registration.kbli.Commodity.HEALTH_SUPPLEMENT;
import static io.lacak.registration.kbli.Commodity.QUASI_DRUG;
import static io.lacak.registration.kbli.Commodity.TRADITIONAL_MEDICINE;
import static org.assertj.core.api.Assertions.assertThat;

import io.lacak.registration.kbli.KbliRefusal.Rule;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The KBLI table of seed 000 and its three notes. */
class KbliEligibilityTest {

    private static List<Rule> rules(String kbli, BusinessScale scale, Commodity c, DosageForm f) {
        return KbliEligibility.check(kbli, scale, c, f).stream()
                .map(KbliRefusal::rule)
                .toList();
    }

    @ParameterizedTest(name = "seed 000 table: KBLI {0} may register {1}: {2}")
    @CsvSource({
        "21012, TRADITIONAL_MEDICINE, false", "21012, HEALTH_SUPPLEMENT, true", "21012, QUASI_DRUG, true",
        "21022, TRADITIONAL_MEDICINE, true", "21022, HEALTH_SUPPLEMENT, true", "21022, QUASI_DRUG, true",
        "11040, HEALTH_SUPPLEMENT, true", "11040, QUASI_DRUG, false", "11090, TRADITIONAL_MEDICINE, false",
        "10799, HEALTH_SUPPLEMENT, true", "46441, TRADITIONAL_MEDICINE, true", "46442, QUASI_DRUG, true",
        "46334, HEALTH_SUPPLEMENT, true", "46339, QUASI_DRUG, false", "47723, TRADITIONAL_MEDICINE, true",
        "47999, HEALTH_SUPPLEMENT, true",
    })
    void seed000_tableDecidesTheCommodity(String kbli, Commodity commodity, boolean allowed) {
        DosageForm form = DosageForm.ORAL_LIQUID; // allowed by every note, so only the table speaks
        assertThat(rules(kbli, OTHER, commodity, form).contains(Rule.COMMODITY_NOT_ALLOWED))
                .isEqualTo(!allowed);
    }

    @Test
    void seed000_aKbliOutsideTheTableRegistersNothing() {
        List<KbliRefusal> r = KbliEligibility.check("62019", OTHER, HEALTH_SUPPLEMENT, DosageForm.TABLET);

        assertThat(r).extracting(KbliRefusal::rule).containsExactly(Rule.KBLI_NOT_ELIGIBLE);
        assertThat(r.get(0).message()).contains("62019");
    }

    @ParameterizedTest(name = "seed 000 note 1: UMOT may register traditional medicine as {0}")
    @EnumSource(
            value = DosageForm.class,
            names = {"PARAM", "TAPEL", "PILIS", "EXTERNAL_LIQUID", "RAJANGAN"})
    void seed000_note1_umotForms(DosageForm form) {
        assertThat(rules("21022", UMOT, TRADITIONAL_MEDICINE, form)).isEmpty();
    }

    @Test
    void seed000_note1_umotNothingElse() {
        assertThat(rules("21022", UMOT, TRADITIONAL_MEDICINE, DosageForm.HARD_CAPSULE))
                .containsExactly(Rule.UMOT_LIMITS);
        assertThat(rules("21022", UMOT, HEALTH_SUPPLEMENT, DosageForm.PARAM)).containsExactly(Rule.UMOT_LIMITS);
    }

    @ParameterizedTest(name = "seed 000 note 2: UKOT may not register traditional medicine as {0}")
    @EnumSource(
            value = DosageForm.class,
            names = {"TABLET", "EFFERVESCENT", "SUPPOSITORY", "SOFT_CAPSULE", "EXTERNAL_AEROSOL"})
    void seed000_note2_ukotExcludedForms(DosageForm form) {
        assertThat(rules("21022", UKOT, TRADITIONAL_MEDICINE, form)).containsExactly(Rule.UKOT_EXCLUDED_FORM);
    }

    @Test
    void seed000_note2_ukotEverythingElse() {
        assertThat(rules("21022", UKOT, TRADITIONAL_MEDICINE, DosageForm.HARD_CAPSULE))
                .isEmpty();
        assertThat(rules("21022", UKOT, TRADITIONAL_MEDICINE, DosageForm.POWDER))
                .isEmpty();
    }

    @ParameterizedTest(
            name = "seed 000 note 3: KBLI {0} registers health supplements as liquid, powder for liquid, gummy only")
    @CsvSource({"11040", "11090", "10799", "46334", "46339"})
    void seed000_note3_foodKblis(String kbli) {
        assertThat(rules(kbli, OTHER, HEALTH_SUPPLEMENT, DosageForm.ORAL_LIQUID))
                .isEmpty();
        assertThat(rules(kbli, OTHER, HEALTH_SUPPLEMENT, DosageForm.POWDER_SERVED_AS_LIQUID))
                .isEmpty();
        assertThat(rules(kbli, OTHER, HEALTH_SUPPLEMENT, DosageForm.GUMMY)).isEmpty();
        assertThat(rules(kbli, OTHER, HEALTH_SUPPLEMENT, DosageForm.TABLET)).containsExactly(Rule.FOOD_KBLI_FORMS);
    }

    @Test
    void umotAndUkotBelongToKbli21022() {
        assertThat(rules("21012", UMOT, QUASI_DRUG, DosageForm.CREAM)).containsExactly(Rule.SCALE_NOT_FOR_KBLI);
    }

    @Test
    void everyBrokenRuleIsListed() {
        assertThat(rules("11040", UKOT, QUASI_DRUG, DosageForm.TABLET))
                .containsExactly(Rule.COMMODITY_NOT_ALLOWED, Rule.SCALE_NOT_FOR_KBLI, Rule.FOOD_KBLI_FORMS);
    }
}
