package io.lacak.registration.document;

import io.lacak.core.refusal.Refusal;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Supporting documents of registration workflows (seed 002 "Dokumen Persyaratan", Lampiran B.7):
 * JPG, JPEG, PNG or PDF only, at most 2 MB each, recognised by their content (never by a file name
 * or a declared type), kept in Postgres beside their owner.
 *
 * <p>{@code Documents.Upload d = Documents.check("documents[0]", "SIUP", "siup.pdf", bytes, problems);}
 */
public final class Documents {

    /** Largest document accepted (seed 002: "maksimal ukuran file adalah sebesar 2MB"). */
    public static final int MAX_BYTES = 2 * 1024 * 1024;

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String XLS = "application/vnd.ms-excel";
    /** JPG, PNG or PDF: what registrations take (seed 002 "Dokumen Persyaratan", Lampiran B.7). */
    public static final Set<String> IMAGES_AND_PDF = Set.of("image/png", "image/jpeg", "application/pdf");
    /** PDF or Excel: what a certification application takes (seed 002 "File PDF ataupun Ms Excel"). */
    public static final Set<String> PDF_AND_EXCEL = Set.of("application/pdf", XLSX, XLS);

    private static final byte[] OLE2 = {
        (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1
    };
    private static final byte[] WORKBOOK = "xl/workbook".getBytes(StandardCharsets.US_ASCII);

    /** A document that passed the checks. */
    public record Upload(String kind, String fileName, byte[] content, String mediaType) {}

    private final Pool pool;

    public Documents(Pool pool) {
        this.pool = pool;
    }

    /**
     * {@code image/png}, {@code image/jpeg}, {@code application/pdf} or an Excel workbook (an OOXML
     * zip holding {@code xl/workbook}, or an OLE2 compound file) by the file's content, else {@code null}.
     */
    public static String mediaType(byte[] b) {
        if (b.length >= 8
                && (b[0] & 0xFF) == 0x89
                && b[1] == 'P'
                && b[2] == 'N'
                && b[3] == 'G'
                && b[4] == 0x0D
                && b[5] == 0x0A
                && b[6] == 0x1A
                && b[7] == 0x0A) {
            return "image/png";
        }
        if (b.length >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF) {
            return "image/jpeg";
        }
        if (b.length >= 5 && b[0] == '%' && b[1] == 'P' && b[2] == 'D' && b[3] == 'F' && b[4] == '-') {
            return "application/pdf";
        }
        if (b.length >= 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4 && contains(b, WORKBOOK)) {
            return XLSX;
        }
        if (b.length >= OLE2.length && Arrays.equals(b, 0, OLE2.length, OLE2, 0, OLE2.length)) {
            return XLS;
        }
        return null;
    }

    private static boolean contains(byte[] b, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= b.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (b[i + j] != part[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * The document when it is JPG, PNG or PDF of at most 2 MB; otherwise {@code null} and a problem
     * naming {@code field} added to {@code problems}.
     */
    public static Upload check(
            String field, String kind, String fileName, byte[] content, List<Refusal.Item> problems) {
        return check(field, kind, fileName, content, IMAGES_AND_PDF, problems);
    }

    /** The document when it is of an {@code accepted} type and at most 2 MB; else {@code null} and a problem. */
    public static Upload check(
            String field,
            String kind,
            String fileName,
            byte[] content,
            Set<String> accepted,
            List<Refusal.Item> problems) {
        if (content.length > MAX_BYTES) {
            problems.add(new Refusal.Item(
                    field,
                    "DOCUMENT_TOO_LARGE",
                    (fileName == null ? "the document" : fileName) + " has " + content.length + " bytes; at most 2 MB ("
                            + MAX_BYTES + ")"));
            return null;
        }
        String type = mediaType(content);
        if (type == null || !accepted.contains(type)) {
            problems.add(new Refusal.Item(
                    field,
                    "DOCUMENT_TYPE",
                    (fileName == null ? "the document" : fileName)
                            + (accepted == IMAGES_AND_PDF
                                    ? " is not a JPG, PNG or PDF file"
                                    : " is not a PDF or Excel file")
                            + " (checked by its content)"));
            return null;
        }
        return new Upload(kind, fileName, content, type);
    }

    /** Keeps {@code docs} for {@code owner}, in the caller's transaction. */
    public static Future<Void> store(SqlClient c, String owner, List<Upload> docs) {
        List<Tuple> rows = new ArrayList<>();
        for (Upload d : docs) {
            rows.add(Tuple.of(
                    owner, d.kind(), d.fileName(), d.mediaType(), d.content().length, Buffer.buffer(d.content())));
        }
        return rows.isEmpty()
                ? Future.succeededFuture()
                : c.preparedQuery("insert into document (owner, kind, file_name, media_type, size, content)"
                                + " values ($1, $2, $3, $4, $5, $6)")
                        .executeBatch(rows)
                        .mapEmpty();
    }

    /** Keeps one document for {@code owner}; its id. */
    public Future<Long> keep(String owner, Upload d) {
        return pool.preparedQuery("insert into document (owner, kind, file_name, media_type, size, content)"
                        + " values ($1, $2, $3, $4, $5, $6) returning id")
                .execute(Tuple.of(
                        owner, d.kind(), d.fileName(), d.mediaType(), d.content().length, Buffer.buffer(d.content())))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** Deletes a document kept for a step that did not happen after all. */
    public Future<Void> delete(long id) {
        return pool.preparedQuery("delete from document where id = $1")
                .execute(Tuple.of(id))
                .mapEmpty();
    }

    /** The owner of a document, or null when there is none with that id. */
    public Future<String> owner(long id) {
        return pool.preparedQuery("select owner from document where id = $1")
                .execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString(0));
    }

    /** A document as lists show it: id, kind, file name, media type and size (not the content). */
    public record Stored(long id, String kind, String fileName, String mediaType, int size) {}

    /** The documents of {@code owner}, oldest first. */
    public Future<List<Stored>> list(String owner) {
        return pool.preparedQuery(
                        "select id, kind, file_name, media_type, size from document where owner = $1 order by id")
                .execute(Tuple.of(owner))
                .map(rows -> {
                    List<Stored> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new Stored(
                            r.getLong("id"),
                            r.getString("kind"),
                            r.getString("file_name"),
                            r.getString("media_type"),
                            r.getInteger("size"))));
                    return out;
                });
    }

    /** One document with its content ({@code media_type}, {@code content}); NOT_FOUND when there is none. */
    public Future<Row> content(long id) {
        return pool.preparedQuery("select media_type, content from document where id = $1")
                .execute(Tuple.of(id))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw Refusal.notFound("no document " + id);
                    }
                    return rows.iterator().next();
                });
    }
}
