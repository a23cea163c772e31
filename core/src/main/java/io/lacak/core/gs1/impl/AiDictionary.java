package io.lacak.core.gs1.impl;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The GS1 Barcode Syntax Dictionary (GS1 AISBL, Apache-2.0), loaded from the copy shipped in this
 * module's resources. Look-up of an AI at a position costs at most three array reads.
 */
public final class AiDictionary {

    private static final String RESOURCE = "/io/lacak/core/gs1/gs1-syntax-dictionary.txt";
    private static final String FLAG_CHARS = "*!?\"$%&'()+,-./:;<=>@[\\]^_`{|}~";
    private static final AiDictionary STANDARD = load();

    // Indexed by the AI's numeric value, one table per AI length (2, 3, 4 digits).
    private final AiSpec[][] byLength = {null, null, new AiSpec[100], new AiSpec[1000], new AiSpec[10000]};
    private int size;

    private AiDictionary() {}

    /** The dictionary shipped with Lacak. */
    public static AiDictionary standard() {
        return STANDARD;
    }

    /** Number of AIs defined. */
    public int size() {
        return size;
    }

    /** The spec of exactly this AI, or {@code null}. */
    AiSpec get(String ai) {
        return exact(ai, 0, ai.length());
    }

    /** Whether this AI has a predefined length and so never needs a GS separator after it. */
    public boolean predefinedLength(String ai) {
        AiSpec spec = get(ai);
        return spec != null && spec.predefinedLength();
    }

    /** Whether the AI may be given as a GS1 Digital Link query attribute (the {@code ?} flag). */
    public boolean dlAttribute(String ai) {
        AiSpec spec = get(ai);
        return spec != null && spec.dlAttribute();
    }

    /** The alternative ordered qualifier sequences of a Digital Link primary key; empty for any other AI. */
    public List<List<String>> dlQualifiers(String ai) {
        AiSpec spec = get(ai);
        return spec == null ? List.of() : spec.dlQualifiers();
    }

    /** Whether the AI is defined. */
    public boolean defined(String ai) {
        return get(ai) != null;
    }

    /** The spec of the AI written as exactly the digits {@code s[from, from + len)}, or {@code null}. */
    AiSpec exact(CharSequence s, int from, int len) {
        if (len < 2 || len > 4) {
            return null;
        }
        int v = 0;
        for (int i = from; i < from + len; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            v = v * 10 + (c - '0');
        }
        return byLength[len][v];
    }

    /**
     * The AI that starts at {@code from}, trying 2, 3 and 4 digits (GS1 AIs are prefix-free), or
     * {@code null} when the digits there name none.
     */
    AiSpec find(CharSequence s, int from) {
        int n = s.length();
        int v = 0;
        for (int len = 1; len <= 4 && from + len <= n; len++) {
            char c = s.charAt(from + len - 1);
            if (c < '0' || c > '9') {
                return null;
            }
            v = v * 10 + (c - '0');
            if (len >= 2 && byLength[len][v] != null) {
                return byLength[len][v];
            }
        }
        return null;
    }

    private static AiDictionary load() {
        InputStream in = AiDictionary.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException("missing resource " + RESOURCE);
        }
        AiDictionary dict = new AiDictionary();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                try {
                    dict.addEntry(trimmed);
                } catch (RuntimeException e) {
                    throw new IllegalStateException("GS1 dictionary line " + lineNo + ": " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dict;
    }

    private void addEntry(String line) {
        String title = "";
        int hash = line.indexOf('#');
        if (hash >= 0) {
            title = line.substring(hash + 1).strip();
            line = line.substring(0, hash).strip();
        }
        List<String> tokens = new ArrayList<>(Arrays.asList(line.split("\\s+")));
        String range = tokens.remove(0);
        String flags = "";
        if (!tokens.isEmpty() && isFlags(tokens.get(0))) {
            flags = tokens.remove(0);
        }
        List<Component> components = new ArrayList<>();
        while (!tokens.isEmpty() && startsComponent(tokens.get(0))) {
            components.add(Component.parse(tokens.remove(0)));
        }
        List<List<List<String>>> requires = new ArrayList<>();
        List<List<String>> excludes = new ArrayList<>();
        List<List<String>> qualifiers = new ArrayList<>();
        boolean dlpkey = false;
        for (String attr : tokens) {
            if (attr.startsWith("req=")) {
                List<List<String>> alternatives = new ArrayList<>();
                for (String alt : attr.substring(4).split(",")) {
                    alternatives.add(List.of(alt.split("\\+")));
                }
                requires.add(alternatives);
            } else if (attr.startsWith("ex=")) {
                excludes.add(List.of(attr.substring(3).split(",")));
            } else if (attr.equals("dlpkey")) {
                dlpkey = true;
            } else if (attr.startsWith("dlpkey=")) {
                dlpkey = true;
                for (String seq : attr.substring(7).split("\\|")) {
                    qualifiers.add(List.of(seq.split(",")));
                }
            }
            // Other attributes carry no rule that Lacak checks.
        }
        int dash = range.indexOf('-');
        String first = dash < 0 ? range : range.substring(0, dash);
        String last = dash < 0 ? range : range.substring(dash + 1);
        int from = Integer.parseInt(first);
        int to = Integer.parseInt(last);
        for (int v = from; v <= to; v++) {
            String ai = String.format("%0" + first.length() + "d", v);
            AiSpec spec = new AiSpec(
                    ai,
                    flags.indexOf('*') >= 0,
                    flags.indexOf('?') >= 0,
                    List.copyOf(components),
                    List.copyOf(requires),
                    List.copyOf(excludes),
                    dlpkey,
                    List.copyOf(qualifiers),
                    title);
            byLength[ai.length()][v] = spec;
            size++;
        }
    }

    private static boolean isFlags(String token) {
        for (int i = 0; i < token.length(); i++) {
            if (FLAG_CHARS.indexOf(token.charAt(i)) < 0) {
                return false;
            }
        }
        return !startsComponent(token);
    }

    private static boolean startsComponent(String token) {
        char c = token.charAt(0);
        if (c == '[') {
            c = token.length() > 1 ? token.charAt(1) : ' ';
        }
        return "NXYZ".indexOf(c) >= 0 && token.length() > 1 && !token.contains("=");
    }
}
