package io.lacak.api.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The scanner faults scan repair undoes; which candidate is suggested is decided by the verifier (VerifyTest). */
class ScanRepairTest {

    private static final String GS = "\u001d";

    private static List<String> texts(String input) {
        return ScanRepair.candidates(input).stream()
                .map(ScanRepair.Candidate::text)
                .toList();
    }

    @Test
    void capsLockGivesTheUpperCaseAndTheSwappedCase() {
        assertThat(ScanRepair.candidates("(90)dkl1(10)b1(17)281231(21)abc"))
                .contains(new ScanRepair.Candidate("(90)DKL1(10)B1(17)281231(21)ABC", "CAPS_LOCK"));
        assertThat(texts("(90)Dkl1(91)281231")).contains("(90)dKL1(91)281231");
    }

    @Test
    void qwertzSwapsYAndZ_azertyUndoesTheDigitRowAndSwappedLetters() {
        assertThat(ScanRepair.candidates("(90)DKL1(10)B1(17)281231(21)YZ2"))
                .contains(new ScanRepair.Candidate("(90)DKL1(10)B1(17)281231(21)ZY2", "KEYBOARD_LAYOUT"));
        // "90DKL1" typed on AZERTY without shift: çàDKL&
        assertThat(texts("çàDKL&" + GS + "&àB&")).contains("90DKL1" + GS + "10B1");
        assertThat(texts("çàAQZW")).contains("90QAWZ");
    }

    @Test
    void lostSeparatorsAreTriedBeforeAisThatMayFollow_oneOrTwo() {
        String noGs = "]d290DKL110B11728123121ABC";
        List<String> t = texts(noGs);
        assertThat(t).contains("]d290DKL1" + GS + "10B1" + GS + "1728123121ABC");
        assertThat(t).contains("]d290DKL110B1" + GS + "1728123121ABC");
        assertThat(ScanRepair.candidates(noGs))
                .allMatch(c ->
                        c.fault().contains("MISSING_SEPARATOR") || !c.text().contains(GS));
    }

    @Test
    void boundedWhateverTheInput_andNothingForBracketsOrLinksBeyondCase() {
        assertThat(ScanRepair.candidates("10".repeat(250))).hasSizeLessThanOrEqualTo(ScanRepair.MAX_CANDIDATES);
        assertThat(ScanRepair.candidates("(90)DKL1(91)281231"))
                .allMatch(c -> !c.text().contains(GS));
        assertThat(ScanRepair.candidates("https://id.example/01/09506000134352/10/b01/21/x?17=281231"))
                .isEmpty();
        assertThat(ScanRepair.candidates("]Q1https://id.example/01/09506000134352/10/b01/21/x?17=281231"))
                .isEmpty();
        assertThat(ScanRepair.candidates("]d1https://id.example/01/09506000134352/10/b01/21/x?17=281231"))
                .isEmpty();
    }
}
