package io.lacak.core.gs1;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The parser never throws and always answers consistently, whatever it is given. */
class Gs1RobustnessTest {

    private static final String NASTY =
            "()[]]d2Q3C1 \u001D\u0000\r\n\t%/?&=#:09AZaz_-.~\u00e9\u20ac\ud83d\ude00\ud800\uffff\\+$";
    /** Pieces of the three forms, so that random inputs get far into each reader. */
    private static final String[] TOKENS = {
        "(",
        ")",
        "\\(",
        "\\",
        "(01)",
        "(90)",
        "(240)",
        "(8030)",
        "(7258)",
        "(8006)",
        "https://",
        "HTTP://",
        "]Q1",
        "]d1",
        "]d2",
        "]Q3",
        "/",
        "//",
        "01",
        "10",
        "21",
        "22",
        "235",
        "00",
        "09506000134352",
        "106141411234567897",
        "?",
        "&",
        "=",
        "%",
        "%2",
        "%2F",
        "%28",
        "%C3",
        "%A9",
        "%F0%9F%98%80",
        "%ED%A0%80",
        "%C0%AF",
        "%FF",
        "+",
        "#",
        "\u001D",
        "A",
        "0",
        "1/0",
        "=",
        "$",
        "_",
        "id.example",
        "281231"
    };

    private final Gs1Codec codec = Fixtures.codec();

    @Test
    void randomStringsNeverThrow() {
        SplittableRandom rnd = new SplittableRandom(1);
        for (int i = 0; i < 50_000; i++) {
            int len = rnd.nextInt(80);
            StringBuilder sb = new StringBuilder(len);
            for (int k = 0; k < len; k++) {
                sb.append(rnd.nextBoolean() ? NASTY.charAt(rnd.nextInt(NASTY.length())) : (char) rnd.nextInt(0x10000));
            }
            assertConsistent(sb.toString());
        }
    }

    @Test
    void randomTokenSequencesNeverThrow() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (int i = 0; i < 50_000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int k = rnd.nextInt(25); k > 0; k--) {
                sb.append(TOKENS[rnd.nextInt(TOKENS.length)]);
            }
            assertConsistent(sb.toString());
        }
    }

    @Test
    void binaryJunkNeverThrows() {
        SplittableRandom rnd = new SplittableRandom(2);
        for (int i = 0; i < 10_000; i++) {
            byte[] bytes = new byte[rnd.nextInt(200)];
            rnd.nextBytes(bytes);
            assertConsistent(new String(bytes, StandardCharsets.ISO_8859_1));
            assertConsistent(new String(bytes, StandardCharsets.UTF_8));
        }
    }

    @Test
    void everyTruncationAndMutationOfValidPayloadsNeverThrows() {
        RandomPayloads random = new RandomPayloads(3);
        SplittableRandom rnd = new SplittableRandom(4);
        for (int i = 0; i < 500; i++) {
            Gs1Payload p = random.next();
            String[] forms = {
                p.bracketed(),
                p.scannerData(Symbology.DATAMATRIX),
                p.gtin() == null ? p.scannerData(null) : p.digitalLink("https://id.example")
            };
            for (String form : forms) {
                for (int cut = 0; cut <= form.length(); cut++) {
                    assertConsistent(form.substring(0, cut));
                    assertConsistent(form.substring(cut));
                }
                for (int m = 0; m < 20; m++) {
                    char[] chars = form.toCharArray();
                    chars[rnd.nextInt(chars.length)] = NASTY.charAt(rnd.nextInt(NASTY.length()));
                    assertConsistent(new String(chars));
                }
            }
        }
    }

    @Test
    void largeInputsOfEveryFormNeverThrow() {
        String mb = "9".repeat(1 << 20);
        for (String prefix : new String[] {"(90)", "]d2", "https://id.example/01/", "", "(", "\u001D"}) {
            Gs1Result r = codec.parse(prefix + mb);
            assertThat(r.errors()).extracting(Gs1Error::code).containsExactly(Gs1ErrorCode.INPUT_TOO_LONG);
        }
        String justUnderLimit = "(90)" + "A".repeat(Gs1Profile.DEFAULT_MAX_INPUT_LENGTH - 4);
        assertThat(codec.parse(justUnderLimit).errors())
                .extracting(Gs1Error::code)
                .containsExactly(Gs1ErrorCode.VALUE_TOO_LONG, Gs1ErrorCode.AI_MISSING);
    }

    @Test
    void loneBracketsAndSeparators() {
        for (String s : new String[] {
            "(",
            ")",
            "((",
            "())",
            "(90",
            "(90)",
            "(90)(",
            "(90)(91)",
            ")(90)A",
            "]",
            "]d",
            "]d2",
            "]d2\u001D",
            "\u001D\u001D",
            "https://",
            "https:///",
            "https://x/01",
            "https://x/01/",
            "https://x/01/%",
            "https://x/01/1?",
            "https://x/01/1?&&=",
            "90",
            "9",
            "0",
            "01",
            "00"
        }) {
            assertConsistent(s);
        }
    }

    private void assertConsistent(String input) {
        Gs1Result r = codec.parse(input);
        assertThat(r).isNotNull();
        assertThat(r.valid()).isEqualTo(r.errors().isEmpty());
        for (Gs1Error e : r.errors()) {
            assertThat(e.offset()).as(input).isBetween(0, Math.max(input.length(), 0));
            assertThat(e.message()).isNotBlank();
        }
        if (r.valid()) {
            // A payload accepted once is accepted again in its canonical forms, with the same elements.
            Gs1Payload p = r.payload();
            assertThat(codec.parse(p.bracketed()).payload().asMap()).as(input).isEqualTo(p.asMap());
            assertThat(codec.parse(p.bracketed()).valid()).as(input).isTrue();
            assertThat(codec.parse(p.scannerData(Symbology.DATAMATRIX)).valid())
                    .as(input)
                    .isTrue();
            assertThat(codec.parse(p.scannerData(Symbology.DATAMATRIX))
                            .payload()
                            .asMap())
                    .as(input)
                    .isEqualTo(p.asMap());
            String uri = digitalLinkOrNull(p);
            if (uri != null) {
                Gs1Result link = codec.parse(uri);
                assertThat(link.valid()).as(input + " " + link.errors()).isTrue();
                assertThat(link.payload().asMap()).as(input).isEqualTo(p.asMap());
            }
        }
    }

    private static String digitalLinkOrNull(Gs1Payload p) {
        try {
            return p.gtin() == null ? null : p.digitalLink("https://id.example");
        } catch (IllegalStateException notCarried) {
            return null; // an AI that is neither a (01) qualifier nor a Digital Link attribute
        }
    }
}
