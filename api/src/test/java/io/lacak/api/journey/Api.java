package io.lacak.api.journey;

import io.lacak.api.Lacak;
import io.lacak.api.LacakConfig;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * One real server for a test class (embedded Postgres, real data directory, port 0) and a client
 * that calls it as a reporter would, with an API key or a token.
 */
final class Api implements AutoCloseable {

    static final String ADMIN_PASSWORD = "admin-password-for-tests";

    final Vertx vertx = Lacak.vertx();
    /** The server in this JVM; {@code null} when the server is elsewhere ({@link #Api(Route, JsonObject)}). */
    final Lacak lacak;
    /** The port each request goes to, by its credential. */
    private final Route route;
    /** The demo's credentials: by facility, {@code apiKey}, {@code username}, {@code password}. */
    private final JsonObject credentials;
    /** The reports sent (POSTs to the journal's report paths, whatever the answer). */
    final java.util.concurrent.atomic.AtomicInteger reports = new java.util.concurrent.atomic.AtomicInteger();

    /** The journal's report paths, as the server's route group {@code reports} counts them. */
    static final java.util.Set<String> REPORT_PATHS = java.util.Set.of(
            "usage-reports",
            "shipments",
            "receipts",
            "sales",
            "returns",
            "return-decisions",
            "recalls",
            "recall-letters",
            "recall-shipments",
            "recall-receipts",
            "unpacks");

    /** Which server's port a request goes to, by its credential (an API key, a token or {@code null}). */
    @FunctionalInterface
    interface Route {
        int port(String credential) throws Exception;
    }

    final WebClient client;
    final Path dataDir;
    /** The e-mails the server sent: {@code to}, {@code subject}, {@code body}. */
    final List<JsonObject> mails = new java.util.concurrent.CopyOnWriteArrayList<>();

    Api(int bodyLimit) throws Exception {
        this(Files.createTempDirectory("lacak-api-test"), bodyLimit);
    }

    /** A server on {@code dir}, which may hold the data of an earlier one. */
    Api(Path dir, int bodyLimit) throws Exception {
        this(dir, c -> c.setBodyLimit(bodyLimit));
    }

    /** A server on {@code dir} with settings of its own. */
    Api(Path dir, UnaryOperator<LacakConfig> settings) throws Exception {
        this(dir, settings, false);
    }

    /**
     * A server on {@code dir} with settings of its own; {@code configuredMail}: the mailer its
     * settings choose ({@code LACAK_SMTP_*}), as {@code serve} does, instead of recording the mail in
     * {@link #mails}.
     */
    Api(Path dir, UnaryOperator<LacakConfig> settings, boolean configuredMail) throws Exception {
        this.dataDir = dir;
        LacakConfig config = settings.apply(LacakConfig.defaults()
                .setDataDir(dir)
                .setPort(0)
                .setStoreInitialCodes(100_000)
                .setAdminPassword(ADMIN_PASSWORD)
                .setDemo(true));
        lacak = (configuredMail
                        ? Lacak.start(vertx, config)
                        : Lacak.start(vertx, config, (to, subject, body) -> {
                            mails.add(new JsonObject()
                                    .put("to", to)
                                    .put("subject", subject)
                                    .put("body", body));
                            return io.vertx.core.Future.succeededFuture();
                        }))
                .await(180, TimeUnit.SECONDS);
        client = WebClient.create(vertx);
        route = credential -> lacak.port();
        credentials = null; // the server's own, read when asked (demo())
    }

    /**
     * A client of servers in other JVMs (issue 21: the nodes of a cluster), each request sent to the
     * port {@code route} picks by its credential; {@code credentials}: the demo's, as its {@code
     * --demo} node printed them ({@link LacakNode#credentials()}).
     */
    Api(Route route, JsonObject credentials) {
        this.dataDir = null;
        this.lacak = null;
        this.route = route;
        this.credentials = credentials;
        client = WebClient.create(vertx);
    }

    /** The demo's API key of a facility. */
    String key(String partnerId) {
        return demo().getJsonObject(partnerId).getString("apiKey");
    }

    String password(String partnerId) {
        return demo().getJsonObject(partnerId).getString("password");
    }

    private JsonObject demo() {
        return credentials != null ? credentials : lacak.demo().credentials();
    }

    HttpResponse<Buffer> post(String path, String apiKey, JsonObject body) throws Exception {
        return send(HttpMethod.POST, path, apiKey, body == null ? null : Buffer.buffer(body.encode()));
    }

    HttpResponse<Buffer> put(String path, String apiKey, JsonObject body) throws Exception {
        return send(HttpMethod.PUT, path, apiKey, Buffer.buffer(body.encode()));
    }

    /** A multipart form posted, with {@code token} as the bearer ({@code null}: none). */
    HttpResponse<Buffer> multipart(String path, String token, io.vertx.ext.web.multipart.MultipartForm form)
            throws Exception {
        HttpRequest<Buffer> r = client.request(HttpMethod.POST, route.port(token), "127.0.0.1", path);
        if (token != null) {
            r.putHeader("Authorization", "Bearer " + token);
        }
        return r.sendMultipartForm(form).await(30, TimeUnit.SECONDS);
    }

    /**
     * Seed 002: a plant of the company of {@code token} with one licensed hard-capsule dosage form;
     * the dosage form's id.
     */
    int capsulePlant(String token, String plant, String address, String licence) throws Exception {
        JsonObject profile = ok(post(
                "/api/v1/me/company/plants",
                token,
                new JsonObject().put("name", plant).put("address", address)));
        int id = profile.getJsonArray("plants").getJsonObject(0).getInteger("id");
        profile = ok(post(
                "/api/v1/me/company/plants/" + id + "/dosage-forms",
                token,
                new JsonObject()
                        .put("dosageForm", "HARD_CAPSULE")
                        .put("productionLicenceNumber", licence)
                        .put("productionLicenceDate", "2024-02-01")));
        return profile.getJsonArray("plants")
                .getJsonObject(0)
                .getJsonArray("dosageForms")
                .getJsonObject(0)
                .getInteger("id");
    }

    /**
     * ASROT (seed 000): a draft of {@code token}'s manufacturer submitted for pre-registration, its
     * SPB waiting to be paid; the application's id.
     */
    long preRegistrationAwaitingPayment(String token, String name) throws Exception {
        long id = ok(post("/api/v1/product-applications", token, ProductRegistrationTest.draft(name)))
                .getLong("id");
        ok(post(
                "/api/v1/product-applications/" + id + "/actions",
                token,
                new JsonObject()
                        .put("action", "SUBMIT_PRE_REGISTRATION")
                        .put("ossLicenceCode", "063000000066")
                        .put("ossLicenceId", "I-202303151648407742643")));
        return id;
    }

    /** The tracking numbers of a regulator's complaint list at {@code path}. */
    java.util.List<String> trackingNumbers(String path, String token) throws Exception {
        return ok(get(path, token)).getJsonArray("complaints").stream()
                .map(x -> ((JsonObject) x).getString("trackingNumber"))
                .toList();
    }

    private static JsonObject ok(HttpResponse<Buffer> r) {
        org.assertj.core.api.Assertions.assertThat(r.statusCode())
                .as(r.bodyAsString())
                .isBetween(200, 201);
        return r.bodyAsJsonObject();
    }

    HttpResponse<Buffer> get(String path, String apiKey) throws Exception {
        return send(HttpMethod.GET, path, apiKey, null);
    }

    HttpResponse<Buffer> send(HttpMethod method, String path, String credential, Buffer body) throws Exception {
        if (method == HttpMethod.POST && path.startsWith("/api/v1/")) {
            String first = path.substring("/api/v1/".length()).split("[/?]", 2)[0];
            if (REPORT_PATHS.contains(first)) {
                reports.incrementAndGet();
            }
        }
        HttpRequest<Buffer> r = client.request(method, route.port(credential), "127.0.0.1", path);
        if (credential != null) {
            if (credential.startsWith("lk_")) {
                r.putHeader("X-API-Key", credential);
            } else {
                r.putHeader("Authorization", "Bearer " + credential);
            }
        }
        if (body != null) {
            r.putHeader("content-type", "application/json");
            return r.sendBuffer(body).await(60, TimeUnit.SECONDS);
        }
        return r.send().await(60, TimeUnit.SECONDS);
    }

    /**
     * The link starting with {@code prefix} in the newest e-mail to {@code to} that has one, waiting
     * ({@code null}: to anyone), waiting for the outbox to send it (a one-time link exists only in the mail).
     */
    String mailedLink(String to, String prefix) throws Exception {
        return mailedLink(to, prefix, 0);
    }

    /** The same among the e-mails sent after the first {@code since} ({@code mails.size()} before the action). */
    String mailedLink(String to, String prefix, int since) throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        int seen = -1;
        while (System.currentTimeMillis() < deadline) {
            List<JsonObject> sent = List.copyOf(mails);
            for (int i = sent.size() - 1; i >= since; i--) {
                JsonObject m = sent.get(i);
                if (to == null || m.getString("to").equals(to)) {
                    for (String line : m.getString("body").split("\n")) {
                        if (line.startsWith(prefix)) {
                            return line;
                        }
                    }
                }
            }
            seen = sent.size();
            Thread.sleep(200);
        }
        throw new AssertionError("no e-mail to " + to + " with a link " + prefix + " among " + seen);
    }

    /** Logs in; returns the token. */
    String login(String username, String password) throws Exception {
        HttpResponse<Buffer> r = post(
                "/api/v1/login",
                null,
                new JsonObject().put("username", username).put("password", password));
        if (r.statusCode() != 200) {
            throw new AssertionError("login " + username + ": " + r.statusCode() + " " + r.bodyAsString());
        }
        return r.bodyAsJsonObject().getString("token");
    }

    /** The codes of one level of a code request, one per line. */
    List<String> codes(long requestId, String level, String apiKey) throws Exception {
        HttpResponse<Buffer> r = get("/api/v1/code-requests/" + requestId + "/codes?level=" + level, apiKey);
        if (r.statusCode() != 200) {
            throw new AssertionError(r.bodyAsString());
        }
        return List.of(r.bodyAsString().split("\n"));
    }

    /** The primaries of a new code request of the demo's authentication product for batch {@code batch}. */
    List<String> issue(String key, String batch, int primaries) throws Exception {
        HttpResponse<Buffer> r = post(
                "/api/v1/code-requests",
                key,
                new JsonObject()
                        .put("nie", io.lacak.api.Demo.AUTH_NIE)
                        .put("batch", batch)
                        .put("expiry", "2028-11-30")
                        .put("primaries", primaries)
                        .put("perSecondary", 1)
                        .put("perTertiary", 1));
        if (r.statusCode() != 201) {
            throw new AssertionError(r.bodyAsString());
        }
        return codes(r.bodyAsJsonObject().getLong("id"), "primary", key);
    }

    /** Reports the primaries as released (Lampiran G), at {@code occurredAt} (null: now). */
    void activate(String key, java.time.Instant occurredAt, String... primaries) throws Exception {
        JsonArray lines = new JsonArray();
        for (String p : primaries) {
            lines.add(new JsonObject().put("primary", p).put("use", "ACTIVE"));
        }
        JsonObject body = new JsonObject().put("lines", lines);
        if (occurredAt != null) {
            body.put("occurredAt", occurredAt.toString());
        }
        HttpResponse<Buffer> r = post("/api/v1/usage-reports", key, body);
        if (r.statusCode() != 200) {
            throw new AssertionError(r.bodyAsString());
        }
    }

    static JsonObject codes(String... codes) {
        return new JsonObject().put("codes", new JsonArray(List.of((Object[]) codes)));
    }

    /** Closes each of {@code parts} that was opened (a test's browser and server), in order. */
    static void closeAll(AutoCloseable... parts) throws Exception {
        for (AutoCloseable part : parts) {
            if (part != null) {
                part.close();
            }
        }
    }

    /**
     * Issue 21: a manufacturer {@code partnerId} (the NIE holder of a shard of its own, say) with one
     * product {@code nie}, registered on this server as an administrator would; its API key.
     */
    String manufacturerWithProduct(String partnerId, String nie, String productName) throws Exception {
        io.lacak.api.Services s = lacak.services();
        s.registration()
                .facilities()
                .register(new io.lacak.registration.facility.Facilities.Register(
                        partnerId,
                        "MANUFACTURER",
                        "PT " + partnerId,
                        "Jl. Pabrik 9, Cikarang",
                        String.format("09%014d", Math.floorMod((long) partnerId.hashCode(), 100_000_000_000_000L)),
                        "Apt. " + partnerId,
                        "+62 21 555 0199",
                        partnerId.toLowerCase(java.util.Locale.ROOT) + "@demo.lacak.invalid"))
                .await(30, TimeUnit.SECONDS);
        s.registration()
                .products()
                .register(new io.lacak.registration.product.Products.Register(
                        nie,
                        productName,
                        partnerId,
                        "DRUG",
                        "PRESCRIPTION",
                        null,
                        "kapsul",
                        "Dus, 10 strip @ 10 kapsul",
                        java.time.LocalDate.now().plusYears(5).toString(),
                        null))
                .await(30, TimeUnit.SECONDS);
        return s.registration()
                .apiKeys()
                .create(s.sequencer().referenceData().facility(partnerId).ref(), "test", 0)
                .await(30, TimeUnit.SECONDS)
                .key();
    }

    /** Issue 21: the URL another cluster node reaches this node's embedded Postgres by, its password in it. */
    String pgUrl() throws Exception {
        String uri = lacak.services().database().uri(); // postgresql://user@host:port/db
        String password = java.nio.file.Files.readString(dataDir.resolve("keys").resolve("pg.password"))
                .strip();
        return uri.replaceFirst("@", ":" + password + "@");
    }

    /**
     * Issue 21: a data directory for another cluster node holding this node's serial keys (cluster
     * nodes read the same codes; {@code LACAK_SERIAL_KEY} does it in production).
     */
    Path dataDirSharingKeys(String prefix) throws Exception {
        Path dir = java.nio.file.Files.createTempDirectory(prefix);
        java.nio.file.Files.createDirectories(dir.resolve("keys"));
        for (String key : new String[] {"serial.keys", "jwt.key"}) { // a cluster's nodes share both
            java.nio.file.Files.copy(
                    dataDir.resolve("keys").resolve(key), dir.resolve("keys").resolve(key));
        }
        return dir;
    }

    @Override
    public void close() throws Exception {
        if (lacak != null) {
            lacak.stop().await(60, TimeUnit.SECONDS);
        }
        vertx.close().await(30, TimeUnit.SECONDS);
    }
}
