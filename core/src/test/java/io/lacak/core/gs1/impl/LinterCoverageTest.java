package io.lacak.core.gs1.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.lacak.core.gs1.Gs1Codec;
import io.lacak.core.gs1.Gs1Error;
import io.lacak.core.gs1.Gs1ErrorCode;
import io.lacak.core.gs1.Gs1Profile;
import io.lacak.core.gs1.Gs1Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every linter the GS1 dictionary names is either checked or listed, with its reason, in the
 * README's "not checked" list; and the checked ones locate their errors.
 */
class LinterCoverageTest {

    private final Gs1Codec codec = Gs1Codec.create(
            new Gs1Profile().setClock(Clock.fixed(Instant.parse("2026-11-22T03:00:00Z"), ZoneOffset.UTC)));

    static Set<String> dictionaryLinters() {
        AiDictionary dict = AiDictionary.standard();
        Set<String> names = new TreeSet<>();
        for (int len = 2; len <= 4; len++) {
            for (int v = 0; v < Math.pow(10, len); v++) {
                AiSpec spec = dict.get(String.format("%0" + len + "d", v));
                if (spec != null) {
                    spec.components().forEach(c -> names.addAll(c.linters()));
                }
            }
        }
        return names;
    }

    @Test
    void everyDictionaryLinterIsCheckedOrListedAsNotChecked() {
        Set<String> linters = dictionaryLinters();

        assertThat(linters).hasSizeGreaterThan(30);
        assertThat(linters)
                .allSatisfy(l -> assertThat(ElementRules.CHECKED.contains(l) ^ ElementRules.NOT_CHECKED.contains(l))
                        .as(l)
                        .isTrue());
        assertThat(linters).containsAll(ElementRules.CHECKED).containsAll(ElementRules.NOT_CHECKED);
    }

    @Test
    void readmeNamesEveryLinterInItsCheckedOrNotCheckedList() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int section = readme.indexOf("## The GS1 codec");
        int checked = readme.indexOf("Checked:", section);
        int notChecked = readme.indexOf("Not checked", checked);
        int end = readme.indexOf("\n\n", notChecked);
        assertThat(section).isNotNegative();
        assertThat(checked).isGreaterThan(section);
        assertThat(notChecked).isGreaterThan(checked);

        String checkedText = readme.substring(checked, notChecked);
        String notCheckedText = readme.substring(notChecked, end);
        assertThat(ElementRules.CHECKED).allSatisfy(l -> assertThat(checkedText).contains("`" + l + "`"));
        assertThat(ElementRules.NOT_CHECKED)
                .allSatisfy(l -> assertThat(notCheckedText).contains("`" + l + "`"));
    }

    @Test
    void positionInSequenceErrorsPointAtTheBadNumber() {
        String input = "(90)A(91)281231(8018)123456789012345675(7259)BABY(7258)1/0";

        assertThat(codec.parse(input).errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(Gs1ErrorCode.VALUE_INVALID);
            assertThat(e.ai()).isEqualTo("7258");
            assertThat(e.offset()).isEqualTo(input.length() - 1);
        });
    }

    @Test
    void pieceOfTotalErrorsPointAtThePieceOrTheTotal() {
        String zeroTotal = "(90)A(10)B01(17)281231(21)X(8006)095060001343520100";
        String zeroPiece = "(90)A(10)B01(17)281231(21)X(8006)095060001343520002";

        assertThat(codec.parse(zeroTotal).errors())
                .extracting(Gs1Error::offset)
                .containsExactly(zeroTotal.length() - 2);
        assertThat(codec.parse(zeroPiece).errors())
                .extracting(Gs1Error::offset)
                .containsExactly(zeroPiece.length() - 4);
    }

    @Test
    void base64urlPaddingFollowsGs1LintCset64() {
        String auth = "(01)09506000134352(10)B01(17)281231(21)X(8030)";
        for (String ok : new String[] {"1", "12", "123", "12=", "1==", "ABC-_xyz0"}) {
            assertThat(codec.parse(auth + ok).errors()).as(ok).isEmpty();
        }
        for (String bad : new String[] {"===", "123=", "12==", "1===", "12===="}) {
            Gs1Result r = codec.parse(auth + bad);
            assertThat(r.errors()).as(bad).extracting(Gs1Error::code).containsExactly(Gs1ErrorCode.VALUE_INVALID);
            assertThat(r.errors().get(0).offset()).as(bad).isEqualTo((auth + bad).indexOf('='));
        }
        for (String bad : new String[] {"=23", "1=3", "12=4"}) {
            String input = auth + bad;
            assertThat(codec.parse(input).errors()).as(bad).singleElement().satisfies(e -> {
                assertThat(e.code()).isEqualTo(Gs1ErrorCode.CHARSET);
                assertThat(e.offset()).isEqualTo(input.indexOf('='));
            });
        }
    }

    @Test
    void iso5218AndWindingAcceptOnlyTheirCodes() {
        String sex = "(90)A(91)281231(8018)123456789012345675(7252)";
        String dims = "(01)09506000134352(10)B01(17)281231(21)X(8001)010000200003";
        for (char c = '0'; c <= '9'; c++) {
            assertThat(codec.parse(sex + c).valid()).as("sex " + c).isEqualTo("0129".indexOf(c) >= 0);
            assertThat(codec.parse(dims + c + "0").valid()).as("winding " + c).isEqualTo("019".indexOf(c) >= 0);
        }
    }

    @Test
    void importerIndexIsOneCharacterOfItsAlphabet() {
        String base = "(90)A(91)281231(7040)1AB";
        String cset82 = "!\"%&'()*+,-./:;<=>?_0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        for (char c : cset82.toCharArray()) {
            boolean importerIdx = Character.isLetterOrDigit(c) || c == '-' || c == '_';
            assertThat(codec.parse(base + (c == '(' ? "\\(" : String.valueOf(c)))
                            .valid())
                    .as(String.valueOf(c))
                    .isEqualTo(importerIdx);
        }
    }
}
