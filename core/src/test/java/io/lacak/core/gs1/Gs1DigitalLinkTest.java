package io.lacak.core.gs1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** GS1 Digital Link URIs: their structure as GS1's Syntax Engine reads it, and errors located in the URI. */
class Gs1DigitalLinkTest {

    private static final String KEY = "https://id.example/01/09506000134352";
    private final Gs1Codec codec = Fixtures.codec();

    @Test
    void errorsInsidePercentEncodedValuesPointAtTheirSourceCharacters() {
        String slash = KEY + "/10/%41%2F1/21/X?17=281231";
        String accent = KEY + "/10/B%C3%A9/21/X?17=281231";
        String space = KEY + "/10/B01/21/X?17=281231&99=AB%20C";

        assertThat(codec.parse(slash).payload().batch()).isEqualTo("A/1");
        assertThat(only(slash, Gs1ErrorCode.CHARSET).offset()).isEqualTo(slash.indexOf("%2F"));
        assertThat(codec.parse(accent).payload().batch()).isEqualTo("B\u00e9");
        assertThat(only(accent, Gs1ErrorCode.CHARSET).offset()).isEqualTo(accent.indexOf("%C3"));
        assertThat(only(space, Gs1ErrorCode.CHARSET).offset()).isEqualTo(space.indexOf("%20"));
    }

    @Test
    void plusIsASpaceInTheQueryAndAPlusInThePath() {
        String query = KEY + "/10/B01/21/X?17=281231&240=A+B";
        String path = KEY + "/22/A+B/10/B01/21/X?17=281231";

        assertThat(codec.parse(query).payload().get("240")).isEqualTo("A B");
        assertThat(only(query, Gs1ErrorCode.CHARSET).offset()).isEqualTo(query.indexOf('+'));
        assertThat(codec.parse(path).errors()).isEmpty();
        assertThat(codec.parse(path).payload().get("22")).isEqualTo("A+B");
    }

    @Test
    void trailingSlashIsRefusedAtTheSlash() {
        String input = KEY + "/10/B01/21/X/?17=281231";

        Gs1Result r = codec.parse(input);

        assertThat(only(input, Gs1ErrorCode.DIGITAL_LINK).offset()).isEqualTo(input.indexOf("/?"));
        assertThat(r.payload().serial()).isEqualTo("X");
    }

    @Test
    void emptyPathSegmentsAreRefused() {
        String emptyKeyValue = "https://id.example/01//09506000134352/10/B01/21/X?17=281231";
        String emptyBatch = KEY + "/10//21/X?17=281231";

        assertThat(only(emptyKeyValue, Gs1ErrorCode.DIGITAL_LINK).offset()).isEqualTo(emptyKeyValue.indexOf("//0"));
        assertThat(only(emptyBatch, Gs1ErrorCode.VALUE_EMPTY).ai()).isEqualTo("10");
    }

    @Test
    void keyQualifierInTheQueryBelongsInThePath() {
        String input = KEY + "/21/X?17=281231&10=B01";

        Gs1Error e = only(input, Gs1ErrorCode.DIGITAL_LINK);

        assertThat(e.ai()).isEqualTo("10");
        assertThat(e.offset()).isEqualTo(input.indexOf("10=B01"));
        assertThat(e.message()).contains("path");
        // (235) takes the place of (22), (10), (21): then (10) is an attribute like any other.
        assertThat(codec.parse(KEY + "/235/TPX?10=B01&17=281231").errors())
                .extracting(Gs1Error::code)
                .doesNotContain(Gs1ErrorCode.DIGITAL_LINK);
    }

    @Test
    void primaryKeyIsFoundFromTheRightOfThePath() {
        String input = "https://id.example/00/106141411234567897/01/09506000134352/10/B01/21/X?17=281231";

        Gs1Result r = codec.parse(input);

        assertThat(r.errors()).isEmpty();
        assertThat(r.payload().sscc()).isNull();
        assertThat(r.payload().elements())
                .extracting(Gs1Element::offset)
                .first()
                .isEqualTo(input.indexOf("01/0950"));
        // A path that does not end in /AI/value pairs back to a key has none.
        assertThat(only(KEY + "/10/B01/extra/21/X?17=281231", Gs1ErrorCode.DIGITAL_LINK)
                        .message())
                .contains("'B01'");
    }

    @Test
    void plainQrOrDataMatrixMayCarryADigitalLink() {
        String input = "]Q1" + KEY + "/10/B-1/21/X?17=281231";

        Gs1Result r = codec.parse(input);

        assertThat(r.form()).isEqualTo(InputForm.DIGITAL_LINK);
        assertThat(r.symbology()).isEqualTo(Symbology.QR);
        assertThat(only(input, Gs1ErrorCode.CHARSET).offset()).isEqualTo(input.indexOf('-'));
        assertThat(codec.parse("]d1" + KEY + "/10/B1/21/X?17=281231").symbology())
                .isEqualTo(Symbology.DATAMATRIX);
        assertThat(codec.parse("]Q1" + "0109506000134352").errors())
                .extracting(Gs1Error::code)
                .startsWith(Gs1ErrorCode.SYMBOLOGY);
    }

    @Test
    void charactersOutsideUrisAndBadHostsAreRefused() {
        String space = KEY + "/10/B01/21/X?17=281231&99=A B";
        String host = "https://id_example/01/09506000134352/10/B01/21/X?17=281231";

        assertThat(codec.parse(space).errors())
                .extracting(Gs1Error::code, Gs1Error::offset)
                .contains(org.assertj.core.groups.Tuple.tuple(Gs1ErrorCode.DIGITAL_LINK, space.indexOf(' ')));
        assertThat(only(host, Gs1ErrorCode.DIGITAL_LINK).offset()).isEqualTo(host.indexOf('_'));
    }

    @Test
    void writerPutsTheQualifiersOfTheLongestSequenceInThePath() {
        Gs1Payload cpv = Gs1Payload.of(List.of(
                new Gs1Element("01", "09506000134352", -1),
                new Gs1Element("22", "2A", -1),
                new Gs1Element("21", "X", -1),
                new Gs1Element("17", "281231", -1)));
        Gs1Payload tpx = Gs1Payload.of(List.of(
                new Gs1Element("01", "09506000134352", -1),
                new Gs1Element("235", "T(1)", -1),
                new Gs1Element("10", "B", -1)));

        assertThat(cpv.digitalLink("https://id.example")).isEqualTo(KEY + "/22/2A/21/X?17=281231");
        assertThat(tpx.digitalLink("https://id.example")).isEqualTo(KEY + "/235/T%281%29?10=B");
        assertThat(codec.parse(tpx.digitalLink("https://id.example")).payload().asMap())
                .isEqualTo(tpx.asMap());
    }

    @Test
    void writerRefusesAisADigitalLinkCannotCarry() {
        Gs1Payload p = Gs1Payload.of(List.of(
                new Gs1Element("01", "09506000134352", -1),
                new Gs1Element("10", "B", -1),
                new Gs1Element("7040", "1ABC", -1)));

        assertThatThrownBy(() -> p.digitalLink("https://id.example"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("(7040)");
    }

    private Gs1Error only(String input, Gs1ErrorCode code) {
        List<Gs1Error> errors = codec.parse(input).errors().stream()
                .filter(e -> e.code() == code)
                .toList();
        assertThat(errors).as(input + " " + codec.parse(input).errors()).hasSize(1);
        return errors.get(0);
    }
}
