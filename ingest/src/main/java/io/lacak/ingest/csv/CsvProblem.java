package io.lacak.ingest.csv;

/**
 * One problem in an uploaded file: the line (1 is the header), the column's header, a stable code
 * and a plain message naming the bad value.
 */
public record CsvProblem(long line, String column, String code, String message) {

    /** Longest column or message kept: a problem quotes the file, and a cell may be 100 MB. */
    public static final int MAX_TEXT = 200;

    public CsvProblem {
        column = shown(column);
        message = shown(message);
    }

    /** {@code text} as a problem may show it: at most {@link #MAX_TEXT} characters, no NUL (Postgres keeps none). */
    private static String shown(String text) {
        if (text == null) {
            return null;
        }
        String t = text.length() > MAX_TEXT
                ? text.substring(0, MAX_TEXT) + "... (" + text.length() + " characters)"
                : text;
        return t.indexOf('\0') >= 0 ? t.replace('\0', '\uFFFD') : t;
    }
}
