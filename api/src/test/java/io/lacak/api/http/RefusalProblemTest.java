package io.lacak.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.lacak.core.refusal.Refusal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The domain's refusals get their status in one place, {@link Problems}: each kind its own. */
class RefusalProblemTest {

    @ParameterizedTest
    @CsvSource({
        "INVALID,400",
        "UNAUTHENTICATED,401",
        "FORBIDDEN,403",
        "NOT_FOUND,404",
        "CONFLICT,409",
        "UNPROCESSABLE,422",
        "RATE_LIMITED,429"
    })
    void eachKindHasItsStatus(Refusal.Kind kind, int status) {
        Problem p = Problems.toProblem(new Refusal(kind, "SOME_CODE", "some detail", List.of()), 0);
        assertThat(p.status()).isEqualTo(status);
        assertThat(p.code()).isEqualTo("SOME_CODE");
        assertThat(p.getMessage()).isEqualTo("some detail");
    }

    @Test
    void theFactoriesKeepTheCodesProblemGave() {
        assertThat(Problems.toProblem(Refusal.invalid("nie", "REQUIRED", "nie is required"), 0))
                .satisfies(p -> {
                    assertThat(p.status()).isEqualTo(400);
                    assertThat(p.code()).isEqualTo("BAD_REQUEST");
                    assertThat(p.getMessage()).isEqualTo("nie is required");
                    assertThat(p.items()).containsExactly(new Problem.Item("nie", "REQUIRED", "nie is required"));
                });
        assertThat(Problems.toProblem(Refusal.unauthenticated("log in"), 0).code())
                .isEqualTo("UNAUTHORIZED");
        assertThat(Problems.toProblem(Refusal.notFound("no such thing"), 0).code())
                .isEqualTo("NOT_FOUND");
        assertThat(Problems.toProblem(Refusal.forbidden("REGULATOR_ONLY", "only Badan POM"), 0)
                        .status())
                .isEqualTo(403);
        assertThat(Problems.toProblem(Refusal.conflict("NIE_TAKEN", "taken"), 0).status())
                .isEqualTo(409);
    }

    @Test
    void everyItemGoesToTheProblemDocumentInOrder() {
        Refusal r = Refusal.invalid(
                "2 fields are wrong",
                List.of(
                        new Refusal.Item("a", "REQUIRED", "a is required"),
                        new Refusal.Item("b", "BAD_FORMAT", "b must be digits")));
        assertThat(Problems.toProblem(r, 0).toJson("/x").getJsonArray("errors").encode())
                .isEqualTo("[{\"field\":\"a\",\"code\":\"REQUIRED\",\"message\":\"a is required\"},"
                        + "{\"field\":\"b\",\"code\":\"BAD_FORMAT\",\"message\":\"b must be digits\"}]");
    }
}
