package io.lacak.core.gs1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class Gs1CodecTest {

    private static final char GS = '\u001D';
    private final Gs1Codec codec = Fixtures.codec();

    @Test
    void lampiranC1_identificationCodeGivesNieAndValidity() {
        Gs1Result r = codec.parse("(90)DKL1234567890A1(91)281231");

        assertThat(r.valid()).isTrue();
        assertThat(r.kind()).isEqualTo(PayloadKind.IDENTIFICATION);
        assertThat(r.form()).isEqualTo(InputForm.BRACKETED);
        assertThat(r.payload().nie()).isEqualTo("DKL1234567890A1");
        assertThat(r.nieValidUntilDate()).isEqualTo(LocalDate.of(2028, 12, 31));
    }

    @Test
    void lampiranC2_authenticationCodeGivesItsFourParts() {
        Gs1Result r = codec.parse("(90)DKL1234567890A1(10)B01(17)281231(21)7K3M9P");

        assertThat(r.kind()).isEqualTo(PayloadKind.AUTHENTICATION);
        assertThat(r.payload().nie()).isEqualTo("DKL1234567890A1");
        assertThat(r.payload().batch()).isEqualTo("B01");
        assertThat(r.expiryDate()).isEqualTo(LocalDate.of(2028, 12, 31));
        assertThat(r.payload().serial()).isEqualTo("7K3M9P");
        assertThat(r.payload().gtin()).isNull();
    }

    @Test
    void lampiranC2_gtinKeyedCodeNamesTheGtin() {
        Gs1Result r = codec.parse("(01)09506000134352(10)B01(17)281231(21)X");

        assertThat(r.kind()).isEqualTo(PayloadKind.AUTHENTICATION);
        assertThat(r.payload().gtin()).isEqualTo("09506000134352");
        assertThat(r.payload().nie()).isNull();
    }

    @Test
    void errorsAreCollectedNotFailFast() {
        Gs1Result r = codec.parse("(01)09506000134353(10)B0@1(17)281332");

        assertThat(r.errors())
                .extracting(Gs1Error::code)
                .containsExactly(
                        Gs1ErrorCode.GTIN_CHECK_DIGIT,
                        Gs1ErrorCode.CHARSET,
                        Gs1ErrorCode.DATE_INVALID,
                        Gs1ErrorCode.AI_MISSING);
        assertThat(r.errors()).extracting(Gs1Error::ai).containsExactly("01", "10", "17", "21");
    }

    @Test
    void errorOffsetsPointIntoTheInput() {
        String input = "(01)09506000134353(10)B0@1(17)281332(21)X";
        Gs1Result r = codec.parse(input);

        // check digit: the last digit of the GTIN; charset: the '@'; date: the start of the value
        assertThat(r.errors())
                .extracting(Gs1Error::offset)
                .containsExactly(input.indexOf("3(10)"), input.indexOf('@'), input.indexOf("281332"));
    }

    @Test
    void scannerOffsetsPointIntoTheInput() {
        String input = "]d290DKL-1" + GS + "91281231";
        Gs1Result r = codec.parse(input);

        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(Gs1ErrorCode.CHARSET);
            assertThat(e.offset()).isEqualTo(input.indexOf('-'));
            assertThat(e.message()).contains("'-'").contains("Lampiran C");
        });
    }

    @Test
    void gtinCheckDigitMessageNamesTheExpectedDigit() {
        Gs1Result r = codec.parse("(01)09506000134353(10)B01(17)281231(21)X");

        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(Gs1ErrorCode.GTIN_CHECK_DIGIT);
            assertThat(e.message()).contains("09506000134353").contains("expected 2");
        });
    }

    @Test
    void dayZeroMeansLastDayOfMonthByDefault() {
        Gs1Result r = codec.parse("(90)A(10)B01(17)280200(21)X");

        assertThat(r.valid()).isTrue();
        assertThat(r.expiryDate()).isEqualTo(LocalDate.of(2028, 2, 29));
    }

    @Test
    void dayZeroIsRefusedWhenTheProfileSaysSo() {
        Gs1Codec strict =
                Gs1Codec.create(new Gs1Profile().setClock(Fixtures.CLOCK).setDayZeroAllowed(false));

        Gs1Result expiry = strict.parse("(90)A(10)B01(17)281100(21)X");
        Gs1Result validity = strict.parse("(90)A(91)281100");

        assertThat(expiry.errors())
                .extracting(Gs1Error::code, Gs1Error::ai)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Gs1ErrorCode.DATE_INVALID, "17"));
        assertThat(validity.errors())
                .extracting(Gs1Error::code, Gs1Error::ai)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Gs1ErrorCode.DATE_INVALID, "91"));
    }

    @Test
    void slidingCenturyFollowsGs1GeneralSpecifications() {
        // In 2026: up to 50 years ahead stays in this century, 51 ahead goes back one.
        assertThat(Gs1Dates.fullYear(76, 2026)).isEqualTo(2076);
        assertThat(Gs1Dates.fullYear(77, 2026)).isEqualTo(1977);
        assertThat(Gs1Dates.fullYear(0, 2026)).isEqualTo(2000);
        // Near the end of a century, small two-digit years belong to the next one.
        assertThat(Gs1Dates.fullYear(48, 2098)).isEqualTo(2148);
        assertThat(Gs1Dates.fullYear(49, 2098)).isEqualTo(2049);
    }

    @Test
    void slidingCenturyDecidesLeapYears() {
        // 00 is 2000 (a leap year) when read in 2026, but 2100 (not leap) when read in 2080.
        Gs1Codec in2080 = Gs1Codec.create(
                new Gs1Profile().setClock(Clock.fixed(Instant.parse("2080-01-01T00:00:00Z"), ZoneOffset.UTC)));

        assertThat(codec.parse("(90)A(10)B01(17)000229(21)X").valid()).isTrue();
        assertThat(in2080.parse("(90)A(10)B01(17)000229(21)X").errors())
                .extracting(Gs1Error::code)
                .containsExactly(Gs1ErrorCode.DATE_INVALID);
    }

    @Test
    void sscc_logisticUnitWithCheckDigit() {
        Gs1Result r = codec.parse("(00)106141411234567897");

        assertThat(r.kind()).isEqualTo(PayloadKind.LOGISTIC_UNIT);
        assertThat(r.payload().sscc()).isEqualTo("106141411234567897");
    }

    @Test
    void noProductKeyLeavesKindUnknown() {
        Gs1Result r = codec.parse("(10)B01(17)281231(21)X");

        assertThat(r.kind()).isNull();
        assertThat(r.errors()).extracting(Gs1Error::code).containsExactly(Gs1ErrorCode.AI_MISSING);
    }

    @Test
    void symbologyIdentifierIsReported() {
        assertThat(codec.parse("]d290A" + GS + "91281231").symbology()).isEqualTo(Symbology.DATAMATRIX);
        assertThat(codec.parse("]Q390A" + GS + "91281231").symbology()).isEqualTo(Symbology.QR);
        assertThat(codec.parse("]C190A" + GS + "91281231").symbology()).isEqualTo(Symbology.GS1_128);
        assertThat(codec.parse("90A" + GS + "91281231").symbology()).isNull();
        assertThat(codec.parse("90A" + GS + "91281231").form()).isEqualTo(InputForm.SCANNER);
    }

    @Test
    void nullEmptyAndBlankInputAreEmpty() {
        for (String input : new String[] {null, "", "   ", "\r\n"}) {
            Gs1Result r = codec.parse(input);
            assertThat(r.errors()).extracting(Gs1Error::code).containsExactly(Gs1ErrorCode.EMPTY);
            assertThat(r.kind()).isNull();
            assertThat(r.payload().isEmpty()).isTrue();
        }
    }

    @Test
    void oversizedInputIsRefusedUnread() {
        String huge = "(90)" + "A".repeat(1 << 20);

        Gs1Result r = codec.parse(huge);

        assertThat(r.errors()).extracting(Gs1Error::code).containsExactly(Gs1ErrorCode.INPUT_TOO_LONG);
    }

    @Test
    void formatsBracketedInRegulationOrder() {
        Gs1Payload p = codec.parse("(21)S1(91)300101(17)281231(10)B01(90)DKL1").payload();

        assertThat(p.bracketed()).isEqualTo("(90)DKL1(10)B01(17)281231(21)S1(91)300101");
        assertThat(p.elements()).extracting(Gs1Element::ai).containsExactly("90", "10", "17", "21", "91");
    }

    @Test
    void formatsScannerDataWithGsOnlyAfterVariableFieldsThatAreNotLast() {
        Gs1Payload nie = Gs1Payload.authentication("DKL1", "B01", LocalDate.of(2028, 12, 31), "S1");
        Gs1Payload gtin = Gs1Payload.authenticationByGtin("09506000134352", "B01", LocalDate.of(2028, 12, 31), "S1");

        assertThat(nie.scannerData(Symbology.DATAMATRIX)).isEqualTo("]d290DKL1" + GS + "10B01" + GS + "1728123121S1");
        assertThat(gtin.scannerData(null)).isEqualTo("010950600013435210B01" + GS + "1728123121S1");
    }

    @Test
    void formatsDigitalLinkOnlyForGtinKeys() {
        Gs1Payload gtin = Gs1Payload.authenticationByGtin("09506000134352", "B/01", LocalDate.of(2028, 12, 31), "S1");
        Gs1Payload nie = Gs1Payload.identification("DKL1", LocalDate.of(2030, 1, 1));

        assertThat(gtin.digitalLink("https://id.example/"))
                .isEqualTo("https://id.example/01/09506000134352/10/B%2F01/21/S1?17=281231");
        assertThatThrownBy(() -> nie.digitalLink("https://id.example"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("(01)");
    }

    @Test
    void bracketedOutputEscapesBracketsInsideValues() {
        Gs1Payload p = Gs1Payload.of(List.of(
                new Gs1Element("01", "09506000134352", -1),
                new Gs1Element("10", "B01", -1),
                new Gs1Element("17", "281231", -1),
                new Gs1Element("21", "X", -1),
                new Gs1Element("240", "X(17)290101(21)ABC(10)B", -1)));

        String text = p.bracketed();
        Gs1Result r = codec.parse(text);

        assertThat(text).endsWith("(240)X\\(17)290101\\(21)ABC\\(10)B");
        assertThat(r.errors()).isEmpty();
        assertThat(r.payload().asMap()).isEqualTo(p.asMap());
        assertThat(r.payload().get("240")).isEqualTo("X(17)290101(21)ABC(10)B");
    }

    @Test
    void escapedBracketErrorsPointAtTheEscape() {
        String input = "(90)AB\\(C(91)281231";

        Gs1Result r = codec.parse(input);

        assertThat(r.payload().nie()).isEqualTo("AB(C");
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(Gs1ErrorCode.CHARSET);
            assertThat(e.offset()).isEqualTo(input.indexOf('\\'));
        });
        String tooLong = "(90)ABCDEFGHIJKLMNO\\(P\\(Q(91)281231";
        assertThat(codec.parse(tooLong).errors())
                .extracting(Gs1Error::code, Gs1Error::offset)
                .contains(org.assertj.core.groups.Tuple.tuple(Gs1ErrorCode.VALUE_TOO_LONG, tooLong.indexOf('P')));
    }

    @Test
    void builtPayloadsParseBackToThemselves() {
        Gs1Payload id = Gs1Payload.identification("DKL1234567890A1", LocalDate.of(2030, 6, 30));

        Gs1Result r = codec.parse(id.bracketed());

        assertThat(r.valid()).isTrue();
        assertThat(r.payload()).isEqualTo(id);
    }

    @Test
    void duplicateKeepsFirstValueAndReportsTheSecond() {
        String input = "(90)A(10)B01(10)B02(17)281231(21)X";
        Gs1Result r = codec.parse(input);

        assertThat(r.payload().batch()).isEqualTo("B01");
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(Gs1ErrorCode.AI_DUPLICATE);
            assertThat(e.offset()).isEqualTo(input.indexOf("(10)B02"));
        });
    }

    @Test
    void checkDigitHelper() {
        assertThat(Gs1CheckDigit.append("0950600013435")).isEqualTo("09506000134352");
        assertThat(Gs1CheckDigit.valid("106141411234567897", 0, 18)).isTrue();
        assertThat(Gs1CheckDigit.valid("106141411234567890", 0, 18)).isFalse();
    }

    @Test
    void profileRefusesNonsense() {
        assertThatThrownBy(() -> new Gs1Profile().setMaxInputLength(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Gs1Profile().setDigitalLinkBase("ftp://x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(List.of(Symbology.values()))
                .extracting(Symbology::identifier)
                .containsExactly("]d2", "]Q3", "]C1");
    }
}
