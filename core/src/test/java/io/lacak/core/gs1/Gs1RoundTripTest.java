package io.lacak.core.gs1;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Property: a random valid payload, written in each form and read back, gives the same elements. */
class Gs1RoundTripTest {

    private static final int CASES = 20_000;
    private final Gs1Codec codec = Fixtures.codec();

    @Test
    void everyFormReadsBackToTheSameElements() {
        RandomPayloads random = new RandomPayloads(20261122L);
        int digitalLinks = 0;
        for (int i = 0; i < CASES; i++) {
            Gs1Payload p = random.next();
            assertRoundTrip(p, p.bracketed(), InputForm.BRACKETED);
            assertRoundTrip(p, p.scannerData(null), InputForm.SCANNER);
            for (Symbology s : Symbology.values()) {
                assertRoundTrip(p, p.scannerData(s), InputForm.SCANNER);
            }
            if (p.gtin() != null) {
                assertRoundTrip(p, p.digitalLink("https://id.example"), InputForm.DIGITAL_LINK);
                digitalLinks++;
            }
        }
        assertThat(digitalLinks).as("the generator covers Digital Links").isGreaterThan(CASES / 4);
    }

    private void assertRoundTrip(Gs1Payload expected, String text, InputForm form) {
        Gs1Result r = codec.parse(text);
        assertThat(r.errors()).as(text).isEmpty();
        assertThat(r.form()).isEqualTo(form);
        assertThat(r.payload().asMap()).as(text).isEqualTo(expected.asMap());
        assertThat(r.payload().bracketed()).isEqualTo(expected.bracketed());
    }
}
