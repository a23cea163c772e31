package io.lacak.registration.facility;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Issue 4's format rules for registration fields (seed 002, Lampiran B). */
class FormatsTest {

    @Test
    void nibIsThirteenDigits() {
        assertThat(Formats.NIB.matcher("1234567890123").matches()).isTrue();
        assertThat(Formats.NIB.matcher("123456789012").matches()).isFalse();
        assertThat(Formats.NIB.matcher("123456789012A").matches()).isFalse();
    }

    @Test
    void npwpIsFifteenOrSixteenDigitsPrintedOrNot() {
        assertThat(Formats.NPWP.matcher("012345678901234").matches()).isTrue();
        assertThat(Formats.NPWP.matcher("01.234.567.8-901.234").matches()).isTrue();
        assertThat(Formats.NPWP.matcher("0123456789012345").matches()).isTrue();
        assertThat(Formats.NPWP.matcher("01234567890123").matches()).isFalse();
        assertThat(Formats.NPWP.matcher("01234567890123456").matches()).isFalse();
        assertThat(Formats.npwpDigits("01.234.567.8-901.234")).isEqualTo("012345678901234");
    }

    @Test
    void kbliIsFiveDigits() {
        assertThat(Formats.KBLI.matcher("21022").matches()).isTrue();
        assertThat(Formats.KBLI.matcher("2102").matches()).isFalse();
    }

    @Test
    void emailPhoneAndPartnerId() {
        assertThat(Formats.EMAIL.matcher("farmasi@rsud.example").matches()).isTrue();
        assertThat(Formats.EMAIL.matcher("farmasi@rsud").matches()).isFalse();
        assertThat(Formats.PHONE.matcher("+62 21 555 0100").matches()).isTrue();
        assertThat(Formats.PHONE.matcher("call me").matches()).isFalse();
        assertThat(Formats.PARTNER_ID.matcher("PBF-001").matches()).isTrue();
        assertThat(Formats.PARTNER_ID.matcher("P B F").matches()).isFalse();
    }
}
