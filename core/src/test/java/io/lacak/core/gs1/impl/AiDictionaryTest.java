package io.lacak.core.gs1.impl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The shipped GS1 Barcode Syntax Dictionary is read whole and as GS1 defines it. */
class AiDictionaryTest {

    private final AiDictionary dict = AiDictionary.standard();

    @Test
    void readsEveryEntryIncludingRanges() {
        // 226 lines, ranges such as 3100-3105 and 91-99 expanded to one AI each.
        assertThat(dict.size()).isGreaterThan(500);
        assertThat(dict.defined("3103")).isTrue();
        assertThat(dict.defined("99")).isTrue();
        assertThat(dict.defined("23")).isFalse();
    }

    @Test
    void fixedAndVariableLengthAsTheFlagsSay() {
        AiSpec gtin = dict.get("01");
        AiSpec batch = dict.get("10");

        assertThat(gtin.predefinedLength()).isTrue();
        assertThat(gtin.maxLength()).isEqualTo(14);
        assertThat(gtin.components().get(0).linters()).contains("csum");
        assertThat(dict.predefinedLength("17")).isTrue();
        assertThat(batch.predefinedLength()).isFalse();
        assertThat(batch.maxLength()).isEqualTo(20);
        // (7003) is fixed length but not predefined: it still needs a GS separator.
        assertThat(dict.get("7003").maxLength()).isEqualTo(10);
        assertThat(dict.predefinedLength("7003")).isFalse();
    }

    @Test
    void optionalComponentsAndAttributes() {
        AiSpec gdti = dict.get("253");
        AiSpec country = dict.get("423");

        assertThat(gdti.components()).hasSize(2);
        assertThat(gdti.components().get(1).optional()).isTrue();
        assertThat(gdti.dlPrimaryKey()).isTrue();
        assertThat(country.components()).hasSize(5);
        assertThat(country.components().get(4).linters()).containsExactly("iso3166");
        assertThat(dict.get("01").dlQualifiers())
                .containsExactly(java.util.List.of("22", "10", "21"), java.util.List.of("235"));
        assertThat(dict.get("01").excludes().get(0)).containsExactly("255", "37");
        assertThat(dict.get("250").requires().get(0).get(0)).containsExactly("01", "21");
    }

    @Test
    void findsTheAiAtAPositionWhateverItsLength() {
        assertThat(dict.find("xx0109506000134352", 2).ai()).isEqualTo("01");
        assertThat(dict.find("2401234", 0).ai()).isEqualTo("240");
        assertThat(dict.find("70031234", 0).ai()).isEqualTo("7003");
        assertThat(dict.find("23", 0)).isNull();
        assertThat(dict.find("2", 0)).isNull();
    }
}
