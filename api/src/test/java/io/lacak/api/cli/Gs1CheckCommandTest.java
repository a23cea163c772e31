package io.lacak.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Gs1CheckCommandTest {

    private static final char GS = '\u001D';

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String stdin, String... args) {
        InputStream in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        return Main.run(
                List.of(args),
                in,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private List<JsonObject> lines() {
        return Arrays.stream(out.toString(StandardCharsets.UTF_8).split("\n"))
                .filter(l -> !l.isEmpty())
                .map(JsonObject::new)
                .toList();
    }

    @Test
    void validLinesFromStdinExitZeroWithOneJsonObjectEach() {
        int status = run(
                "(90)DKL1234567890A1(91)281231\n]d290DKL1234567890A1" + GS + "10B01" + GS + "1728123121X\n",
                "gs1",
                "check");

        assertThat(status).isZero();
        List<JsonObject> lines = lines();
        assertThat(lines).hasSize(2);
        JsonObject first = lines.get(0);
        assertThat(first.getString("input")).isEqualTo("(90)DKL1234567890A1(91)281231");
        assertThat(first.getBoolean("valid")).isTrue();
        assertThat(first.getString("kind")).isEqualTo("IDENTIFICATION");
        assertThat(first.getJsonObject("elements").getMap())
                .containsEntry("90", "DKL1234567890A1")
                .containsEntry("91", "281231");
        assertThat(first.getString("bracketed")).isEqualTo("(90)DKL1234567890A1(91)281231");
        assertThat(first.getJsonArray("errors")).isEmpty();
        JsonObject second = lines.get(1);
        assertThat(second.getString("input")).contains(String.valueOf(GS));
        assertThat(second.getString("kind")).isEqualTo("AUTHENTICATION");
        assertThat(second.getString("bracketed")).isEqualTo("(90)DKL1234567890A1(10)B01(17)281231(21)X");
    }

    @Test
    void anInvalidLineExitsOneAndListsEveryError() {
        int status = run("(90)A(91)281231\n(01)09506000134353(10)B0@1(17)281332\n", "gs1", "check");

        assertThat(status).isEqualTo(1);
        JsonObject bad = lines().get(1);
        assertThat(bad.getBoolean("valid")).isFalse();
        assertThat(bad.getJsonArray("errors").stream()
                        .map(e -> ((JsonObject) e).getString("code"))
                        .toList())
                .containsExactly("GTIN_CHECK_DIGIT", "CHARSET", "DATE_INVALID", "AI_MISSING");
        JsonObject charset = bad.getJsonArray("errors").getJsonObject(1);
        assertThat(charset.getString("ai")).isEqualTo("10");
        assertThat(charset.getInteger("offset")).isEqualTo(24);
        assertThat(charset.getString("message")).contains("'@'");
    }

    @Test
    void junkGivesNullKindAndNoBracketedForm() {
        int status = run("hello\n\n", "gs1", "check");

        assertThat(status).isEqualTo(1);
        assertThat(lines()).hasSize(2).allSatisfy(l -> {
            assertThat(l.getValue("kind")).isNull();
            assertThat(l.getValue("bracketed")).isNull();
            assertThat(l.getBoolean("valid")).isFalse();
        });
    }

    @Test
    void readsFilesInOrder() throws IOException {
        Path a = Files.writeString(dir.resolve("a.txt"), "(90)A(91)281231\r\n(90)B(91)281231\n");
        Path b = Files.writeString(dir.resolve("b.txt"), "(90)C(91)281231");

        int status = run("", "gs1", "check", a.toString(), b.toString());

        assertThat(status).isZero();
        assertThat(lines())
                .extracting(l -> l.getJsonObject("elements").getString("90"))
                .containsExactly("A", "B", "C");
    }

    @Test
    void noDayZeroOptionRefusesDayZero() {
        assertThat(run("(90)A(91)281200\n", "gs1", "check")).isZero();
        out.reset();
        assertThat(run("(90)A(91)281200\n", "gs1", "check", "--no-day-zero")).isEqualTo(1);
        assertThat(lines().get(0).getJsonArray("errors").getJsonObject(0).getString("code"))
                .isEqualTo("DATE_INVALID");
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(run("", "gs1", "check", "--bogus")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option --bogus");
        assertThat(run("", "gs1", "check", dir.resolve("missing.txt").toString()))
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot read");
        assertThat(run("", "frobnicate")).isEqualTo(2);
        assertThat(run("")).isEqualTo(2);
    }

    @Test
    void helpListsTheCommands() {
        assertThat(run("", "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("serve").contains("gs1 check");
        out.reset();
        assertThat(run("", "gs1", "check", "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Exit status");
    }

    @Test
    void serveRefusesBadOptions() {
        assertThat(run("", "serve", "--port", "eighty")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--port must be a number");
        assertThat(run("", "serve", "--colour", "red")).isEqualTo(2);
        assertThat(run("", "serve", "--port")).isEqualTo(2);
    }

    @Test
    void theFastWriterWritesExactlyWhatTheJsonLibraryWrites() {
        io.lacak.core.gs1.Gs1Codec codec = io.lacak.core.gs1.Gs1Codec.bpom();
        List<String> inputs = List.of(
                "(90)DKL2600000001A1(10)B1(17)281231(21)2QXW28LW9WCL",
                "]d290DKL1" + GS + "10B" + GS + "17281231",
                "(90)DKL\"\\\t\b\f\u0001\u007f\u00e9\u4e2d(10)x",
                "",
                "(01)12345678901234",
                "https://id.example/01/09506000134352/10/A1",
                "(90)DKL1(91)991399",
                "((((",
                "\u001d\u001d");
        for (String input : inputs) {
            StringBuilder b = new StringBuilder();
            Gs1CheckCommand.writeJson(b, input, codec.parse(input));
            assertThat(b.toString())
                    .as(input)
                    .isEqualTo(Gs1CheckCommand.toJson(input, codec.parse(input)).encode());
        }
    }

    @Test
    void aFileOfManyBatchesComesOutInInputOrder() throws IOException {
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            in.append("(90)DKL2600000001A1(10)B")
                    .append(i)
                    .append("(17)281231(21)S")
                    .append(i)
                    .append('\n');
        }
        Path f = dir.resolve("many.txt");
        Files.writeString(f, in);
        assertThat(run("", "gs1", "check", f.toString())).isZero();
        List<JsonObject> out = lines();
        assertThat(out).hasSize(20_000);
        for (int i = 0; i < out.size(); i += 997) {
            assertThat(out.get(i).getJsonObject("elements").getString("10")).isEqualTo("B" + i);
        }
    }
}
