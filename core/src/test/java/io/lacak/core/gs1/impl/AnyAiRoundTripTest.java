package io.lacak.core.gs1.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.lacak.core.gs1.Gs1Codec;
import io.lacak.core.gs1.Gs1Payload;
import io.lacak.core.gs1.Gs1Profile;
import io.lacak.core.gs1.Gs1Result;
import io.lacak.core.gs1.Symbology;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Property (issue 14 §3, "the codec round-trips what it accepts"): a payload of any AIs of the
 * dictionary that the codec accepts in one form is accepted in every form Gs1Payload writes, and
 * each reads back to the same elements.
 */
class AnyAiRoundTripTest {

    private static final int CASES = 20_000;
    private final Gs1Codec codec = Gs1Codec.create(new Gs1Profile()
            .setClock(Clock.fixed(Instant.parse(AnyAiPayloads.REFERENCE_YEAR + "-11-22T03:00:00Z"), ZoneOffset.UTC)));

    @Test
    void everyFormOfAnAcceptedPayloadReadsBackToTheSameElements() {
        AnyAiPayloads random = new AnyAiPayloads(20261122L);
        Set<String> extraAis = new HashSet<>();
        int accepted = 0;
        int withBracket = 0;
        int withAiLookalike = 0;
        int digitalLinks = 0;
        for (int i = 0; i < CASES; i++) {
            Gs1Payload p = random.next();
            String bracketed = p.bracketed();
            Gs1Result r = codec.parse(bracketed);
            String scanner = p.scannerData(null);
            assertThat(codec.parse(scanner).valid())
                    .as(bracketed + " and " + scanner + " " + r.errors())
                    .isEqualTo(r.valid());
            if (!r.valid()) {
                continue;
            }
            accepted++;
            assertSame(p, bracketed, true);
            assertSame(p, scanner, true);
            for (Symbology s : Symbology.values()) {
                assertSame(p, p.scannerData(s), true);
            }
            String link = digitalLinkOrNull(p);
            if (link != null) {
                // The path puts the key's qualifiers first, so the AIs outside the regulation's order may move.
                assertSame(p, link, false);
                digitalLinks++;
            }
            for (var e : p.elements()) {
                switch (e.ai()) {
                    case "01", "90", "10", "17", "21", "91" -> {}
                    default -> extraAis.add(e.ai());
                }
                withBracket += e.value().indexOf('(') >= 0 ? 1 : 0;
                withAiLookalike += e.value().contains("(17)290101") ? 1 : 0;
            }
        }
        // The generator must reach what the property is about, or the test proves nothing.
        assertThat(accepted).as("accepted").isGreaterThan(CASES / 4);
        assertThat(extraAis).as("distinct extra AIs accepted").hasSizeGreaterThan(150);
        assertThat(withBracket).as("values holding '('").isGreaterThan(500);
        assertThat(withAiLookalike).as("values holding '(17)290101'").isGreaterThan(100);
        assertThat(digitalLinks).as("Digital Links").isGreaterThan(accepted / 4);
    }

    private String digitalLinkOrNull(Gs1Payload p) {
        if (p.gtin() == null) {
            return null;
        }
        try {
            return p.digitalLink("https://id.example/resolver");
        } catch (IllegalStateException notCarried) {
            return null; // an AI that is neither a qualifier nor a Digital Link attribute
        }
    }

    private void assertSame(Gs1Payload expected, String text, boolean sameOrder) {
        Gs1Result r = codec.parse(text);
        assertThat(r.errors()).as(text).isEmpty();
        assertThat(r.payload().elements()).as(text).hasSameSizeAs(expected.elements());
        assertThat(r.payload().asMap()).as(text).isEqualTo(expected.asMap());
        if (sameOrder) {
            assertThat(r.payload().bracketed()).as(text).isEqualTo(expected.bracketed());
        }
    }
}
