package io.lacak.ingest.csv;

import static org.assertj.core.api.Assertions.assertThat;

import io.lacak.core.lifecycle.Refusal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The words of upload problems in both languages, and problems stored in English only (before they
 * carried their Indonesian) given it again from their code.
 */
class CsvProblemTest {

    @ParameterizedTest
    @EnumSource(ProblemText.class)
    void everyTextHasItsOwnIndonesian_andAStoredProblemOfItIsGivenItAgain(ProblemText text) {
        CsvProblem p = text.at(7, "Active", "A1", "B2", "C3");

        assertThat(p.code()).isEqualTo(text.code());
        assertThat(p.message()).isNotBlank();
        assertThat(p.messageId()).isNotBlank().isNotEqualTo(p.message());
        assertThat(CsvProblem.restored(7, "Active", p.code(), p.message())).isEqualTo(p);
    }

    @ParameterizedTest
    @EnumSource(Refusal.class)
    void aRefusedRowHasTheReasonsOwnWords_andAStoredOneIsGivenThemAgain(Refusal reason) {
        CsvProblem p = CsvProblem.refused(12, "Primary Code", reason, "U0001");

        assertThat(p.message()).isEqualTo(reason.message() + " (U0001)");
        assertThat(p.messageId()).isEqualTo(reason.messageId() + " (U0001)");
        assertThat(CsvProblem.restored(12, "Primary Code", reason.name(), p.message()))
                .isEqualTo(p);
    }

    @Test
    void theCodecsProblemsAreSaidInIndonesianByTheirCodes() {
        CsvProblem p = ProblemText.CODE_INVALID.at(
                3,
                "Primary Code",
                "GTIN_CHECK_DIGIT: GTIN 09506000134353 has a wrong check digit; AI_MISSING: no (21)");

        assertThat(p.messageId())
                .isEqualTo("kode tidak sah: digit periksa GTIN salah; data wajib tidak ada (NIE, bets, kedaluwarsa atau"
                        + " nomor seri)");
    }

    @Test
    void aStoredInterruptedProblemInBothLanguagesIsSplit_anUnknownOrCutMessageIsLeftWithout() {
        CsvProblem old = CsvProblem.restored(
                0,
                null,
                "INTERRUPTED",
                "unggahan terputus sebelum diterima utuh; unggah lagi / the upload was interrupted before it was"
                        + " received whole; upload it again");
        assertThat(old).isEqualTo(ProblemText.INTERRUPTED.at(0, null));

        assertThat(CsvProblem.restored(4, "Batch", "MISMATCH", "batch B02 is wrong")
                        .messageId())
                .isNull();
        CsvProblem cut = ProblemText.BOOLEAN_INVALID.at(5, "Active", "X".repeat(500));
        assertThat(cut.message()).matches("'X{199}\\.\\.\\. \\(\\d+ characters\\)");
        assertThat(cut.messageId()).matches("'X{199}\\.\\.\\. \\(\\d+ karakter\\)");
        assertThat(CsvProblem.restored(5, "Active", cut.code(), cut.message()).messageId())
                .isNull();
    }
}
