package io.lacak.registration.product;

import static io.lacak.registration.product.TwoDMethod.AUTHENTICATION;
import static io.lacak.registration.product.TwoDMethod.IDENTIFICATION;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class TwoDMethodTest {

    @ParameterizedTest(name = "Pasal 3(2): {0} drugs are authenticated")
    @EnumSource(
            value = DrugClass.class,
            names = {"PRESCRIPTION", "BIOLOGIC", "NARCOTIC", "PSYCHOTROPIC"})
    void pasal3_2_authenticationClasses(DrugClass c) {
        assertThat(TwoDMethod.of(Category.DRUG, c, false)).isEqualTo(AUTHENTICATION);
    }

    @ParameterizedTest(name = "Pasal 3(3)a, 3(4)-(5): {0} drugs are identified unless designated")
    @EnumSource(
            value = DrugClass.class,
            names = {"OTC", "LIMITED_OTC"})
    void pasal3_3_and_3_5_otcDrugs(DrugClass c) {
        assertThat(TwoDMethod.of(Category.DRUG, c, false)).isEqualTo(IDENTIFICATION);
        assertThat(TwoDMethod.of(Category.DRUG, c, true)).isEqualTo(AUTHENTICATION);
    }

    @ParameterizedTest(name = "Pasal 3(3)b-e: {0} is identified")
    @CsvSource({"TRADITIONAL_MEDICINE", "HEALTH_SUPPLEMENT", "COSMETIC", "PROCESSED_FOOD"})
    void pasal3_3_otherCommodities(Category c) {
        assertThat(TwoDMethod.of(c, null, false)).isEqualTo(IDENTIFICATION);
        assertThat(TwoDMethod.of(c, null, true)).isEqualTo(IDENTIFICATION); // designation (3(5)) is for drugs only
    }

    @Test
    void pasal3_4_specialDietFoodsAreAuthenticated() {
        assertThat(TwoDMethod.of(Category.SPECIAL_DIET_FOOD, null, false)).isEqualTo(AUTHENTICATION);
    }
}
