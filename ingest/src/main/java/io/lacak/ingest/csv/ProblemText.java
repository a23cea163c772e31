package io.lacak.ingest.csv;

import io.lacak.core.gs1.Gs1ErrorCode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words of every problem an upload reports that is not a refusal of the writer (those are
 * {@link io.lacak.core.lifecycle.Refusal}'s own, see {@link CsvProblem#refused}): its stable code,
 * its English message (as it always was: clients read it) and the same in Bahasa Indonesia, one
 * place for both. The English is a template whose {@code %s} take the values in order; the
 * Indonesian takes the same values ({@code %1$s}...), so that a problem stored before it carried
 * its Indonesian can be given it again from its code and English ({@link CsvProblem#restored}).
 *
 * <p>{@code ProblemText.ROW_WIDTH.at(line, null, width, found)}
 */
public enum ProblemText {
    HEADER_SYNTAX(
            "CSV_SYNTAX",
            "the header is not valid CSV: %s",
            "baris kepala (header) bukan CSV yang sah (periksa tanda kutipnya)"),
    EMPTY_FILE("EMPTY_FILE", "the file is empty", "berkas ini kosong"),
    UNKNOWN_COLUMN(
            "UNKNOWN_COLUMN",
            "column %s '%s' is not a column of the %s template",
            "kolom ke-%1$s '%2$s' bukan kolom templat %3$s"),
    DUPLICATE_COLUMN("DUPLICATE_COLUMN", "column '%s' appears twice", "kolom '%1$s' muncul dua kali"),
    MISSING_COLUMN("MISSING_COLUMN", "the %s template needs a column '%s'", "templat %1$s memerlukan kolom '%2$s'"),
    ROW_SYNTAX(
            "CSV_SYNTAX",
            "not valid CSV near line %s: %s",
            "berkas tidak lagi berupa CSV yang sah di sekitar baris %1$s (periksa tanda kutipnya)"),
    ROW_WIDTH("ROW_WIDTH", "expected %s fields, found %s", "baris ini seharusnya berisi %1$s kolom, bukan %2$s"),
    PARTNER_MISMATCH(
            "PARTNER_MISMATCH",
            "partner ID %s is not the uploader's (%s)",
            "ID rekanan %1$s bukan milik pengunggah (%2$s)"),
    VALUE_MISSING("VALUE_MISSING", "%s is empty", "%1$s tidak boleh kosong"),
    /** The codec's problems, {@code "CODE: message; CODE: message"}: in Indonesian, what each code means. */
    CODE_INVALID("CODE_INVALID", "%s", "kode tidak sah: %1$s") {
        @Override
        Object[] idValues(Object[] values) {
            java.util.Set<String> said = new java.util.LinkedHashSet<>(); // a code twice is said once
            Matcher m = GS1_CODE.matcher(String.valueOf(values[0]));
            while (m.find()) {
                try {
                    said.add(Gs1ErrorCode.valueOf(m.group(1)).messageId());
                } catch (IllegalArgumentException notACode) {
                    // a message's own words that look like a code: not one of the codec's
                }
            }
            return new Object[] {said.isEmpty() ? "bukan kode GS1 yang dapat dibaca" : String.join("; ", said)};
        }
    },
    CODE_NOT_AUTHENTICATION(
            "CODE_NOT_AUTHENTICATION",
            "the code is an %s code, not an authentication code",
            "kode ini adalah %1$s, bukan kode otentifikasi") {
        @Override
        Object[] idValues(Object[] values) {
            String kind = String.valueOf(values[0]);
            return new Object[] {
                switch (kind) {
                    case "IDENTIFICATION" -> "kode identifikasi";
                    case "LOGISTIC_UNIT" -> "kode unit logistik (SSCC)";
                    default -> "kode " + kind;
                }
            };
        }
    },
    NIE_MISMATCH(
            "MISMATCH", "NIE %s differs from the code's (90) %s", "NIE %1$s berbeda dengan NIE pada kode (90) %2$s"),
    BATCH_MISMATCH(
            "MISMATCH",
            "batch %s differs from the code's (10) %s",
            "bets %1$s berbeda dengan bets pada kode (10) %2$s"),
    EXPIRY_MISMATCH(
            "MISMATCH",
            "expiry %s differs from the code's (17) %s",
            "tanggal kedaluwarsa %1$s berbeda dengan tanggal kedaluwarsa pada kode (17) %2$s"),
    GTIN_MISMATCH(
            "MISMATCH", "GTIN %s differs from the code's (01) %s", "GTIN %1$s berbeda dengan GTIN pada kode (01) %2$s"),
    DATE_INVALID(
            "DATE_INVALID", "'%s' is not a date in the form yyyy-mm-dd", "'%1$s' bukan tanggal berformat tttt-bb-hh"),
    /** Lampiran G.4.b.x. */
    USAGE_STATUS(
            "USAGE_STATUS",
            "exactly one of active, retained sample and reject must be TRUE, not %s",
            "tepat satu dari aktif, sampel pertinggal dan reject harus TRUE, tetapi yang TRUE ada %1$s"),
    BOOLEAN_INVALID("BOOLEAN_INVALID", "'%s' is neither TRUE nor FALSE", "'%1$s' bukan TRUE atau FALSE"),
    UNKNOWN_FACILITY("UNKNOWN_FACILITY", "no facility has partner ID %s", "tidak ada fasilitas dengan ID rekanan %1$s"),
    DESTINATION_DIFFERS(
            "DESTINATION_DIFFERS",
            "one file ships to one destination; this row names %s, earlier rows %s",
            "satu berkas hanya untuk satu tujuan; baris ini menyebut %1$s, baris sebelumnya %2$s"),
    /** The value is {@code "NIE ..."} or {@code "GTIN ..."}: the same words in both languages. */
    PRODUCT_UNKNOWN("PRODUCT_UNKNOWN", "no registered product has %s", "tidak ada produk terdaftar dengan %1$s"),
    /** Issue 21: a file of movements reaching a shard another node of the cluster writes. */
    SHARD_ELSEWHERE(
            "SHARD_ELSEWHERE",
            "the codes of this row are in shard %s, which another node writes; upload one file per NIE holder"
                    + " or send these movements as JSON reports; nothing of the file was applied",
            "kode baris ini ada di shard %1$s, yang ditulis node lain; unggah satu berkas per pemegang NIE atau"
                    + " kirim pergerakan ini sebagai laporan JSON; tidak ada bagian berkas yang diterapkan"),
    INTERNAL(
            "INTERNAL",
            "the server could not process the file; upload it again",
            "server tidak dapat memproses berkas ini; unggah lagi"),
    INTERRUPTED(
            "INTERRUPTED",
            "the upload was interrupted before it was received whole; upload it again",
            "unggahan terputus sebelum diterima utuh; unggah lagi");

    /** A code the codec names in {@link #CODE_INVALID}'s English: at the start, or after "; ". */
    private static final Pattern GS1_CODE = Pattern.compile("(?:^|; )([A-Z][A-Z0-9_]*): ");

    private final String code;
    private final String en;
    private final String id;
    private final Pattern english;

    ProblemText(String code, String en, String id) {
        this.code = code;
        this.en = en;
        this.id = id;
        StringBuilder re = new StringBuilder();
        String[] parts = en.split("%s", -1);
        for (int i = 0; i < parts.length; i++) {
            re.append(i == 0 ? "" : "(.*?)").append(Pattern.quote(parts[i]));
        }
        this.english = Pattern.compile(re.toString(), Pattern.DOTALL);
    }

    /** The stable code clients switch on (several texts may share one, as the four {@code MISMATCH}). */
    public String code() {
        return code;
    }

    /** The problem at {@code line} in {@code column} (may be null), {@code values} filling the texts. */
    public CsvProblem at(long line, String column, Object... values) {
        return new CsvProblem(line, column, code, en.formatted(values), id.formatted(idValues(values)));
    }

    /** The values as the Indonesian shows them: the same, unless a text has words of its own for one. */
    Object[] idValues(Object[] values) {
        return values;
    }

    /** The Indonesian of a problem of this code and English {@code message}, or null when this text did not write it. */
    String idOf(String message) {
        Matcher m = english.matcher(message);
        if (!m.matches()) {
            return null;
        }
        Object[] values = new Object[m.groupCount()];
        for (int i = 0; i < values.length; i++) {
            values[i] = m.group(i + 1);
        }
        return id.formatted(idValues(values));
    }
}
