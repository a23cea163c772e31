package io.lacak.core.gs1;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The payload fixtures: each valid one with its kind and canonical form, each invalid one with its exact errors. */
class Gs1FixtureTest {

    private final Gs1Codec codec = Fixtures.codec();

    static Stream<Arguments> valid() {
        return Fixtures.rows("valid.tsv").stream().map(c -> Arguments.of(c[3], c[0], c[1], c[2]));
    }

    static Stream<Arguments> invalid() {
        return Fixtures.rows("invalid.tsv").stream().map(c -> Arguments.of(c[2], c[0], c[1]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void validPayload(String rule, String payload, String kind, String bracketed) {
        Gs1Result r = codec.parse(payload);

        assertThat(r.errors()).as(rule).isEmpty();
        assertThat(r.valid()).isTrue();
        assertThat(r.kind()).hasToString(kind);
        assertThat(r.payload().bracketed()).isEqualTo(bracketed);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void invalidPayload(String rule, String payload, String expectedCodes) {
        Gs1Result r = codec.parse(payload);

        List<String> codes = r.errors().stream().map(e -> e.code().name()).toList();
        assertThat(codes).as(rule + " -> " + r.errors()).isEqualTo(Arrays.asList(expectedCodes.split(",")));
        assertThat(r.valid()).isFalse();
        assertThat(r.errors()).allSatisfy(e -> {
            assertThat(e.message()).isNotBlank();
            assertThat(e.offset()).isBetween(0, payload.length());
        });
    }
}
