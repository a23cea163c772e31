package io.lacak.api.journey;

import static io.lacak.api.Demo.MANUFACTURER;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 15: slow clients. A request head sent a byte at a time or never finished, and a body that
 * never ends, are cut off by the header and body timeouts (tiny here; the idle timeout is longer,
 * so that it is not what cuts them), leave no file behind, and never keep the server from
 * answering others. Files that earlier runs left are deleted at start.
 */
class SlowClientsTest {

    static final Duration HEADER = Duration.ofSeconds(1);
    static final Duration BODY = Duration.ofSeconds(2);
    static final Duration IDLE = Duration.ofSeconds(20);
    static Api api;
    static NetClient net;
    static Path uploads;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("lacak-slow");
        uploads = dir.resolve("uploads");
        Files.createDirectories(uploads.resolve("tmp"));
        // what a killed server left: an upload being received, a form file; and a queued job's file
        FileTime old = FileTime.from(Instant.now().minus(Duration.ofHours(3)));
        for (Path f : List.of(
                uploads.resolve("incoming-3f2a.csv"),
                uploads.resolve("tmp").resolve("9d1c"),
                uploads.resolve("41.csv"))) {
            Files.writeString(f, "x\n");
            Files.setLastModifiedTime(f, old);
        }
        Files.writeString(uploads.resolve("tmp").resolve("being-received"), "x"); // recent: in use
        api = new Api(dir, c -> c.setHeaderTimeout(HEADER)
                .setBodyTimeout(BODY)
                .setUploadTimeout(BODY)
                .setIdleTimeout(IDLE)
                .setVerifyRate(0));
        net = api.vertx.createNetClient();
    }

    @AfterAll
    static void stop() throws Exception {
        net.close().await(10, TimeUnit.SECONDS);
        api.close();
    }

    @Test
    void leftoversOfInterruptedUploadsAreDeletedAtStartAndNothingElse() {
        assertThat(uploads.resolve("incoming-3f2a.csv")).doesNotExist();
        assertThat(uploads.resolve("tmp").resolve("9d1c")).doesNotExist();
        assertThat(uploads.resolve("41.csv")).exists(); // a job's file: the job reads it
        assertThat(uploads.resolve("tmp").resolve("being-received")).exists();
    }

    @Test
    void aHeadSentAByteAtATimeIsCutOffAtTheHeaderTimeoutWhileOthersAreAnswered() throws Exception {
        // 200 bytes at one per 100 ms would take 20 s: the idle timeout (20 s) never fires, the header timeout (1 s)
        // does
        byte[] head = ("GET /health HTTP/1.1\r\nHost: lacak\r\nX-Pad: " + "a".repeat(200) + "\r\n\r\n").getBytes();
        NetSocket socket = net.connect(api.lacak.port(), "127.0.0.1").await(10, TimeUnit.SECONDS);
        Promise<Void> closed = Promise.promise();
        Buffer answer = Buffer.buffer();
        socket.handler(answer::appendBuffer);
        socket.closeHandler(v -> closed.tryComplete());
        int[] sent = {0};
        api.vertx.setPeriodic(100, t -> {
            if (closed.future().isComplete() || sent[0] == head.length) {
                api.vertx.cancelTimer(t);
                return;
            }
            socket.write(Buffer.buffer(new byte[] {head[sent[0]++]}));
        });
        assertHealthy(); // others are answered meanwhile
        closed.future().await(60, TimeUnit.SECONDS);
        assertThat(sent[0]).as("bytes sent before the server closed").isLessThan(head.length);
        assertThat(answer.length())
                .as("no answer to a head that never completed")
                .isZero();
    }

    @Test
    void manyHeadsNeverFinishedAndConnectionsThatSayNothingAreAllClosed() throws Exception {
        List<Future<Void>> closings = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            NetSocket socket = net.connect(api.lacak.port(), "127.0.0.1").await(10, TimeUnit.SECONDS);
            Promise<Void> closed = Promise.promise();
            socket.closeHandler(v -> closed.tryComplete());
            if (i % 2 == 0) {
                socket.write("POST /api/v1/verify HTTP/1.1\r\nHost: lacak\r\nContent-Type: multipart/form-data; bou");
            }
            closings.add(closed.future());
        }
        assertHealthy();
        for (Future<Void> c : closings) {
            c.await(60, TimeUnit.SECONDS);
        }
        assertHealthy();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/v1/verify",
                "/api/v1/complaints",
                "/api/v1/facility-requests",
                "/api/v1/companies",
                "/api/v1/uploads/usage"
            })
    void aMultipartBodyWithoutItsClosingBoundaryIs408AndLeavesNoFile(String path) throws Exception {
        Set<String> before = files();
        String part = "--XyZ\r\nContent-Disposition: form-data; name=\"question\"\r\n\r\nasli?\r\n"
                + "--XyZ\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"kemasan.png\"\r\nContent-Type: image/png\r\n\r\n"
                + "\u0089PNG\r\n" + "p".repeat(4000);
        String head = "POST " + path + " HTTP/1.1\r\nHost: lacak\r\nContent-Type: multipart/form-data; boundary=XyZ\r\n"
                + "Content-Length: 100000\r\n"
                + (path.contains("uploads") ? "X-API-Key: " + api.key(MANUFACTURER) + "\r\n" : "")
                + "\r\n";
        String answer = exchange(head + part);
        assertThat(answer)
                .as(path)
                .startsWith("HTTP/1.1 408")
                .contains("BODY_TIMEOUT")
                .containsIgnoringCase("connection: close");
        awaitFiles(before);
    }

    @Test
    void aBodyTrickledSoThatTheConnectionIsNeverIdleStillEndsAtTheBodyTimeout() throws Exception {
        Set<String> before = files();
        String head =
                "POST /api/v1/uploads/usage HTTP/1.1\r\nHost: lacak\r\nContent-Type: text/csv\r\nTransfer-Encoding: chunked\r\n"
                        + "X-API-Key: " + api.key(MANUFACTURER) + "\r\n\r\n";
        NetSocket socket = net.connect(api.lacak.port(), "127.0.0.1").await(10, TimeUnit.SECONDS);
        Promise<String> closed = Promise.promise();
        Buffer answer = Buffer.buffer();
        socket.handler(answer::appendBuffer);
        socket.closeHandler(v -> closed.tryComplete(answer.toString()));
        socket.write(head);
        int[] sent = {0};
        api.vertx.setPeriodic(100, t -> {
            if (closed.future().isComplete() || ++sent[0] > 300) {
                api.vertx.cancelTimer(t);
                return;
            }
            socket.write("1\r\nx\r\n"); // a one-byte chunk every 100 ms, for 30 s at most
        });
        assertThat(closed.future().await(60, TimeUnit.SECONDS)).startsWith("HTTP/1.1 408");
        assertThat(sent[0]).isLessThan(300);
        awaitFiles(before);
    }

    @Test
    void aBodyThatEndsInTimeIsServedAsBefore() throws Exception {
        String answer = exchange("POST /api/v1/verify HTTP/1.1\r\nHost: lacak\r\nContent-Type: application/json\r\n"
                + "Content-Length: 13\r\nConnection: close\r\n\r\n{\"code\":\"x\"}\n");
        assertThat(answer).startsWith("HTTP/1.1 ").doesNotStartWith("HTTP/1.1 408");
    }

    /**
     * The server answers /health, on a connection of its own: the shared client's kept-alive connection
     * would be closed by the header timeout (1 s here) whenever it waits longer than that between two
     * requests, and a request sent on it as it closes fails with "Connection was closed" (CI, once;
     * the answers' {@code Keep-Alive: timeout=1} cannot be a second under a 1 s header timeout).
     */
    private static void assertHealthy() throws Exception {
        assertThat(exchange("GET /health HTTP/1.1\r\nHost: lacak\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 200")
                // clients that read it drop an idle connection before the header timeout does
                .containsIgnoringCase("\r\nkeep-alive: timeout=1\r\n");
    }

    /** Sends {@code request} on a fresh connection; everything the server answered until it closed. */
    private static String exchange(String request) throws Exception {
        NetSocket socket = net.connect(api.lacak.port(), "127.0.0.1").await(10, TimeUnit.SECONDS);
        Promise<String> closed = Promise.promise();
        Buffer answer = Buffer.buffer();
        socket.handler(answer::appendBuffer);
        socket.closeHandler(v -> closed.tryComplete(answer.toString(java.nio.charset.StandardCharsets.ISO_8859_1)));
        socket.write(Buffer.buffer(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
        return closed.future().await(60, TimeUnit.SECONDS);
    }

    /** The files under the uploads directory; the server deletes some while this walks: read again then. */
    private static Set<String> files() throws Exception {
        for (int attempt = 0; ; attempt++) {
            try (Stream<Path> all = Files.walk(uploads)) {
                return all.filter(Files::isRegularFile)
                        .map(p -> uploads.relativize(p).toString())
                        .collect(Collectors.toCollection(TreeSet::new));
            } catch (java.io.UncheckedIOException e) {
                if (!(e.getCause() instanceof java.nio.file.NoSuchFileException) || attempt == 10) {
                    throw e;
                }
            }
        }
    }

    /** Files are deleted as the connection closes, asynchronously: waits (10 s at most) for the directory to be as it was. */
    private static void awaitFiles(Set<String> before) throws Exception {
        for (int i = 0; i < 100 && !files().equals(before); i++) {
            Thread.sleep(100);
        }
        assertThat(files()).isEqualTo(before);
    }
}
