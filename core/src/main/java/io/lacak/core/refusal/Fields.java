package io.lacak.core.refusal;

import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the fields of a JSON body and collects every problem instead of stopping at the first, so
 * that one refusal lists them all. Call {@link #check()} when done.
 *
 * <p>{@code Fields f = new Fields(body); String nie = f.text("nie", NIE, "1-16 letters or digits"); f.check();}
 *
 * <p>A typed command whose members a reader at the edge has already taken out of the JSON (text as
 * {@code String}, {@code null} when absent) is checked with the overloads that take the value, and
 * gets the same problems: {@code Fields f = Fields.of(); String nie = f.text("nie", cmd.nie(), NIE,
 * "1-16 letters or digits"); f.check();}
 */
public final class Fields {

    private final JsonObject body;
    private final Map<String, Refusal.Item> malformed;
    private final List<Refusal.Item> problems = new ArrayList<>();

    public Fields(JsonObject body) {
        this(body, Map.of());
    }

    private Fields(JsonObject body, Map<String, Refusal.Item> malformed) {
        this.body = body == null ? new JsonObject() : body;
        this.malformed = malformed;
    }

    /** For checking the members of a typed command with the overloads that take the value. */
    public static Fields of() {
        return new Fields(null);
    }

    /**
     * As {@link #of()}, for a command whose reader refused some members already ({@code malformed}, by
     * field: a member of the wrong type); each such problem is listed in its field's place.
     */
    public static Fields of(Map<String, Refusal.Item> malformed) {
        return new Fields(null, Map.copyOf(malformed));
    }

    /** Whether the reader refused {@code field}; its problem is added here if so. */
    public boolean malformed(String field) {
        Refusal.Item item = malformed.get(field);
        if (item != null) {
            problems.add(item);
        }
        return item != null;
    }

    /** A required text value matching {@code format}, as {@link #text(String, Pattern, String)} checks a member. */
    public String text(String field, String value, Pattern format, String expected) {
        if (malformed(field)) {
            return null;
        }
        if (value == null) {
            missing(field);
            return null;
        }
        return checked(field, value, format, expected);
    }

    /** An optional text value: {@code null} when absent; a problem when present and malformed. */
    public String optionalText(String field, String value, Pattern format, String expected) {
        if (malformed(field) || value == null) {
            return null;
        }
        return checked(field, value, format, expected);
    }

    private String checked(String field, String value, Pattern format, String expected) {
        String v = value.strip();
        if (format != null && !format.matcher(v).matches()) {
            add(field, "BAD_FORMAT", field + " must be " + expected + ", not '" + abbreviate(v) + "'");
            return null;
        }
        return v;
    }

    /** A required date value {@code yyyy-mm-dd}. */
    public LocalDate date(String field, String value) {
        String v = text(field, value, null, null);
        return v == null ? null : parseDate(field, v);
    }

    /** A required enum constant named by {@code value}, case-insensitive. */
    public <E extends Enum<E>> E choice(String field, String value, Class<E> type) {
        String v = text(field, value, null, null);
        return v == null ? null : constant(field, v, type);
    }

    /** A required text field matching {@code format}; {@code null} (and a problem) when absent or malformed. */
    public String text(String field, Pattern format, String expected) {
        String v = optionalText(field, format, expected);
        if (v == null && !body.containsKey(field)) {
            missing(field);
        }
        return v;
    }

    /** An optional text field: {@code null} when absent; a problem when present and malformed. */
    public String optionalText(String field, Pattern format, String expected) {
        Object raw = body.getValue(field);
        if (raw == null) {
            return null;
        }
        if (!(raw instanceof String s)) {
            add(field, "WRONG_TYPE", field + " must be a string");
            return null;
        }
        String v = s.strip();
        if (format != null && !format.matcher(v).matches()) {
            add(field, "BAD_FORMAT", field + " must be " + expected + ", not '" + abbreviate(v) + "'");
            return null;
        }
        return v;
    }

    /** A required date {@code yyyy-mm-dd}. */
    public LocalDate date(String field) {
        String v = text(field, null, null);
        return v == null ? null : parseDate(field, v);
    }

    private LocalDate parseDate(String field, String v) {
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            add(field, "BAD_DATE", field + " must be a date yyyy-mm-dd, not '" + abbreviate(v) + "'");
            return null;
        }
    }

    /** An optional boolean, {@code fallback} when absent. */
    public boolean bool(String field, boolean fallback) {
        Object raw = body.getValue(field);
        if (raw == null) {
            return fallback;
        }
        if (!(raw instanceof Boolean b)) {
            add(field, "WRONG_TYPE", field + " must be true or false");
            return fallback;
        }
        return b;
    }

    /** A required enum constant, by name, case-insensitive. */
    public <E extends Enum<E>> E choice(String field, Class<E> type) {
        String v = text(field, null, null);
        return v == null ? null : constant(field, v, type);
    }

    private <E extends Enum<E>> E constant(String field, String v, Class<E> type) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(v)) {
                return e;
            }
        }
        add(
                field,
                "BAD_VALUE",
                field + " must be one of " + java.util.Arrays.toString(type.getEnumConstants()) + ", not '"
                        + abbreviate(v) + "'");
        return null;
    }

    public void missing(String field) {
        add(field, "REQUIRED", field + " is required");
    }

    public void add(String field, String code, String message) {
        problems.add(new Refusal.Item(field, code, message));
    }

    /** The problems found so far. */
    public List<Refusal.Item> problems() {
        return List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    /** Throws a {@link Refusal.Kind#INVALID} refusal listing every problem found, if any. */
    public void check() {
        if (!problems.isEmpty()) {
            throw Refusal.invalid(
                    problems.size() == 1 ? problems.get(0).message() : problems.size() + " fields are wrong", problems);
        }
    }

    static String abbreviate(String v) {
        return v.length() <= 64 ? v : v.substring(0, 61) + "...";
    }
}
