package io.lacak.api.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * A growable UTF-8 buffer that JSON is written into by hand: strings escaped as Jackson escapes
 * them (quote, backslash and control characters; everything else as is), encoded as {@link
 * String#getBytes} with UTF-8 encodes them (a lone surrogate becomes {@code ?}). Reused, so that a
 * big file costs no allocation per line.
 *
 * <p>{@code JsonBytes j = new JsonBytes(256); j.raw("{\"a\":").string("x").raw("}"); j.writeTo(out);}
 */
final class JsonBytes {

    private static final byte[] HEX = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'B', 'C', 'D', 'E', 'F'};

    private byte[] buf;
    private int length;

    JsonBytes(int capacity) {
        buf = new byte[capacity];
    }

    void reset() {
        length = 0;
    }

    int length() {
        return length;
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(buf, 0, length);
    }

    /** The bytes written, as a string (tests and the one-payload writer). */
    String text() {
        return new String(buf, 0, length, java.nio.charset.StandardCharsets.UTF_8);
    }

    private void room(int n) {
        if (length + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, length + n));
        }
    }

    /** ASCII text written as is: the JSON punctuation and names. */
    JsonBytes raw(String ascii) {
        int n = ascii.length();
        room(n);
        for (int i = 0; i < n; i++) {
            buf[length++] = (byte) ascii.charAt(i);
        }
        return this;
    }

    JsonBytes raw(char ascii) {
        room(1);
        buf[length++] = (byte) ascii;
        return this;
    }

    JsonBytes number(int v) {
        room(11);
        if (v < 0) {
            buf[length++] = '-';
        }
        long u = Math.abs((long) v);
        int digits = 1;
        for (long t = u; t >= 10; t /= 10) {
            digits++;
        }
        for (int i = length + digits - 1; i >= length; i--) {
            buf[i] = (byte) ('0' + u % 10);
            u /= 10;
        }
        length += digits;
        return this;
    }

    /** A JSON string, or {@code null} for null. */
    JsonBytes string(CharSequence s) {
        if (s == null) {
            return raw("null");
        }
        int n = s.length();
        room(n * 6 + 2); // an escape is 6 bytes, a UTF-8 character at most 3 per char
        buf[length++] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                ascii(c);
            } else if (c < 0x800) {
                buf[length++] = (byte) (0xC0 | c >> 6);
                buf[length++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                buf[length++] = (byte) (0xF0 | cp >> 18);
                buf[length++] = (byte) (0x80 | cp >> 12 & 0x3F);
                buf[length++] = (byte) (0x80 | cp >> 6 & 0x3F);
                buf[length++] = (byte) (0x80 | cp & 0x3F);
            } else if (Character.isSurrogate(c)) {
                buf[length++] = '?';
            } else {
                buf[length++] = (byte) (0xE0 | c >> 12);
                buf[length++] = (byte) (0x80 | c >> 6 & 0x3F);
                buf[length++] = (byte) (0x80 | c & 0x3F);
            }
        }
        buf[length++] = '"';
        return this;
    }

    /** A JSON string of the ASCII bytes {@code d[from, to)}. */
    JsonBytes asciiString(byte[] d, int from, int to) {
        room((to - from) * 6 + 2);
        buf[length++] = '"';
        for (int i = from; i < to; i++) {
            ascii((char) d[i]);
        }
        buf[length++] = '"';
        return this;
    }

    /** One ASCII character, escaped; the caller made room for 6 bytes. */
    private void ascii(char c) {
        if (c >= 0x20 && c != '"' && c != '\\') {
            buf[length++] = (byte) c;
            return;
        }
        buf[length++] = '\\';
        switch (c) {
            case '"' -> buf[length++] = '"';
            case '\\' -> buf[length++] = '\\';
            case '\n' -> buf[length++] = 'n';
            case '\r' -> buf[length++] = 'r';
            case '\t' -> buf[length++] = 't';
            case '\b' -> buf[length++] = 'b';
            case '\f' -> buf[length++] = 'f';
            default -> {
                buf[length++] = 'u';
                buf[length++] = '0';
                buf[length++] = '0';
                buf[length++] = HEX[c >> 4];
                buf[length++] = HEX[c & 15];
            }
        }
    }
}
