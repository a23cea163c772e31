package io.lacak.api.http;

import io.lacak.core.refusal.Fields;
import io.lacak.core.refusal.Refusal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Takes the members of a JSON body out for a typed command of a domain service: text as {@code
 * String}, flags as {@code Boolean}, each {@code null} when absent. A member of the wrong type is
 * refused (INVALID, {@code WRONG_TYPE}, every such member listed) when the command is built, before
 * the domain checks the values; the contract's schemas refuse wrong types before any handler runs, so
 * this is the second line, for bodies that do not pass through it.
 *
 * <p>{@code BodyFields b = BodyFields.of(Replies.body(ctx)); var cmd = b.command(new Register(b.text("name")));}
 */
public final class BodyFields {

    private final JsonObject body;
    private final Fields wrong = Fields.of();

    private BodyFields(JsonObject body) {
        this.body = body == null ? new JsonObject() : body;
    }

    public static BodyFields of(JsonObject body) {
        return new BodyFields(body);
    }

    /** A text member; {@code null} when absent or JSON null. */
    public String text(String field) {
        return text(field, field + " must be a string");
    }

    /** A text member, {@code wrongType} the message when it is not text. */
    public String text(String field, String wrongType) {
        Object raw = body.getValue(field);
        if (raw == null || raw instanceof String) {
            return (String) raw;
        }
        wrong.add(field, "WRONG_TYPE", wrongType);
        return null;
    }

    /** A true/false member; {@code null} when absent or JSON null. */
    public Boolean bool(String field) {
        Object raw = body.getValue(field);
        if (raw == null || raw instanceof Boolean) {
            return (Boolean) raw;
        }
        wrong.add(field, "WRONG_TYPE", field + " must be true or false");
        return null;
    }

    /** A number member; {@code null} when absent, JSON null or not a number (the domain says what it must be). */
    public Number number(String field) {
        return body.getValue(field) instanceof Number n ? n : null;
    }

    /**
     * A list member with each element as text ({@code String.valueOf} of a non-text element, so that the
     * domain names it as written; JSON null stays {@code null}); {@code null} when absent, and a problem
     * saying {@code expected} when it is not a list.
     */
    public List<String> texts(String field, String expected) {
        Object raw = body.getValue(field);
        if (raw == null) {
            return null;
        }
        if (!(raw instanceof JsonArray list)) {
            wrong.add(field, "WRONG_TYPE", expected);
            return null;
        }
        List<String> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            Object v = list.getValue(i);
            out.add(v == null ? null : String.valueOf(v));
        }
        return out;
    }

    /** Whether the body has the member at all (even as JSON null). */
    public boolean has(String field) {
        return body.containsKey(field);
    }

    /**
     * The members of the wrong type so far, by field, for a command whose domain lists them among its
     * own problems ({@code Fields.of(malformed)}), where the contract does not check the body's shape.
     */
    public Map<String, Refusal.Item> malformed() {
        Map<String, Refusal.Item> out = new LinkedHashMap<>();
        wrong.problems().forEach(p -> out.put(p.field(), p));
        return out;
    }

    /** The raw list member, {@code null} when absent or JSON null; an empty list when it is not a list. */
    public List<Object> values(String field) {
        Object raw = body.getValue(field);
        if (raw == null) {
            return null;
        }
        List<Object> out = new ArrayList<>();
        if (raw instanceof JsonArray list) {
            list.forEach(out::add);
        }
        return out;
    }

    /** {@code command}, or INVALID listing every member of the wrong type. */
    public <T> T command(T command) {
        wrong.check();
        return command;
    }
}
