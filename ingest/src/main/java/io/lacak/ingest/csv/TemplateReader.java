package io.lacak.ingest.csv;

import io.lacak.core.calendar.BpomTime;
import io.lacak.core.gs1.Gs1Codec;
import io.lacak.core.gs1.Gs1Dates;
import io.lacak.core.gs1.Gs1Error;
import io.lacak.core.gs1.Gs1Payload;
import io.lacak.core.gs1.Gs1Result;
import io.lacak.core.gs1.PayloadKind;
import io.lacak.core.lifecycle.UsageLine.Use;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads one uploaded CSV report row by row, streaming: headers in English or Indonesian in any
 * order, comma or semicolon, UTF-8 with or without BOM. The header is checked first: a file that
 * does not match its template throws {@link TemplateMismatch} listing every problem before any
 * row is read. Each row is then checked on its own (values, and the NIE, batch, expiry and GTIN
 * columns against the code) and returned with its problems. Not thread-safe.
 *
 * <p>{@code try (TemplateReader r = TemplateReader.open(Template.USAGE, reader, "MFR-001", codec)) { for (CsvRow row; (row = r.next()) != null; ) ... }}
 */
public final class TemplateReader implements Closeable {

    /** The last valid code read in each code column, by its text (only valid codes are remembered). */
    private final java.util.Map<Column, String> lastCodeText = new java.util.EnumMap<>(Column.class);

    private final java.util.Map<Column, Gs1Payload> lastCode = new java.util.EnumMap<>(Column.class);

    private static final int HEADER_PEEK = 64 * 1024;

    private final Template template;
    private final String uploader;
    private final Gs1Codec codec;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final Map<Column, Integer> index;
    private final int width;
    private final String[] headerText;

    private TemplateReader(
            Template template,
            String uploader,
            Gs1Codec codec,
            CSVParser parser,
            Iterator<CSVRecord> records,
            Map<Column, Integer> index,
            String[] headerText) {
        this.template = template;
        this.uploader = uploader;
        this.codec = codec;
        this.parser = parser;
        this.records = records;
        this.index = index;
        this.width = headerText.length;
        this.headerText = headerText;
    }

    /** Opens a file, reads and checks its header. */
    public static TemplateReader open(Template template, Reader in, String uploader, Gs1Codec codec)
            throws IOException, TemplateMismatch {
        BufferedReader reader = in instanceof BufferedReader b ? b : new BufferedReader(in, 1 << 16);
        char delimiter = delimiter(reader);
        CSVParser parser = CSVFormat.DEFAULT
                .builder()
                .setDelimiter(delimiter)
                .setIgnoreSurroundingSpaces(true)
                .setIgnoreEmptyLines(true)
                .get()
                .parse(reader);
        Iterator<CSVRecord> records = parser.iterator();
        List<CsvProblem> problems = new ArrayList<>();
        CSVRecord header;
        try {
            header = records.hasNext() ? records.next() : null;
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new TemplateMismatch(List.of(ProblemText.HEADER_SYNTAX.at(1, null, e.getMessage())));
        }
        if (header == null) {
            throw new TemplateMismatch(List.of(ProblemText.EMPTY_FILE.at(1, null)));
        }
        Map<Column, Integer> index = new EnumMap<>(Column.class);
        String[] headerText = new String[header.size()];
        for (int i = 0; i < header.size(); i++) {
            String text = header.get(i).replace("\uFEFF", "").strip();
            headerText[i] = text;
            Column c = Column.of(text);
            if (c == null || !template.columns().contains(c)) {
                problems.add(ProblemText.UNKNOWN_COLUMN.at(1, printable(text), i + 1, printable(text), template));
            } else if (index.putIfAbsent(c, i) != null) {
                problems.add(ProblemText.DUPLICATE_COLUMN.at(1, text, text));
            }
        }
        for (Column c : template.columns()) {
            if (!index.containsKey(c) && !template.optional(c)) {
                problems.add(ProblemText.MISSING_COLUMN.at(1, c.header(), template, c.header()));
            }
        }
        if (!problems.isEmpty()) {
            parser.close();
            throw new TemplateMismatch(problems);
        }
        return new TemplateReader(template, uploader, codec, parser, records, index, headerText);
    }

    /** The delimiter of the header line: the more frequent of ';' and ','. The reader is reset. */
    private static char delimiter(BufferedReader reader) throws IOException {
        reader.mark(HEADER_PEEK);
        int commas = 0;
        int semicolons = 0;
        for (int i = 0, c; i < HEADER_PEEK && (c = reader.read()) >= 0 && c != '\n'; i++) {
            commas += c == ',' ? 1 : 0;
            semicolons += c == ';' ? 1 : 0;
        }
        reader.reset();
        return semicolons > commas ? ';' : ',';
    }

    /**
     * The next row, or {@code null} at the end.
     *
     * @throws CsvSyntaxException when the file stops being CSV (for example an unclosed quote)
     */
    public CsvRow next() throws CsvSyntaxException {
        CSVRecord record;
        try {
            if (!records.hasNext()) {
                return null;
            }
            record = records.next();
        } catch (UncheckedIOException | IllegalStateException e) {
            long near = parser.getCurrentLineNumber();
            throw new CsvSyntaxException(ProblemText.ROW_SYNTAX.at(near, null, near, e.getMessage()));
        }
        long line = record.getParser().getCurrentLineNumber();
        List<CsvProblem> problems = new ArrayList<>(0);
        if (record.size() != width) {
            problems.add(ProblemText.ROW_WIDTH.at(line, null, width, record.size()));
            return new CsvRow(line, null, null, null, null, null, null, null, null, problems);
        }
        Row row = new Row(record, line, problems);
        String partner = row.required(Column.PARTNER_ID);
        if (partner != null && !partner.equals(uploader)) {
            row.problem(Column.PARTNER_ID, ProblemText.PARTNER_MISMATCH, partner, uploader);
        }
        String destination =
                index.containsKey(Column.DESTINATION_PARTNER_ID) ? row.required(Column.DESTINATION_PARTNER_ID) : null;
        Column codeColumn = template == Template.USAGE ? Column.PRIMARY_CODE : Column.BARCODE;
        Gs1Payload code = row.code(codeColumn, false);
        Gs1Payload secondary = template == Template.USAGE ? row.code(Column.SECONDARY_CODE, true) : null;
        Gs1Payload tertiary = template == Template.USAGE ? row.code(Column.TERTIARY_CODE, true) : null;
        if (code != null) {
            row.crossCheck(code);
        }
        Use use = template == Template.USAGE ? row.use() : null;
        String reason = index.containsKey(Column.REASON) ? row.value(Column.REASON) : null;
        return new CsvRow(
                line,
                partner,
                destination,
                row.value(Column.PACKAGING),
                code,
                secondary,
                tertiary,
                use,
                reason,
                problems);
    }

    /** One record's cells, with the problems found in them. */
    private final class Row {
        final CSVRecord record;
        final long line;
        final List<CsvProblem> problems;

        Row(CSVRecord record, long line, List<CsvProblem> problems) {
            this.record = record;
            this.line = line;
            this.problems = problems;
        }

        String value(Column c) {
            Integer i = index.get(c);
            if (i == null) {
                return null;
            }
            String v = record.get(i).strip();
            return v.isEmpty() ? null : v;
        }

        String required(Column c) {
            String v = value(c);
            if (v == null && !template.mayBeEmpty(c)) {
                problem(c, ProblemText.VALUE_MISSING, headerText[index.get(c)]);
            }
            return v;
        }

        void problem(Column c, ProblemText text, Object... values) {
            Integer i = index.get(c);
            problems.add(text.at(line, i == null ? c.header() : headerText[i], values));
        }

        /** A code cell: a valid authentication code, or (for containers) "0" for none. */
        Gs1Payload code(Column c, boolean zeroMeansNone) {
            String v = required(c);
            if (v == null || (zeroMeansNone && v.equals("0"))) {
                return null;
            }
            if (v.equals(lastCodeText.get(c))) {
                return lastCode.get(c); // a box or pallet code repeats on every row packed into it: parsed once
            }
            Gs1Result r = codec.parse(v);
            if (!r.valid()) {
                StringBuilder why = new StringBuilder();
                for (Gs1Error e : r.errors()) {
                    why.append(why.length() == 0 ? "" : "; ")
                            .append(e.code())
                            .append(": ")
                            .append(e.message());
                }
                problem(c, ProblemText.CODE_INVALID, why.toString());
                return null;
            }
            if (r.kind() != PayloadKind.AUTHENTICATION) {
                problem(c, ProblemText.CODE_NOT_AUTHENTICATION, r.kind());
                return null;
            }
            lastCodeText.put(c, v);
            lastCode.put(c, r.payload());
            return r.payload();
        }

        /** The NIE, batch, expiry and GTIN columns must say what the code says. */
        void crossCheck(Gs1Payload code) {
            String nie = required(Column.NIE);
            if (nie != null && code.nie() != null && !nie.equals(code.nie())) {
                problem(Column.NIE, ProblemText.NIE_MISMATCH, nie, code.nie());
            }
            String batch = required(Column.BATCH);
            if (batch != null && !batch.equals(code.batch())) {
                problem(Column.BATCH, ProblemText.BATCH_MISMATCH, batch, code.batch());
            }
            String expiry = required(Column.EXPIRY);
            if (expiry != null) {
                try {
                    LocalDate date = LocalDate.parse(expiry);
                    LocalDate printed = Gs1Dates.resolve(
                            code.expiry(), BpomTime.year(codec.profile().clock()));
                    if (!date.equals(printed)) {
                        problem(Column.EXPIRY, ProblemText.EXPIRY_MISMATCH, expiry, printed);
                    }
                } catch (DateTimeParseException e) {
                    problem(Column.EXPIRY, ProblemText.DATE_INVALID, expiry);
                }
            }
            String gtin = value(Column.GTIN);
            if (gtin != null && code.gtin() != null && !gtin.equals(code.gtin())) {
                problem(Column.GTIN, ProblemText.GTIN_MISMATCH, gtin, code.gtin());
            }
        }

        /** Lampiran G.4.b.x: exactly one of active, retained sample and reject is TRUE. */
        Use use() {
            Boolean active = bool(Column.ACTIVE);
            Boolean retained = bool(Column.RETAINED_SAMPLE);
            Boolean reject = bool(Column.REJECT);
            if (active == null || retained == null || reject == null) {
                return null;
            }
            int trues = (active ? 1 : 0) + (retained ? 1 : 0) + (reject ? 1 : 0);
            if (trues != 1) {
                problem(Column.ACTIVE, ProblemText.USAGE_STATUS, trues);
                return null;
            }
            return active ? Use.ACTIVE : retained ? Use.RETAINED_SAMPLE : Use.REJECTED;
        }

        Boolean bool(Column c) {
            String v = required(c);
            if (v == null) {
                return null;
            }
            switch (v.toUpperCase(Locale.ROOT)) {
                case "TRUE":
                    return Boolean.TRUE;
                case "FALSE":
                    return Boolean.FALSE;
                default:
                    problem(c, ProblemText.BOOLEAN_INVALID, v);
                    return null;
            }
        }
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && i < 60; i++) {
            char c = s.charAt(i);
            sb.append(c >= 0x20 && c != 0x7F && !Character.isISOControl(c) ? c : '?');
        }
        return sb.toString();
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
