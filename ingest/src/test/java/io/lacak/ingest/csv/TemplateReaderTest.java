package io.lacak.ingest.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.lacak.core.gs1.Gs1Codec;
import io.lacak.core.lifecycle.UsageLine.Use;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/** The CSV templates of Lampiran G.4.b and H.c.4, read from fixture files. */
class TemplateReaderTest {

    private final Gs1Codec codec = Gs1Codec.bpom();

    private static Reader fixture(String name) {
        return new InputStreamReader(
                TemplateReaderTest.class.getResourceAsStream("/csv/" + name), StandardCharsets.UTF_8);
    }

    private List<CsvRow> readAll(Template t, Reader in, String uploader) throws Exception {
        List<CsvRow> rows = new ArrayList<>();
        try (TemplateReader r = TemplateReader.open(t, in, uploader, codec)) {
            for (CsvRow row; (row = r.next()) != null; ) {
                rows.add(row);
            }
        }
        return rows;
    }

    @Test
    void lampiranG4b_usageInEnglishWithAggregation() throws Exception {
        List<CsvRow> rows = readAll(Template.USAGE, fixture("usage-en.csv"), "MFR-001");

        assertThat(rows).hasSize(4).allMatch(CsvRow::valid);
        CsvRow first = rows.get(0);
        assertThat(first.line()).isEqualTo(2);
        assertThat(first.packaging()).isEqualTo("Dus, botol @ 100 ml");
        assertThat(first.code().serial()).isEqualTo("U0001");
        assertThat(first.secondary().serial()).isEqualTo("S001");
        assertThat(first.tertiary().serial()).isEqualTo("T001");
        assertThat(first.use()).isEqualTo(Use.ACTIVE);
        // "0 (nol)" means no secondary or tertiary (Lampiran G.4.b.iv-v); TRUE/FALSE in any case
        assertThat(rows.get(2).secondary()).isNull();
        assertThat(rows.get(2).use()).isEqualTo(Use.REJECTED);
        assertThat(rows.get(3).use()).isEqualTo(Use.RETAINED_SAMPLE);
    }

    @Test
    void lampiranG4b_indonesianHeadersAnyOrderSemicolonsAndBom() throws Exception {
        List<CsvRow> rows = readAll(Template.USAGE, fixture("usage-id.csv"), "MFR-001");

        assertThat(rows).hasSize(2).allMatch(CsvRow::valid);
        assertThat(rows.get(0).partnerId()).isEqualTo("MFR-001");
        assertThat(rows.get(0).code().serial()).isEqualTo("U0001");
        assertThat(rows.get(1).secondary().serial()).isEqualTo("S001");
    }

    @Test
    void aFileThatDoesNotMatchItsTemplateIsRefusedWholeWithEveryProblem() {
        TemplateMismatch e = catchThrowableOfType(
                TemplateMismatch.class, () -> readAll(Template.USAGE, fixture("usage-wrong-columns.csv"), "MFR-001"));

        assertThat(e.problems())
                .extracting(CsvProblem::line, CsvProblem::column, CsvProblem::code)
                .containsExactly(
                        Tuple.tuple(1L, "Colour", "UNKNOWN_COLUMN"),
                        Tuple.tuple(1L, "NIE", "DUPLICATE_COLUMN"),
                        Tuple.tuple(1L, "Batch", "MISSING_COLUMN"));
    }

    @Test
    void aUsageFileIsNotAShipmentFile() {
        TemplateMismatch e = catchThrowableOfType(
                TemplateMismatch.class, () -> readAll(Template.SHIPMENT, fixture("usage-en.csv"), "MFR-001"));

        assertThat(e.problems())
                .extracting(CsvProblem::code)
                .contains("UNKNOWN_COLUMN", "MISSING_COLUMN")
                .hasSize(8); // 6 usage-only columns, then 2D Barcode and Destination Partner ID missing
    }

    @Test
    void everyRowProblemIsListedByLineColumnAndCode() throws Exception {
        List<CsvRow> rows = readAll(Template.USAGE, fixture("usage-row-errors.csv"), "MFR-001");

        List<CsvProblem> problems =
                rows.stream().flatMap(r -> r.problems().stream()).toList();
        assertThat(problems)
                .extracting(CsvProblem::line, CsvProblem::column, CsvProblem::code)
                .containsExactly(
                        Tuple.tuple(2L, "Partner ID", "PARTNER_MISMATCH"),
                        Tuple.tuple(3L, "Expiry", "DATE_INVALID"),
                        Tuple.tuple(4L, "Batch", "MISMATCH"),
                        Tuple.tuple(5L, "Active", "BOOLEAN_INVALID"),
                        Tuple.tuple(6L, "Active", "USAGE_STATUS"),
                        Tuple.tuple(7L, "Primary Code", "CODE_INVALID"),
                        Tuple.tuple(8L, "NIE", "VALUE_MISSING"),
                        Tuple.tuple(9L, null, "ROW_WIDTH"));
        assertThat(rows.get(8).valid()).isTrue();
        assertThat(problems.get(5).message()).contains("DATE_INVALID").contains("281332");
    }

    /**
     * Every problem of a file says itself in Bahasa Indonesia ({@code messageId}) beside its English
     * message, which stays as it was; a problem stored with its English only is given the same
     * Indonesian again from its code ({@link CsvProblem#restored}).
     */
    @Test
    void everyHeaderAndRowProblemCarriesItsIndonesianBesideItsEnglish_andAStoredOneIsGivenItAgain() throws Exception {
        List<CsvProblem> problems = new ArrayList<>(catchThrowableOfType(
                        TemplateMismatch.class,
                        () -> readAll(Template.USAGE, fixture("usage-wrong-columns.csv"), "MFR-001"))
                .problems());
        readAll(Template.USAGE, fixture("usage-row-errors.csv"), "MFR-001").forEach(r -> problems.addAll(r.problems()));
        try (TemplateReader r = TemplateReader.open(Template.SHIPMENT, fixture("bad-quotes.csv"), "PBF-001", codec)) {
            problems.add(catchThrowableOfType(CsvSyntaxException.class, r::next).problem());
        }
        assertThat(problems).hasSize(12);
        for (CsvProblem p : problems) {
            assertThat(p.messageId()).as(p.toString()).isNotBlank().isNotEqualTo(p.message());
            assertThat(CsvProblem.restored(p.line(), p.column(), p.code(), p.message()))
                    .as(p.toString())
                    .isEqualTo(p);
        }
        assertThat(problems.get(0).message()).isEqualTo("column 2 'Colour' is not a column of the USAGE template");
        assertThat(problems.get(0).messageId()).isEqualTo("kolom ke-2 'Colour' bukan kolom templat USAGE");
        CsvProblem code = problems.get(8); // line 7: (17)281332 is no date
        assertThat(code.code()).isEqualTo("CODE_INVALID");
        assertThat(code.message()).startsWith("DATE_INVALID: ");
        assertThat(code.messageId()).isEqualTo("kode tidak sah: tanggal tidak sah");
    }

    @Test
    void lampiranHc4_shipmentWithBracketedAndScannerCodes() throws Exception {
        List<CsvRow> rows = readAll(Template.SHIPMENT, fixture("shipment-en.csv"), "PBF-001");

        assertThat(rows).hasSize(2).allMatch(CsvRow::valid);
        assertThat(rows).extracting(CsvRow::destinationPartnerId).containsOnly("APT-001");
        assertThat(rows.get(1).code().serial()).isEqualTo("S002");
    }

    @Test
    void anUnclosedQuoteStopsTheFileWithItsLine() throws Exception {
        try (TemplateReader r = TemplateReader.open(Template.SHIPMENT, fixture("bad-quotes.csv"), "PBF-001", codec)) {
            CsvSyntaxException e = catchThrowableOfType(CsvSyntaxException.class, r::next);
            assertThat(e.problem().code()).isEqualTo("CSV_SYNTAX");
        }
    }

    @Test
    void emptyFilesAndBinaryJunkAreRefusedWhole() throws IOException {
        TemplateMismatch empty = catchThrowableOfType(
                TemplateMismatch.class, () -> readAll(Template.SALE, new StringReader(""), "APT-001"));
        assertThat(empty.problems()).extracting(CsvProblem::code).containsExactly("EMPTY_FILE");

        SplittableRandom rnd = new SplittableRandom(9);
        for (int i = 0; i < 200; i++) {
            byte[] junk = new byte[1 + rnd.nextInt(3000)];
            rnd.nextBytes(junk);
            String text = new String(junk, StandardCharsets.ISO_8859_1);
            try {
                readAll(Template.SALE, new StringReader(text), "APT-001");
            } catch (TemplateMismatch expected) {
                assertThat(expected.problems()).isNotEmpty();
            } catch (Exception other) {
                throw new AssertionError("junk must give a template mismatch, not " + other, other);
            }
        }
    }
}
