package io.lacak.core.gs1.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.lacak.core.gs1.Gs1Codec;
import io.lacak.core.gs1.Gs1Error;
import io.lacak.core.gs1.Gs1Payload;
import io.lacak.core.gs1.Gs1Result;
import io.lacak.core.gs1.Symbology;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Truncations and mutations of payloads of any AIs, in every form, never make the codec throw. */
class AnyAiRobustnessTest {

    private static final String NASTY = "()\\%+/?&=#]\u001D\u0000 9AZ_-~\u00e9\ud83d\ude00\ud800";
    private final Gs1Codec codec = Gs1Codec.bpom();

    @Test
    void mutatedFormsOfAnyAiPayloadsNeverThrow() {
        AnyAiPayloads random = new AnyAiPayloads(7);
        SplittableRandom rnd = new SplittableRandom(8);
        for (int i = 0; i < 400; i++) {
            Gs1Payload p = random.next();
            List<String> forms = new ArrayList<>(List.of(p.bracketed(), p.scannerData(Symbology.QR)));
            try {
                if (p.gtin() != null) {
                    forms.add(p.digitalLink("https://id.example"));
                    forms.add("]Q1" + p.digitalLink("https://id.example/r"));
                }
            } catch (IllegalStateException notCarried) {
                // no Digital Link for this payload
            }
            for (String form : forms) {
                for (int cut = 0; cut <= form.length(); cut += 1 + rnd.nextInt(3)) {
                    consistent(form.substring(0, cut));
                    consistent(form.substring(cut));
                }
                for (int m = 0; m < 30; m++) {
                    StringBuilder sb = new StringBuilder(form);
                    int at = rnd.nextInt(sb.length());
                    switch (rnd.nextInt(3)) {
                        case 0 -> sb.setCharAt(at, NASTY.charAt(rnd.nextInt(NASTY.length())));
                        case 1 -> sb.insert(at, NASTY.charAt(rnd.nextInt(NASTY.length())));
                        default -> sb.deleteCharAt(at);
                    }
                    consistent(sb.toString());
                }
            }
        }
    }

    private void consistent(String input) {
        Gs1Result r = codec.parse(input);
        assertThat(r.valid()).isEqualTo(r.errors().isEmpty());
        for (Gs1Error e : r.errors()) {
            assertThat(e.offset()).as(input + " " + e).isBetween(0, input.length());
            assertThat(e.message()).isNotBlank();
        }
        if (r.valid()) {
            assertThat(codec.parse(r.payload().bracketed()).payload().asMap())
                    .as(input)
                    .isEqualTo(r.payload().asMap());
        }
    }
}
