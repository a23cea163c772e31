package io.lacak.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged {@code lacak.jar}, run as a user runs it: {@code java -jar}, no flags. */
class LacakJarIT {

    private static final Path JAR = Path.of("target", "lacak.jar");

    @TempDir
    Path dir;

    record Run(int status, String out, String err) {}

    private Run java(Path stdin, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        if (stdin != null) {
            pb.redirectInput(stdin.toFile());
        }
        Process p = pb.start();
        int status = p.waitFor();
        return new Run(status, Files.readString(out), Files.readString(err));
    }

    @Test
    void manifestCarriesMainClassAndChronicleFlags() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            Manifest m = jar.getManifest();
            assertThat(m.getMainAttributes().getValue("Main-Class")).isEqualTo("io.lacak.api.cli.Main");
            assertThat(m.getMainAttributes().getValue("Add-Opens"))
                    .contains("java.base/java.lang", "java.base/java.util");
            assertThat(m.getMainAttributes().getValue("Add-Exports"))
                    .contains("java.base/jdk.internal.ref", "jdk.unsupported/sun.misc");
        }
    }

    @Test
    void helpListsSubcommands() throws Exception {
        Run r = java(null, "--help");

        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("serve", "gs1 check");
    }

    @Test
    void checksAPrintFileOfManyLines() throws Exception {
        Path file = dir.resolve("print.txt");
        int lines = 200_000;
        try (OutputStream os = Files.newOutputStream(file)) {
            for (int i = 0; i < lines; i++) {
                os.write(("]d290DKL1234567890A1\u001D10B" + (i % 997) + "\u001D1728123121S" + i + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
        }

        Run r = java(null, "gs1", "check", file.toString());

        assertThat(r.err()).isEmpty();
        assertThat(r.status()).isZero();
        assertThat(r.out().split("\n")).hasSize(lines).allSatisfy(l -> assertThat(l)
                .contains("\"valid\":true"));
    }

    @Test
    void invalidStdinExitsOne() throws Exception {
        Path file = Files.writeString(dir.resolve("in.txt"), "(90)A(91)281231\n(90)A(91)281331\n");

        Run r = java(file, "gs1", "check");

        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out().split("\n")[1]).contains("DATE_INVALID");
    }

    @Test
    void serveStartsOnTheEmbeddedDefaultsAndStopsOnSigterm_andTheStoreRebuildsFromTheJournal() throws Exception {
        Path data = dir.resolve("data");
        long stored = -1;
        for (int run = 0; run < 2; run++) { // the second start reuses the data directory
            Process server = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-jar",
                            JAR.toString(),
                            "serve",
                            "--port",
                            "0",
                            "--data",
                            data.toString(),
                            "--demo")
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            java.io.BufferedReader out = new java.io.BufferedReader(
                    new java.io.InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            List<String> printed = new java.util.ArrayList<>();
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("Lacak listening")) {
                printed.add(line);
            }
            assertThat(line).as("run %d", run).startsWith("Lacak listening on http://127.0.0.1:");
            if (run == 0) { // the first start creates the regulator and prints its password once, and the demo's logins
                assertThat(printed.get(0))
                        .matches("First start: regulator account 'regulator' created with password \\S{20} .*");
                assertThat(String.join("\n", printed))
                        .contains("MFR-DEMO: login pabrik / ")
                        .contains("X-API-Key lk_");
            } else {
                assertThat(printed)
                        .noneMatch(l -> l.contains("regulator account"))
                        .anyMatch(l -> l.contains("earlier start"));
            }
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)")
                    .matcher(line);
            assertThat(m.find()).isTrue();
            int port = Integer.parseInt(m.group(1));

            java.net.http.HttpResponse<String> health = java.net.http.HttpClient.newHttpClient()
                    .send(
                            java.net.http.HttpRequest.newBuilder(
                                            java.net.URI.create("http://127.0.0.1:" + port + "/health"))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"UP\"");
            stored = new io.vertx.core.json.JsonObject(health.body())
                    .getJsonObject("store")
                    .getLong("codes");
            if (run == 0) {
                ingestsAFileThroughTheCommandLine(port, printed);
            }

            server.destroy(); // SIGTERM: graceful stop
            assertThat(server.waitFor(120, java.util.concurrent.TimeUnit.SECONDS))
                    .isTrue();
            assertThat(data.resolve("store/store.open")).doesNotExist();
        }

        // the store is a view of the journal: rebuilt from scratch, it holds the same codes
        Run rebuild = java(null, "rebuild", "--data", data.toString());
        assertThat(rebuild.status()).as(rebuild.err()).isZero();
        assertThat(stored).isPositive();
        assertThat(rebuild.out())
                .matches("(?s)rebuilt " + String.format(java.util.Locale.ROOT, "%,d", stored)
                        + " codes from the journal up to sequence [1-9]\\d* in [\\d.]+ s\\R");
    }

    /** Issue 6: {@code lacak.jar ingest} uploads a usage file to the running server and follows the job. */
    private void ingestsAFileThroughTheCommandLine(int port, List<String> printed) throws Exception {
        String key = printed.stream()
                .filter(l -> l.contains("MFR-DEMO:"))
                .findFirst()
                .orElseThrow()
                .replaceAll(".*X-API-Key ", "")
                .strip();
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + port;
        String request = http.send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/api/v1/code-requests"))
                                .header("X-API-Key", key)
                                .header("content-type", "application/json")
                                .POST(
                                        java.net.http.HttpRequest.BodyPublishers.ofString(
                                                "{\"nie\":\"DKL2600000001A1\",\"batch\":\"CLI1\","
                                                        + "\"expiry\":\"2028-12-31\",\"primaries\":5,\"perSecondary\":5,\"perTertiary\":1}"))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString())
                .body();
        String id = request.replaceAll(".*\"id\":(\\d+).*", "$1");
        String[] codes = http.send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                                        base + "/api/v1/code-requests/" + id + "/codes?level=primary"))
                                .header("X-API-Key", key)
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString())
                .body()
                .split("\n");
        StringBuilder csv =
                new StringBuilder("Partner ID,Packaging,Primary Code,Secondary Code,Tertiary Code,NIE,Expiry,"
                        + "Batch,Active,Retained Sample,Reject\n");
        for (String code : codes) {
            csv.append("MFR-DEMO,Primer,")
                    .append(code)
                    .append(",0,0,DKL2600000001A1,2028-12-31,CLI1,TRUE,FALSE,FALSE\n");
        }
        Path file = dir.resolve("cli-usage.csv");
        Files.writeString(file, csv);

        Run r = java(null, "ingest", "usage", file.toString(), "--url", base, "--api-key", key);

        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"state\":\"DONE\"").contains("\"rowsAccepted\":5");
        assertThat(r.err()).contains("5 of 5 rows applied");
        Run again = java(null, "ingest", "usage", file.toString(), "--url", base, "--api-key", key);
        assertThat(again.out()).contains("\"repeated\":true"); // the same file is one job
    }

    @Test
    void readsInputAsUtf8WhateverTheLocale() throws Exception {
        Path file = dir.resolve("utf8.txt");
        Files.writeString(file, "(90)DKL\u00e9(91)281231\n", StandardCharsets.UTF_8);

        Run r = java(null, "gs1", "check", file.toString());

        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).contains("CHARSET").contains("\u00e9");
    }
}
