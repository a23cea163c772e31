package io.lacak.ingest.csv;

import io.lacak.core.lifecycle.Refusal;

/**
 * One problem in an uploaded file: the line (1 is the header), the column's header, a stable code
 * and a plain message naming the bad value, in English ({@code message}) and in Bahasa Indonesia
 * ({@code messageId}), as a refusal's reason has both ({@link Refusal#message()}, {@link
 * Refusal#messageId()}). Built from its words: {@link ProblemText#at}, or {@link #refused} for a
 * refusal of the writer.
 *
 * <p>{@code CsvProblem p = ProblemText.BOOLEAN_INVALID.at(5, "Active", "MAYBE"); p.messageId()}
 */
public record CsvProblem(long line, String column, String code, String message, String messageId) {

    /** Longest column or message kept: a problem quotes the file, and a cell may be 100 MB. */
    public static final int MAX_TEXT = 200;

    private static final java.util.regex.Pattern CUT =
            java.util.regex.Pattern.compile("\\.\\.\\. \\(\\d+ characters\\)$");

    public CsvProblem {
        column = shown(column, "characters");
        message = shown(message, "characters");
        messageId = shown(messageId, "karakter");
    }

    /**
     * The writer refused the row at {@code line}: the reason's own words in both languages (one
     * owner, {@link Refusal}), with the serial refused.
     */
    public static CsvProblem refused(long line, String column, Refusal reason, String serial) {
        String of = " (" + serial + ")";
        return new CsvProblem(line, column, reason.name(), reason.message() + of, reason.messageId() + of);
    }

    /**
     * A problem as it was stored before problems carried their Indonesian (code and English only),
     * given it again from the same words that write it now: {@code messageId} is null when none of
     * them wrote that message (a text that has changed since, or one cut at {@link #MAX_TEXT}).
     * {@code message} is the English: a stored message "Indonesian / English" (the {@code
     * INTERRUPTED} problem once was one) gives its two halves.
     */
    public static CsvProblem restored(long line, String column, String code, String message) {
        if (code == null || message == null) {
            return new CsvProblem(line, column, code, message, null);
        }
        if (message.length() > MAX_TEXT && CUT.matcher(message).find()) {
            return new CsvProblem(line, column, code, message, null); // its values are cut: not said again
        }
        String id = idOf(code, message);
        int slash = message.indexOf(" / ");
        if (id == null && slash >= 0 && idOf(code, message.substring(slash + 3)) != null) {
            return new CsvProblem(line, column, code, message.substring(slash + 3), message.substring(0, slash));
        }
        return new CsvProblem(line, column, code, message, id);
    }

    private static String idOf(String code, String message) {
        for (ProblemText t : ProblemText.values()) {
            String id = t.code().equals(code) ? t.idOf(message) : null;
            if (id != null) {
                return id;
            }
        }
        for (Refusal r : Refusal.values()) {
            if (r.name().equals(code) && message.startsWith(r.message())) {
                return r.messageId() + message.substring(r.message().length());
            }
        }
        return null;
    }

    /** {@code text} as a problem may show it: at most {@link #MAX_TEXT} characters, no NUL (Postgres keeps none). */
    private static String shown(String text, String characters) {
        if (text == null) {
            return null;
        }
        String t = text.length() > MAX_TEXT
                ? text.substring(0, MAX_TEXT) + "... (" + text.length() + " " + characters + ")"
                : text;
        return t.indexOf('\0') >= 0 ? t.replace('\0', '\uFFFD') : t;
    }
}
