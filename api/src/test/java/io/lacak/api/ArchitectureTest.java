package io.lacak.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Boundaries the compiler does not keep (issue 16), checked on the source trees of every module of
 * the reactor (read as text, so the order modules are built in does not matter): an {@code impl}
 * package is private to the package that owns it, HTTP routing ({@code io.vertx.ext.web}) lives in
 * {@code api} only, no main class grows past 400 lines without saying why in its Javadoc, and
 * {@code registration}'s services take typed commands and return records, not JSON. Each failure
 * lists every offending file and line.
 */
class ArchitectureTest {

    /** Longest main source file, in lines, without a reason in its Javadoc. */
    static final int MAX_LINES = 400;
    /** The phrase a Javadoc gives its reason with: "over 400 lines because ...". */
    static final String LONG_REASON = "over 400 lines because";

    /**
     * Not product code: the end-to-end harness's bare Vert.x Web server is the baseline the real
     * server is measured against, so it must use the same router (benchmarks/RESULTS.md).
     */
    static final Set<String> HARNESS_HTTP = Set.of(
            "benchmarks/src/main/java/io/lacak/benchmarks/e2e/BareServer.java",
            "benchmarks/src/main/java/io/lacak/benchmarks/e2e/PgVerifyServer.java");

    /**
     * Main classes over 400 lines that still owe a split or a reason (issue 16, "God objects"):
     * none today. A class may leave this list but never join it; an entry that no longer offends
     * fails the test until removed.
     */
    static final Set<String> OVERSIZED_PENDING = Set.of();

    /**
     * Public signatures of {@code registration} that may still mention {@code JsonObject} or {@code
     * JsonArray}, each with its reason: none. (The JSON an application keeps in a jsonb column, its
     * composition, and the journal's details a notice mail reads stay inside private code; the wire
     * shapes are {@code api}'s {@code *Json} classes.) An entry that no longer offends fails the test.
     */
    static final Set<String> JSON_SIGNATURES_ALLOWED = Set.of();

    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;");
    private static final Pattern IMPL_USE = Pattern.compile("\\b(io\\.lacak(?:\\.\\w+)*?)\\.impl\\b");
    private static final Pattern WEB_USE = Pattern.compile("\\bio\\.vertx\\.ext\\.web\\b");
    private static final Pattern PUBLIC = Pattern.compile("\\bpublic\\b");
    private static final Pattern JSON_TYPE = Pattern.compile("\\bJson(?:Object|Array)\\b");
    private static final Pattern JAVADOC = Pattern.compile("/\\*\\*.*?\\*/", Pattern.DOTALL);
    private static final Pattern TYPE = Pattern.compile(
            "(?m)^(?:public\\s+|final\\s+|abstract\\s+|sealed\\s+)*" + "(?:class|interface|record|enum|@interface)\\s");

    /** A source file: its path from the reactor root ("core/src/main/java/..."), text, and whether it is main code. */
    record Source(String path, String text, boolean main) {}

    private static Path root;
    private static List<String> modules;
    private static List<Source> sources;

    @BeforeAll
    static void scan() throws IOException {
        root = reactorRoot(Paths.get("").toAbsolutePath());
        modules = new ArrayList<>();
        Matcher m = MODULE.matcher(Files.readString(root.resolve("pom.xml")));
        while (m.find()) {
            modules.add(m.group(1).trim());
        }
        sources = new ArrayList<>();
        for (String module : modules) {
            for (String tree : List.of("src/main/java", "src/test/java")) {
                Path dir = root.resolve(module).resolve(tree);
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                try (Stream<Path> files = Files.walk(dir)) {
                    files.filter(p -> p.toString().endsWith(".java"))
                            .sorted()
                            .forEach(p -> sources.add(new Source(
                                    root.relativize(p).toString().replace('\\', '/'),
                                    read(p),
                                    tree.equals("src/main/java"))));
                }
            }
        }
    }

    /** Tests run in their module's directory ({@code api/}); the reactor root is the nearest parent pom with modules. */
    private static Path reactorRoot(Path from) throws IOException {
        for (Path p = from; p != null; p = p.getParent()) {
            Path pom = p.resolve("pom.xml");
            if (Files.isRegularFile(pom) && Files.readString(pom).contains("<modules>")) {
                return p;
            }
        }
        throw new IllegalStateException("no reactor pom.xml above " + from);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everyModuleIsScanned() {
        assertThat(modules).contains("core", "registration", "ingest", "api", "benchmarks");
        for (String module : modules) {
            assertThat(sources)
                    .as("main sources of " + module)
                    .anyMatch(s -> s.main() && s.path().startsWith(module + "/"));
        }
    }

    @Test
    void implPackagesAreUsedOnlyByThePackageThatOwnsThem() {
        List<String> offences = new ArrayList<>();
        for (Source s : sources) {
            offences.addAll(implOffences(s.path(), s.text()));
        }
        assertThat(offences)
                .as("an impl package is private to its parent package; use the API interface instead")
                .isEmpty();
    }

    @Test
    void httpRoutingLivesInApiOnly() {
        Set<String> offending = new TreeSet<>();
        List<String> offences = new ArrayList<>();
        for (Source s : sources) {
            if (!s.main() || s.path().startsWith("api/")) {
                continue;
            }
            List<String> found = webOffences(s.path(), s.text());
            if (!found.isEmpty()) {
                offending.add(s.path());
                if (!HARNESS_HTTP.contains(s.path())) {
                    offences.addAll(found);
                }
            }
        }
        assertThat(offences)
                .as("io.vertx.ext.web belongs in api; registration and the others are plain domain services")
                .isEmpty();
        assertThat(stale(HARNESS_HTTP, offending))
                .as("no longer use io.vertx.ext.web: take them off HARNESS_HTTP")
                .isEmpty();
    }

    @Test
    void noMainClassOver400LinesWithoutAReason() {
        Set<String> offending = new TreeSet<>();
        List<String> offences = new ArrayList<>();
        for (Source s : sources) {
            String found = lengthOffence(s.path(), s.text());
            if (s.main() && found != null) {
                offending.add(s.path());
                if (!OVERSIZED_PENDING.contains(s.path())) {
                    offences.add(found);
                }
            }
        }
        assertThat(offences)
                .as("split the class, or say in its Javadoc why it is \"" + LONG_REASON + " ...\"")
                .isEmpty();
        assertThat(stale(OVERSIZED_PENDING, offending))
                .as("no longer over " + MAX_LINES + " lines without a reason: take them off OVERSIZED_PENDING")
                .isEmpty();
    }

    @Test
    void registrationServicesTakeAndReturnRecordsNotJson() {
        Set<String> offending = new TreeSet<>();
        List<String> offences = new ArrayList<>();
        for (Source s : sources) {
            if (!s.main() || !s.path().startsWith("registration/")) {
                continue;
            }
            List<String> found = jsonSignatureOffences(s.path(), s.text());
            if (!found.isEmpty()) {
                offending.add(s.path());
                if (!JSON_SIGNATURES_ALLOWED.contains(s.path())) {
                    offences.addAll(found);
                }
            }
        }
        assertThat(offences)
                .as("issue 16: registration takes typed commands and returns records; the JSON <-> record"
                        + " translation is api's (api.<domain>.*Json)")
                .isEmpty();
        assertThat(stale(JSON_SIGNATURES_ALLOWED, offending))
                .as("no longer mention JSON in a public signature: take them off JSON_SIGNATURES_ALLOWED")
                .isEmpty();
    }

    /** The checks catch what they are meant to (a check that cannot fail is a defect). */
    @Test
    void theChecksSeeWhatTheyLookFor() {
        String journal = """
        package io.lacak.core.journal;

        import io.lacak.core.serial.impl.PgIssuanceService; // from outside its owner
        // io.lacak.core.store.impl.Nothing in a comment does not count
        class A {
          Object o = io.lacak.core.db.impl.PostgresDatabase.class;
          String s = "image/*"; int after = 1; // a string that looks like a comment does not hide code
          Object p = io.lacak.core.gs1.impl.Readers.class;
        }
        """;
        assertThat(implOffences("core/src/main/java/A.java", journal))
                .containsExactly(
                        "core/src/main/java/A.java:3: io.lacak.core.serial.impl",
                        "core/src/main/java/A.java:6: io.lacak.core.db.impl",
                        "core/src/main/java/A.java:8: io.lacak.core.gs1.impl");
        assertThat(implOffences("B.java", "package io.lacak.core.gs1;\nimport io.lacak.core.gs1.impl.Readers;\n"))
                .isEmpty();
        assertThat(implOffences("C.java", "package io.lacak.core.gs1.impl;\nimport io.lacak.core.gs1.impl.Readers;\n"))
                .isEmpty();
        assertThat(implOffences("D.java", "package io.lacak.core.gs1x;\nimport io.lacak.core.gs1.impl.Readers;\n"))
                .hasSize(1);

        assertThat(webOffences(
                        "E.java",
                        "package x;\n/** io.vertx.ext.web in Javadoc */\nimport io.vertx.ext.web.Router;\n"
                                + "class E { void f(io.vertx.ext.web.RoutingContext c) { } }\n"))
                .containsExactly("E.java:3: io.vertx.ext.web", "E.java:4: io.vertx.ext.web");

        String longClass =
                "package x;\n/** A class. */\npublic final class F {\n" + "  int i;\n".repeat(MAX_LINES) + "}\n";
        assertThat(lengthOffence("F.java", longClass)).isEqualTo("F.java:3: " + (MAX_LINES + 4) + " lines");
        assertThat(lengthOffence(
                        "F.java", longClass.replace("A class.", "A class, " + LONG_REASON + " it is a table.")))
                .isNull();
        assertThat(lengthOffence("F.java", "package x;\nclass F {\n}\n")).isNull();

        String service = """
        package io.lacak.registration.x;

        import io.vertx.core.json.JsonObject;
        /** Takes a {@code JsonObject} in Javadoc: no offence. */
        public final class G {
          public record Made(long id, io.vertx.core.json.JsonArray items) {}
          public Future<Made> make(Make cmd) { return null; }
          public Future<JsonObject> get(
              long id) { return null; }
          public void put(long id,
              JsonArray list) { }
          private JsonObject json(Row r) { return new JsonObject(); }
          public String name = "JsonObject";
        }
        """;
        assertThat(jsonSignatureOffences("G.java", service))
                .containsExactly("G.java:6: JsonArray", "G.java:8: JsonObject", "G.java:10: JsonArray");
    }

    /** Uses of an {@code io.lacak...impl} package from outside the package that owns it, as "path:line: package". */
    static List<String> implOffences(String path, String text) {
        String code = code(text);
        Matcher pkg = PACKAGE.matcher(code);
        String own = pkg.find() ? pkg.group(1) : "";
        List<String> offences = new ArrayList<>();
        String[] lines = code.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = IMPL_USE.matcher(lines[i]);
            while (m.find()) {
                String owner = m.group(1);
                if (!own.equals(owner) && !own.startsWith(owner + ".")) {
                    offences.add(path + ":" + (i + 1) + ": " + owner + ".impl");
                }
            }
        }
        return offences;
    }

    /** Uses of Vert.x Web (imports and qualified names, not comments), as "path:line: io.vertx.ext.web". */
    static List<String> webOffences(String path, String text) {
        List<String> offences = new ArrayList<>();
        String[] lines = code(text).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (WEB_USE.matcher(lines[i]).find()) {
                offences.add(path + ":" + (i + 1) + ": io.vertx.ext.web");
            }
        }
        return offences;
    }

    /**
     * Public declarations (methods, constructors, records, fields) whose signature, from {@code public}
     * to the body, the {@code ;} or the {@code =}, names {@code JsonObject} or {@code JsonArray}, as
     * "path:line-of-public: JsonObject"; comments and strings do not count.
     */
    static List<String> jsonSignatureOffences(String path, String text) {
        String code = code(text);
        List<String> offences = new ArrayList<>();
        Matcher m = PUBLIC.matcher(code);
        while (m.find()) {
            int end = m.end();
            while (end < code.length() && "{;=".indexOf(code.charAt(end)) < 0) {
                end++;
            }
            Matcher json = JSON_TYPE.matcher(code.substring(m.start(), end));
            if (json.find()) {
                long line = code.substring(0, m.start())
                                .chars()
                                .filter(c -> c == '\n')
                                .count()
                        + 1;
                offences.add(path + ":" + line + ": " + json.group());
            }
        }
        return offences;
    }

    /** "path:line-of-the-type: N lines" when the file is over {@link #MAX_LINES} lines and no Javadoc says why; else null. */
    static String lengthOffence(String path, String text) {
        long lines = text.lines().count();
        if (lines <= MAX_LINES
                || JAVADOC.matcher(text).results().anyMatch(doc -> doc.group()
                        .replaceAll("\\s*\\n\\s*\\*?\\s*", " ")
                        .toLowerCase()
                        .contains(LONG_REASON))) {
            return null;
        }
        Matcher type = TYPE.matcher(text);
        int at = type.find()
                ? (int) text.substring(0, type.start())
                                .chars()
                                .filter(c -> c == '\n')
                                .count()
                        + 1
                : 1;
        return path + ":" + at + ": " + lines + " lines";
    }

    private static List<String> stale(Set<String> allowed, Set<String> offending) {
        return allowed.stream().filter(p -> !offending.contains(p)).sorted().toList();
    }

    /**
     * The code of a source: comments and string, character and text-block literals blanked (newlines
     * kept, so line numbers hold). A package named in a comment or a string is no use of it, and a
     * {@code "image/*"} opens no comment that would hide the code after it.
     */
    static String code(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '/' && i + 1 < n && text.charAt(i + 1) == '/') {
                while (i < n && text.charAt(i) != '\n') {
                    out.append(' ');
                    i++;
                }
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                blank(text, i, end, out);
                i = end;
            } else if (text.startsWith("\"\"\"", i)) {
                int end = text.indexOf("\"\"\"", i + 3);
                end = end < 0 ? n : end + 3;
                blank(text, i, end, out);
                i = end;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && text.charAt(j) != c && text.charAt(j) != '\n') {
                    j += text.charAt(j) == '\\' ? 2 : 1;
                }
                j = Math.min(j + 1, n);
                blank(text, i, j, out);
                i = j;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static void blank(String text, int from, int to, StringBuilder out) {
        for (int i = from; i < to; i++) {
            out.append(text.charAt(i) == '\n' ? '\n' : ' ');
        }
    }
}
