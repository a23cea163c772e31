package io.lacak.ingest.csv;

import io.lacak.core.calendar.BpomTime;
import io.lacak.core.gs1.Gs1Codec;
import io.lacak.core.gs1.Gs1Payload;
import io.lacak.core.journal.BulkReport;
import io.lacak.core.journal.Report;
import io.lacak.core.journal.ReportKind;
import io.lacak.core.lifecycle.CodeRef;
import io.lacak.core.lifecycle.Decision;
import io.lacak.core.lifecycle.Ledger;
import io.lacak.core.lifecycle.Ledger.Mode;
import io.lacak.core.lifecycle.ReferenceData;
import io.lacak.core.lifecycle.ReferenceData.Facility;
import io.lacak.core.lifecycle.UsageLine;
import io.lacak.core.lifecycle.UsageLines;
import java.io.IOException;
import java.io.Reader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.ToIntFunction;

/**
 * A CSV upload turned into the same report command the JSON API builds (DESIGN.md "Reports"):
 * rows read by {@link TemplateReader}, codes resolved to products, and one {@link Report} for the
 * sequencer, so that no rule is written twice. Problems are kept up to {@link #MAX_PROBLEMS}, with
 * a count of all.
 *
 * <p>{@code CsvReport r = CsvReport.read(Template.USAGE, reader, uploader, ref, codec); if (r.problemCount() == 0) sequencer.submit(r.toReport(now, key, Mode.ATOMIC));}
 */
public final class CsvReport {

    public static final int MAX_PROBLEMS = 1_000;
    /** Valid rows handed to the writer as one chunk of a bulk report (issue 18): a few milliseconds of its time. */
    public static final int CHUNK_ROWS = BulkReport.CHUNK_LINES;

    /**
     * Takes the chunks of a file bigger than one: each full chunk as it is read; what is left at
     * the end stays in the report ({@link #toReport}, or {@link #chunk()} for the last one).
     */
    public interface ChunkSink {
        void accept(CsvReport report) throws IOException, InterruptedException;
    }
    /** Distinct row reasons kept in the report's details; a file's rows mostly share one. */
    static final int MAX_REASONS = 20;

    private final Template template;
    private final Facility uploader;
    private final List<UsageLine> usage = new ArrayList<>();
    private final List<CodeRef> codes = new ArrayList<>();
    private final List<CsvProblem> problems = new ArrayList<>();
    private long problemCount;
    private long rows;
    private Facility destination;
    /** Lampiran K.3 (CSV), L: the reasons the rows give, kept for the report's details (the addressee sees them). */
    private final java.util.Set<String> reasons = new java.util.LinkedHashSet<>();

    private final int year;

    private CsvReport(Template template, Facility uploader, Gs1Codec codec) {
        this.template = template;
        this.uploader = uploader;
        this.year = BpomTime.year(codec.profile().clock()); // the codec's sliding century
    }

    /**
     * Reads a whole file. A header that does not fit throws {@link TemplateMismatch}; everything
     * else ends up in {@link #problems()}.
     */
    public static CsvReport read(Template template, Reader in, Facility uploader, ReferenceData ref, Gs1Codec codec)
            throws IOException, TemplateMismatch {
        return read(template, in, uploader, ref, codec, rows -> {});
    }

    /** As {@link #read(Template, Reader, Facility, ReferenceData, Gs1Codec)}, telling {@code progress} the rows read every 10,000. */
    public static CsvReport read(
            Template template,
            Reader in,
            Facility uploader,
            ReferenceData ref,
            Gs1Codec codec,
            java.util.function.LongConsumer progress)
            throws IOException, TemplateMismatch {
        try {
            return read(template, in, uploader, ref, codec, progress, null);
        } catch (InterruptedException e) {
            throw new IllegalStateException("no sink, no wait", e);
        }
    }

    /**
     * Reads a file, handing {@code sink} every {@link #CHUNK_ROWS} valid rows as they are read
     * ({@code null}: the whole file stays in the report), so that a file of any size is held a
     * chunk at a time. A header that does not fit throws {@link TemplateMismatch}.
     */
    public static CsvReport read(
            Template template,
            Reader in,
            Facility uploader,
            ReferenceData ref,
            Gs1Codec codec,
            java.util.function.LongConsumer progress,
            ChunkSink sink)
            throws IOException, TemplateMismatch, InterruptedException {
        CsvReport report = new CsvReport(template, uploader, codec);
        try (TemplateReader reader = TemplateReader.open(template, in, uploader.partnerId(), codec)) {
            for (CsvRow row; (row = reader.next()) != null; ) {
                report.rows++;
                report.add(row, ref);
                if (report.rows % 10_000 == 0) {
                    progress.accept(report.rows);
                }
                if (sink != null && report.applied == CHUNK_ROWS) {
                    report.chunks++;
                    sink.accept(report);
                }
            }
        } catch (CsvSyntaxException e) {
            report.problem(e.problem());
        }
        return report;
    }

    private int chunks;

    /** Valid rows read since the last chunk. */
    public int pendingRows() {
        return applied;
    }

    /** Chunks handed to the sink so far: 0 for a file that fits in one report. */
    public int chunksHanded() {
        return chunks;
    }

    /**
     * The valid rows read since the last chunk, as a chunk of a bulk report, with the file line of
     * each; the rows are then forgotten here.
     */
    public BulkReport.Chunk chunk() {
        long[] numbers = java.util.Arrays.copyOf(lines, applied);
        BulkReport.Chunk chunk;
        if (template == Template.USAGE) {
            // keys here, serials decrypted by the offer: the writer decides what the reader cannot
            UsageLines prepared = new UsageLines(usage);
            int by = uploader.ref();
            chunk = new BulkReport.Chunk(numbers, (l, mode) -> l.usage(by, prepared, mode), prepared::decrypt);
        } else {
            chunk = new BulkReport.Chunk(numbers, rule());
        }
        forget();
        return chunk;
    }

    /**
     * As {@link #chunk()}, the rows split by the shard {@code shardOf} puts each code in (issue 21):
     * a chunk for each shard, in shard order, each with its rows' file lines. Not for usage: one
     * holder's process (Lampiran G) is never split.
     */
    public SortedMap<Integer, BulkReport.Chunk> chunksByShard(ToIntFunction<CodeRef> shardOf) {
        if (template == Template.USAGE) {
            throw new IllegalStateException("a usage report is one holder's process; it is not split");
        }
        SortedMap<Integer, List<Integer>> rowsOf = new TreeMap<>();
        for (int i = 0; i < applied; i++) {
            rowsOf.computeIfAbsent(shardOf.applyAsInt(codes.get(i)), k -> new ArrayList<>())
                    .add(i);
        }
        SortedMap<Integer, BulkReport.Chunk> out = new TreeMap<>();
        rowsOf.forEach((shard, rows) -> {
            long[] numbers = new long[rows.size()];
            List<CodeRef> refs = new ArrayList<>(rows.size());
            for (int j = 0; j < numbers.length; j++) {
                numbers[j] = lines[rows.get(j)];
                refs.add(codes.get(rows.get(j)));
            }
            out.put(shard, new BulkReport.Chunk(numbers, rule(refs)));
        });
        forget();
        return out;
    }

    /** The shards {@code shardOf} puts the codes of the rows held now in (none for usage). */
    public SortedSet<Integer> pendingShards(ToIntFunction<CodeRef> shardOf) {
        SortedSet<Integer> out = new TreeSet<>();
        for (int i = 0; template != Template.USAGE && i < applied; i++) {
            out.add(shardOf.applyAsInt(codes.get(i)));
        }
        return out;
    }

    /** The rows held now handed on: forgotten here, counted. */
    private void forget() {
        usage.clear();
        codes.clear();
        total += applied;
        applied = 0;
    }

    /** The rule that decides the rows held now: the same the JSON API calls. */
    private BiFunction<Ledger, Mode, Decision> rule() {
        if (template == Template.USAGE) {
            int by = uploader.ref();
            List<UsageLine> lines = List.copyOf(usage);
            return (l, mode) -> l.usage(by, lines, mode);
        }
        return rule(List.copyOf(codes));
    }

    /** The rule that decides the movement of {@code refs}: the same the JSON API calls. */
    private BiFunction<Ledger, Mode, Decision> rule(List<CodeRef> refs) {
        int by = uploader.ref();
        int to = destination == null ? 0 : destination.ref();
        return switch (template) {
            case USAGE -> throw new IllegalStateException("usage lines, not codes");
            case SHIPMENT -> (l, mode) -> l.ship(by, to, refs, mode);
            case RECEIPT -> (l, mode) -> l.receive(by, refs, mode);
            case SALE -> (l, mode) -> l.sell(by, refs, mode);
            case RETURN -> (l, mode) -> l.returnTo(by, to, refs, mode);
            case RECALL_SHIPMENT -> (l, mode) -> l.recallShip(by, to, refs, mode);
        };
    }

    /** The report kind of this template. */
    public ReportKind kind() {
        return switch (template) {
            case USAGE -> ReportKind.USAGE;
            case SHIPMENT -> ReportKind.SHIPMENT;
            case RECEIPT -> ReportKind.RECEIPT;
            case SALE -> ReportKind.SALE;
            case RETURN -> ReportKind.RETURN;
            case RECALL_SHIPMENT -> ReportKind.RECALL_SHIPMENT;
        };
    }

    private void add(CsvRow row, ReferenceData ref) {
        List<CsvProblem> rowProblems = new ArrayList<>(row.problems());
        if (row.valid()) {
            CodeRef code = resolve(
                    row.code(), row, ref, rowProblems, template == Template.USAGE ? "Primary Code" : "2D Barcode");
            if (template == Template.USAGE) {
                CodeRef secondary = row.secondary() == null
                        ? null
                        : resolve(row.secondary(), row, ref, rowProblems, "Secondary Code");
                CodeRef tertiary =
                        row.tertiary() == null ? null : resolve(row.tertiary(), row, ref, rowProblems, "Tertiary Code");
                if (rowProblems.isEmpty()) {
                    usage.add(new UsageLine(code, row.use(), secondary, tertiary));
                    lineOf(row.line());
                }
            } else {
                if (row.destinationPartnerId() != null) {
                    Facility to = ref.facility(row.destinationPartnerId());
                    if (to == null) {
                        rowProblems.add(ProblemText.UNKNOWN_FACILITY.at(
                                row.line(), "Destination Partner ID", row.destinationPartnerId()));
                    } else if (destination != null && destination.ref() != to.ref()) {
                        rowProblems.add(ProblemText.DESTINATION_DIFFERS.at(
                                row.line(), "Destination Partner ID", to.partnerId(), destination.partnerId()));
                    } else {
                        destination = to;
                    }
                }
                if (rowProblems.isEmpty()) {
                    codes.add(code);
                    lineOf(row.line());
                    if (row.reason() != null && !row.reason().isBlank() && reasons.size() < MAX_REASONS) {
                        reasons.add(row.reason().strip());
                    }
                }
            }
        }
        rowProblems.forEach(this::problem);
    }

    private CodeRef resolve(Gs1Payload p, CsvRow row, ReferenceData ref, List<CsvProblem> problems, String column) {
        CodeRef code = ref.codeRef(p, year);
        if (code == null) {
            problems.add(ProblemText.PRODUCT_UNKNOWN.at(
                    row.line(), column, p.nie() != null ? "NIE " + p.nie() : "GTIN " + p.gtin()));
        }
        return code;
    }

    private long[] lines = new long[1024];
    private int applied;
    private long total;

    private void lineOf(long line) {
        if (applied == lines.length) {
            lines = java.util.Arrays.copyOf(lines, lines.length * 2);
        }
        lines[applied++] = line;
    }

    /** The file line of the {@code index}-th row handed to the report (the index a refusal names). */
    public long line(int index) {
        return index < applied ? lines[index] : -1;
    }

    /** The column that holds the code of a row: what a refusal of the row points at. */
    public String codeColumn() {
        return template == Template.USAGE ? "Primary Code" : "2D Barcode";
    }

    /** Rows that go into the report (valid ones), those handed as chunks included. */
    public long validRows() {
        return total + applied;
    }

    private void problem(CsvProblem p) {
        problemCount++;
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(p);
        }
    }

    /** Data rows read. */
    public long rows() {
        return rows;
    }

    /** The first {@link #MAX_PROBLEMS} problems. */
    public List<CsvProblem> problems() {
        return List.copyOf(problems);
    }

    /** All problems, listed or not. */
    public long problemCount() {
        return problemCount;
    }

    /**
     * The report command of the file's good rows, as having reached Lacak at {@code receivedAt} (the
     * upload's arrival; {@code null}: when it is submitted).
     */
    public Report toReport(Instant occurredAt, Instant receivedAt, String idempotencyKey, Mode mode) {
        return toReport(occurredAt, idempotencyKey, mode).receivedAt(receivedAt);
    }

    /** The report command of the file's good rows: the same the JSON API builds. */
    public Report toReport(Instant occurredAt, String idempotencyKey, Mode mode) {
        BiFunction<Ledger, Mode, Decision> rule = rule();
        boolean withReason = template == Template.RETURN || template == Template.RECALL_SHIPMENT;
        return new Report(
                kind(),
                uploader.ref(),
                occurredAt,
                idempotencyKey,
                l -> rule.apply(l, mode),
                withReason ? details() : null);
    }

    /** The rows' reasons as the JSON API keeps a report's reason: {@code {"reason": "..."}}, distinct ones joined by "; ". */
    public String details() {
        return reasons.isEmpty()
                ? null
                : new io.vertx.core.json.JsonObject()
                        .put("reason", String.join("; ", reasons))
                        .encode();
    }
}
