package io.lacak.api.journey;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code lacak.jar serve} in its own JVM (issue 21), its data directory its own, its database the
 * cluster's ({@code LACAK_PG_URL} in {@code env}), named by {@code LACAK_NODE}; what it prints read
 * for its port and, with {@code --demo}, the demo's credentials.
 *
 * <p>{@code LacakNode a = LacakNode.start(dir, "a", env, true); String key = a.apiKeys().get(PHARMACY);}
 */
final class LacakNode implements AutoCloseable {

    static final Path JAR = Path.of("target", "lacak.jar");
    static final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Pattern LISTENING = Pattern.compile("^Lacak listening on http://127\\.0\\.0\\.1:(\\d+)");
    /** A demo facility's line: {@code "  PARTNER: login USER / PASSWORD, X-API-Key lk_..."}, the login optional. */
    private static final Pattern DEMO_LINE =
            Pattern.compile("^\\s+(\\S+): (?:login (\\S+) / (\\S+), )?X-API-Key (lk_\\S+)");

    final String name;
    final Process process;
    final Path dir;
    final List<String> printed = new java.util.concurrent.CopyOnWriteArrayList<>();
    final CompletableFuture<Integer> port = new CompletableFuture<>();

    private LacakNode(String name, Process process, Path dir) {
        this.name = name;
        this.process = process;
        this.dir = dir;
        Thread reader = new Thread(() -> {
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    printed.add(line);
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    }
                }
            } catch (IOException e) {
                // the process is gone
            }
        });
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts node {@code name} on {@code dir/name} (its stderr in {@code dir/name.err}); with {@code
     * demo} ({@code --demo}, the node that seeds the demo's accounts) waits until it listens.
     */
    static LacakNode start(Path dir, String name, Map<String, String> env, boolean demo) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-jar",
                JAR.toString(),
                "serve",
                "--port",
                "0",
                "--data",
                dir.resolve(name).toString()));
        if (demo) {
            command.add("--demo");
        }
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectError(dir.resolve(name + ".err").toFile());
        pb.environment().putAll(env);
        pb.environment().put("LACAK_NODE", name);
        LacakNode n = new LacakNode(name, pb.start(), dir);
        if (demo) {
            try {
                n.awaitListening(Duration.ofSeconds(180));
            } catch (AssertionError | Exception e) {
                n.close();
                throw e;
            }
        }
        return n;
    }

    boolean listening(Duration within) throws Exception {
        try {
            port.get(within.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        }
    }

    /** Waits until the node listens; else fails with what it printed. */
    void awaitListening(Duration within) throws Exception {
        if (!listening(within)) {
            throw new AssertionError("node " + name + " did not start: " + printed + "\n"
                    + Files.readString(dir.resolve(name + ".err")));
        }
    }

    /** The demo's API key of each facility, as {@code --demo} printed them. */
    Map<String, String> apiKeys() {
        Map<String, String> keys = new HashMap<>();
        JsonObject all = credentials();
        for (String partner : all.fieldNames()) {
            keys.put(partner, all.getJsonObject(partner).getString("apiKey"));
        }
        return keys;
    }

    /**
     * The demo's credentials as {@code --demo} printed them, in the shape of {@code
     * Demo.credentials()}: for each facility {@code apiKey}, and {@code username} and {@code password}
     * when this start created its account.
     */
    JsonObject credentials() {
        JsonObject all = new JsonObject();
        for (String line : printed) {
            Matcher m = DEMO_LINE.matcher(line);
            if (m.find()) {
                JsonObject c = new JsonObject().put("apiKey", m.group(4));
                if (m.group(2) != null) {
                    c.put("username", m.group(2)).put("password", m.group(3));
                }
                all.put(m.group(1), c);
            }
        }
        return all;
    }

    void kill() throws Exception {
        process.destroyForcibly(); // SIGKILL: no shutdown hook, no last commit
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    int port() throws Exception {
        return port.get();
    }

    String base() throws Exception {
        return "http://127.0.0.1:" + port.get();
    }

    /** {@code /health} as JSON, whatever its status. */
    JsonObject health() throws Exception {
        return new JsonObject(http.send(
                        HttpRequest.newBuilder(URI.create(base() + "/health"))
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body());
    }

    HttpRequest request(String path, String apiKey, JsonObject body) throws Exception {
        return HttpRequest.newBuilder(URI.create(base() + path))
                .timeout(Duration.ofSeconds(30))
                .header("X-API-Key", apiKey)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.encode()))
                .build();
    }

    String send(String path, String apiKey, JsonObject body, int status) throws Exception {
        HttpResponse<String> r = http.send(request(path, apiKey, body), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(status);
        return r.body();
    }

    JsonObject post(String path, String apiKey, JsonObject body) throws Exception {
        return new JsonObject(send(path, apiKey, body, 200));
    }

    /** A GET answered 200; {@code credential}: an API key, a bearer token ({@code Bearer ...}) or {@code null}. */
    HttpResponse<String> get(String path, String credential) throws Exception {
        HttpRequest.Builder get =
                HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30));
        if (credential != null) {
            if (credential.startsWith("Bearer ")) {
                get.header("Authorization", credential);
            } else {
                get.header("X-API-Key", credential);
            }
        }
        HttpResponse<String> r = http.send(get.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return r;
    }

    @Override
    public void close() throws Exception {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
}
