package io.lacak.api.verify;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The JSON bytes of a verify answer written straight into one buffer (issue 19): members in their
 * order, {@link PreEncoded} values (the Pasal 25 block, the verdict's message) copied as the bytes
 * made once, plain ASCII strings, booleans, integers and nested objects written here, anything else
 * (arrays, fractions, text that needs escaping) by Vert.x's Jackson codec. The answer is not changed.
 *
 * <p>{@code Buffer body = AnswerJson.encode(answer);}
 */
final class AnswerJson {

    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);

    private AnswerJson() {}

    static Buffer encode(JsonObject answer) {
        Buffer out = Buffer.buffer(1024);
        object(out, answer);
        return out;
    }

    private static void object(Buffer out, JsonObject o) {
        if (o instanceof PreEncoded p) {
            out.appendBytes(p.bytes());
            return;
        }
        out.appendByte((byte) '{');
        boolean first = true;
        for (Map.Entry<String, Object> e : o.getMap().entrySet()) {
            if (!first) {
                out.appendByte((byte) ',');
            }
            first = false;
            string(out, e.getKey());
            out.appendByte((byte) ':');
            value(out, e.getValue());
        }
        out.appendByte((byte) '}');
    }

    private static void value(Buffer out, Object v) {
        if (v == null) {
            out.appendBytes(NULL);
        } else if (v instanceof String s) {
            string(out, s);
        } else if (v instanceof JsonObject o) {
            object(out, o);
        } else if (v instanceof Boolean b) {
            out.appendBytes(b ? TRUE : FALSE);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            out.appendString(v.toString());
        } else {
            out.appendString(Json.encode(v));
        }
    }

    /** A string as JSON: as it is when it is printable ASCII without quote or backslash, else by Jackson. */
    private static void string(Buffer out, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                out.appendString(Json.encode(s));
                return;
            }
        }
        out.appendByte((byte) '"').appendString(s).appendByte((byte) '"');
    }
}
