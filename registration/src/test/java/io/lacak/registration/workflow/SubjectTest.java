package io.lacak.registration.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lacak.registration.workflow.Subject.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Workflow subjects are written {@code kind:id} in the tables; the text the rows already hold stays readable. */
class SubjectTest {

    @Test
    void theTextTheTablesHold() {
        assertThat(Kind.FACILITY_REQUEST.of(12)).hasToString("facility-request:12");
        assertThat(Kind.COMPANY.of(3)).hasToString("company:3");
        assertThat(Kind.PRODUCT_APPLICATION.of(5)).hasToString("product-application:5");
        assertThat(Kind.CERTIFICATION.of(7)).hasToString("certification:7");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void parseReadsWhatToStringWrites(Kind kind) {
        Subject s = kind.of(9_876_543_210L);
        assertThat(Subject.parse(s.toString())).isEqualTo(s);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "company", "company:", "company:x", "nobody:3", ":3"})
    void notASubject_namesTheText(String text) {
        assertThatThrownBy(() -> Subject.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'");
    }
}
