package io.lacak.api;

import io.lacak.registration.notice.SmtpOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Everything the server is told: defaults, then a configuration file ({@code serve --config FILE},
 * {@code KEY=value} lines), then {@code LACAK_*} environment variables, then command-line options,
 * each overriding the one before.
 *
 * <p>{@link #SETTINGS} is the one table of settings: it holds each variable's type, default and
 * description, parses it and applies it here. {@code serve --help} and the README's settings table
 * are made from it ({@code SettingsTableTest} fails when the README differs).
 *
 * <p>Longer than most classes because it holds the table as well as a typed accessor and fluent
 * setter per setting; there is no logic here beyond parsing and the setters' range checks.
 *
 * <p>{@code LacakConfig c = LacakConfig.defaults().withEnvironment(System.getenv()).setPort(0);}
 *
 * <p>Over 400 lines because it is the one table of settings (name, type, default, description,
 * setter) with the typed accessor of each: parsing, {@code serve --help} and the README are
 * derived from it, and splitting the table from the fields would write each setting twice again.
 */
public final class LacakConfig {

    /**
     * A type of setting: how a variable's text becomes a value ({@code parse(name, text)}, refusing
     * it with a message that names both) and how a default is written in the help and the README.
     */
    public record Kind<T>(String label, BiFunction<String, String, T> parse, Function<T, String> show) {}

    private static final Kind<String> STRING = new Kind<>("string", (name, v) -> v, v -> "`" + v + "`");
    private static final Kind<Path> PATH =
            new Kind<>("path", (name, v) -> Path.of(v), p -> "`" + (p.isAbsolute() ? p : "./" + p) + "`");
    private static final Kind<Integer> INT = new Kind<>("int", LacakConfig::parseInt, n -> grouped(n));
    private static final Kind<Boolean> BOOLEAN = new Kind<>("boolean", LacakConfig::parseBoolean, b -> "`" + b + "`");
    private static final Kind<Long> LONG = new Kind<>("long", LacakConfig::parseLong, LacakConfig::grouped);
    /** Bytes up to 2 GiB - 1, held in an {@code int}. */
    private static final Kind<Integer> INT_BYTES = new Kind<>("bytes", LacakConfig::parseInt, n -> bytes(n));

    private static final Kind<Long> BYTES = new Kind<>("bytes", LacakConfig::parseBytes, LacakConfig::bytes);
    private static final Kind<Duration> SECONDS = new Kind<>(
            "seconds", (name, v) -> Duration.ofSeconds(parseInt(name, v)), d -> Long.toString(d.toSeconds()));
    /** {@code yyyy-mm-dd} dates separated by commas, checked by the setter. */
    private static final Kind<SmtpOptions.Tls> TLS = new Kind<>(
            "none, starttls, tls", SmtpOptions.Tls::parse, t -> "`" + t.name().toLowerCase(Locale.ROOT) + "`");

    private static final Kind<String> ADDRESSES =
            new Kind<>("addresses", (name, v) -> v, v -> v.isBlank() ? "none" : "`" + v + "`");

    private static final Kind<String> DATES =
            new Kind<>("dates", (name, v) -> v, v -> v.isBlank() ? "none" : "`" + v + "`");

    /**
     * One {@code LACAK_*} setting: its variable, the {@code serve} option that also sets it (or
     * {@code ""}), its kind, its default ({@code null}: unset, and {@code unset} says what stands in),
     * the setter that applies it, and a one-line description in Markdown.
     */
    public record Setting<T>(
            String name,
            String option,
            Kind<T> kind,
            T defaultValue,
            String unset,
            BiConsumer<LacakConfig, T> set,
            String description) {

        static <T> Setting<T> of(
                String name, Kind<T> kind, T defaultValue, BiConsumer<LacakConfig, T> set, String description) {
            return new Setting<>(name, "", kind, defaultValue, null, set, description);
        }

        /** A setting with no default value: {@code unset} says what is used instead. */
        static <T> Setting<T> unset(
                String name, Kind<T> kind, String unset, BiConsumer<LacakConfig, T> set, String description) {
            return new Setting<>(name, "", kind, null, unset, set, description);
        }

        Setting<T> option(String option) {
            return new Setting<>(name, option, kind, defaultValue, unset, set, description);
        }

        /** The default as the help and the README write it (Markdown). */
        public String defaultText() {
            return defaultValue == null ? unset : kind.show().apply(defaultValue);
        }

        /** Parses {@code text} and applies it; a refusal names this variable and the text. */
        void apply(LacakConfig config, String text) {
            try {
                set.accept(config, kind.parse().apply(name, text));
            } catch (IllegalArgumentException e) {
                if (e.getMessage() != null && e.getMessage().contains(name)) {
                    throw e;
                }
                throw new IllegalArgumentException(name + "='" + text + "': " + e.getMessage(), e);
            }
        }

        void applyDefault(LacakConfig config) {
            if (defaultValue != null) {
                set.accept(config, defaultValue);
            }
        }
    }

    /** A {@code serve} option that no variable sets: listed after the settings. */
    public record Option(String option, String defaultText, String description) {}

    /** The settings, in the order the help and the README list them. */
    public static final List<Setting<?>> SETTINGS = List.of(
            Setting.of(
                            "LACAK_DATA_DIR",
                            PATH,
                            Path.of("data"),
                            LacakConfig::setDataDir,
                            "store, keys, embedded Postgres; made private to its owner (700) on start")
                    .option("--data"),
            Setting.of(
                            "LACAK_HOST",
                            STRING,
                            "127.0.0.1",
                            LacakConfig::setHost,
                            "set `0.0.0.0` to serve beyond this machine")
                    .option("--host"),
            Setting.of("LACAK_PORT", INT, 8080, LacakConfig::setPort, "`0` picks a free port")
                    .option("--port"),
            Setting.unset(
                    "LACAK_PG_URL",
                    STRING,
                    "embedded",
                    LacakConfig::setPgUrl,
                    "`postgresql://user:password@host:port/db`; the embedded server's password is `<data>/keys/pg.password`"),
            Setting.of(
                    "LACAK_SHARDS",
                    INT,
                    1,
                    LacakConfig::setShards,
                    "shards of the journal and the store (issue 21), fixed when the data is made: a product's codes are"
                            + " in shard `floor_mod(crc32(NIE holder's partner ID), S)`; one writer per shard, each its"
                            + " store in `<data>/shard-N` (shard 0 keeps `<data>/store`)"),
            Setting.unset(
                    "LACAK_NODE",
                    STRING,
                    "the only node",
                    LacakConfig::setNode,
                    "this node's name in a cluster over one database (issue 21): it writes its shards only while it"
                            + " holds their leases (its `LACAK_NODE_SHARDS`, all of them together, each writer fenced by"
                            + " its own); until then it listens as a standby, forwards `/api/` to the owner and takes"
                            + " the shards over when the owner's leases run out"),
            Setting.unset(
                    "LACAK_NODE_SHARDS",
                    STRING,
                    "all of them",
                    LacakConfig::setNodeShards,
                    "the shards a cluster node writes (`1` or `0,2`): it takes their leases together and stands by"
                            + " for exactly them; the owner of shard 0 is the registry, which answers what is no"
                            + " shard's own (registration, accounts, the regulator's views) and sends each shard's"
                            + " requests on to that shard's owner"),
            Setting.of(
                    "LACAK_LEASE",
                    SECONDS,
                    Duration.ofSeconds(10),
                    LacakConfig::setLease,
                    "seconds a cluster node's lease on its shard lasts unrenewed (it renews every third); another node"
                            + " takes the shard over after it"),
            Setting.of(
                    "LACAK_STANDBY_VERIFY",
                    BOOLEAN,
                    true,
                    LacakConfig::setStandbyVerify,
                    "a standby answers the public's `GET /api/v1/verify` from its own copy of the stores, which"
                            + " follows the owner's journal every quarter of a second: verify scales with the nodes;"
                            + " a copy not caught up within 2 s, a code it does not know yet and a sold code (the"
                            + " owner's clone watch counts its scans) go to the owner; `false` forwards every verify"),
            Setting.unset(
                    "LACAK_NODE_ADDRESS",
                    STRING,
                    "`http://<host>:<port>`",
                    LacakConfig::setNodeAddress,
                    "where the other cluster nodes reach this one (`http://10.0.0.5:8080`): a node that does not own"
                            + " the shard forwards `/api/` requests to the owner's address; set it when the host is"
                            + " `0.0.0.0` or behind NAT"),
            Setting.unset(
                    "LACAK_SERIAL_KEY",
                    STRING,
                    "`<data>/keys/serial.keys`",
                    LacakConfig::setSerialKey,
                    "base64 of the 32-byte FF1 key"),
            Setting.of(
                    "LACAK_STORE_INITIAL_CODES",
                    LONG,
                    10_000_000L,
                    LacakConfig::setStoreInitialCodes,
                    "codes the store's index is first sized for (it doubles when 80 % full)"),
            Setting.unset(
                    "LACAK_JWT_SECRET",
                    STRING,
                    "`<data>/keys/jwt.key`",
                    LacakConfig::setJwtSecret,
                    "base64 of the HS256 secret signing login tokens (>= 32 bytes); one-time links are sealed with a key derived"
                            + " from it"),
            Setting.of(
                    "LACAK_ADMIN_USER",
                    STRING,
                    "regulator",
                    LacakConfig::setAdminUser,
                    "first regulator account, created when there is none"),
            Setting.unset(
                    "LACAK_ADMIN_PASSWORD",
                    STRING,
                    "generated, printed once",
                    LacakConfig::setAdminPassword,
                    "its password"),
            Setting.of(
                    "LACAK_BODY_LIMIT",
                    INT_BYTES,
                    8 * 1024 * 1024,
                    LacakConfig::setBodyLimit,
                    "largest JSON request body in bytes (413 beyond)"),
            Setting.of(
                    "LACAK_UPLOAD_LIMIT",
                    BYTES,
                    2L * 1024 * 1024 * 1024,
                    LacakConfig::setUploadLimit,
                    "largest CSV upload in bytes, counted while it streams (413, connection closed)"),
            Setting.of(
                    "LACAK_UPLOAD_QUOTA",
                    BYTES,
                    4L * 1024 * 1024 * 1024,
                    LacakConfig::setUploadQuota,
                    "upload bytes one facility may have in flight at once (429 beyond)"),
            Setting.of(
                    "LACAK_UPLOAD_DISK_FLOOR",
                    BYTES,
                    1024L * 1024 * 1024,
                    LacakConfig::setUploadDiskFloor,
                    "free disk under the uploads below which uploads are refused (507)"),
            Setting.of(
                    "LACAK_VERIFY_RATE",
                    INT,
                    20,
                    LacakConfig::setVerifyRate,
                    "public requests (verify, complaints) per second per client address, bursts of twice that; `0`: no limit"),
            Setting.of(
                    "LACAK_LOGIN_RATE",
                    INT,
                    10,
                    LacakConfig::setLoginRate,
                    "logins, account activations, password changes and reset requests and completions per minute per client"
                            + " address, bursts of twice that (429 beyond); `0`: no limit"),
            Setting.of(
                    "LACAK_LOGIN_ACCOUNT_RATE",
                    INT,
                    5,
                    LacakConfig::setLoginAccountRate,
                    "logins (and password changes) per minute per username, and password reset requests per username or e-mail"
                            + " address asked for, from any number of addresses, bursts of twice that (429 with `Retry-After` before the"
                            + " password is checked, even a right one); `0`: no limit"),
            Setting.of(
                    "LACAK_HOLIDAYS",
                    DATES,
                    "",
                    LacakConfig::setHolidays,
                    "public holidays (`2026-12-25,2027-01-01`) that working-day deadlines skip besides weekends"),
            Setting.of(
                    "LACAK_TRUSTED_PROXIES",
                    ADDRESSES,
                    "",
                    LacakConfig::setTrustedProxies,
                    "addresses of reverse proxies (`127.0.0.1,10.0.0.2`) whose `X-Forwarded-For` names the client for rate"
                            + " limits and the clone watch (its right-most address not itself a listed proxy); from anyone"
                            + " else the header is ignored"),
            Setting.of(
                    "LACAK_CLONE_CLIENTS",
                    INT,
                    3,
                    LacakConfig::setCloneClients,
                    "different client addresses verifying one sold code before the regulator gets a `POSSIBLE_CLONE` alert;"
                            + " `0`: never"),
            Setting.of(
                    "LACAK_IDLE_TIMEOUT",
                    SECONDS,
                    Duration.ofSeconds(60),
                    LacakConfig::setIdleTimeout,
                    "seconds a connection may pass with nothing read or written before it is closed"),
            Setting.of(
                    "LACAK_HEADER_TIMEOUT",
                    SECONDS,
                    Duration.ofSeconds(20),
                    LacakConfig::setHeaderTimeout,
                    "seconds a connection has, from its opening or the end of its last answer, to send a complete request head"
                            + " (closed beyond)"),
            Setting.of(
                    "LACAK_BODY_TIMEOUT",
                    SECONDS,
                    Duration.ofSeconds(60),
                    LacakConfig::setBodyTimeout,
                    "seconds from a request's head to the end of its body (408 `BODY_TIMEOUT` and the connection closed beyond);"
                            + " CSV uploads excepted"),
            Setting.of(
                    "LACAK_UPLOAD_TIMEOUT",
                    SECONDS,
                    Duration.ofHours(1),
                    LacakConfig::setUploadTimeout,
                    "the same for a CSV upload (`POST /api/v1/uploads/{template}`)"),
            Setting.unset(
                    "LACAK_METRICS_TOKEN",
                    STRING,
                    "`<data>/keys/metrics.token`",
                    LacakConfig::setMetricsToken,
                    "bearer token `GET /metrics` requires; the file is generated on first start (mode 600) and never printed"),
            Setting.unset(
                    "LACAK_SMTP_HOST",
                    STRING,
                    "none: mail is logged",
                    LacakConfig::setSmtpHost,
                    "SMTP server that e-mail (activation links, notices) is sent through; unset, each message is written to the"
                            + " log whole, links included, for the operator to pass on"),
            Setting.of("LACAK_SMTP_PORT", INT, 587, LacakConfig::setSmtpPort, "its port"),
            Setting.of(
                    "LACAK_SMTP_TLS",
                    TLS,
                    SmtpOptions.Tls.STARTTLS,
                    LacakConfig::setSmtpTls,
                    "`starttls`: required, a server that does not offer it gets nothing; `tls`: TLS from the first byte (SMTPS,"
                            + " port 465); `none`: clear text, for a relay on this machine only"),
            Setting.unset("LACAK_SMTP_USER", STRING, "no login", LacakConfig::setSmtpUser, "SMTP login"),
            Setting.unset(
                    "LACAK_SMTP_PASSWORD", STRING, "none", LacakConfig::setSmtpPassword, "its password; never logged"),
            Setting.unset(
                    "LACAK_SMTP_FROM",
                    STRING,
                    "required with a host",
                    LacakConfig::setSmtpFrom,
                    "sender address (`From`) of the mail Lacak sends"));

    /** The {@code serve} options that no variable sets. */
    public static final List<Option> OPTIONS = List.of(
            new Option("--config FILE", "", "a file of `LACAK_*=value` lines; the environment and options override it"),
            new Option(
                    "--demo",
                    "off",
                    "seed a manufacturer, a distributor, a pharmacy and two products, and print their"
                            + " logins and API keys"));

    // the defaults are the table's, applied by defaults()
    private Path dataDir;
    private String host;
    private int port;
    private String pgUrl;
    private String serialKey;
    private long storeInitialCodes;
    private String jwtSecret;
    private String adminUser;
    private String adminPassword;
    private int bodyLimit;
    private boolean demo;
    private long uploadLimit;
    private long uploadQuota;
    private long uploadDiskFloor;
    private int verifyRate;
    private int cloneClients;
    private int loginRate;
    private int loginAccountRate;
    private Set<LocalDate> holidays;
    private Set<String> trustedProxies = Set.of();
    private Duration idleTimeout;
    private int shards = 1;
    private String node;
    /** {@code null}: every shard. */
    private java.util.SortedSet<Integer> nodeShards;

    private Duration lease;
    private boolean standbyVerify;
    private String nodeAddress;
    private Duration headerTimeout;
    private Duration bodyTimeout;
    private Duration uploadTimeout;
    private String metricsToken;
    /** Not a setting: what "now" is to the server (the system clock; tests move it to see time pass). */
    private java.time.Clock clock = java.time.Clock.systemUTC();

    private String smtpHost;
    private int smtpPort;
    private SmtpOptions.Tls smtpTls;
    private String smtpUser;
    private String smtpPassword;
    private String smtpFrom;

    private LacakConfig() {}

    public static LacakConfig defaults() {
        LacakConfig config = new LacakConfig();
        for (Setting<?> s : SETTINGS) {
            s.applyDefault(config);
        }
        return config;
    }

    /** Applies the {@code LACAK_*} variables of {@link #SETTINGS} present in {@code env}; others are ignored. */
    public LacakConfig withEnvironment(Map<String, String> env) {
        for (Setting<?> s : SETTINGS) {
            String v = env.get(s.name());
            if (v != null) {
                s.apply(this, v);
            }
        }
        return this;
    }

    /** Applies a configuration file of {@code LACAK_*=value} lines (Java properties syntax); other keys are refused. */
    public LacakConfig withFile(java.nio.file.Path file) {
        java.util.Properties p = new java.util.Properties();
        try (java.io.Reader r = java.nio.file.Files.newBufferedReader(file)) {
            p.load(r);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("cannot read configuration file " + file + ": " + e.getMessage());
        }
        java.util.Map<String, String> values = new java.util.HashMap<>();
        for (String key : p.stringPropertyNames()) {
            // a file holds settings only: a misspelt one would otherwise be ignored without a word
            if (SETTINGS.stream().noneMatch(s -> s.name().equals(key))) {
                throw new IllegalArgumentException("unknown setting " + key + " in " + file);
            }
            values.put(key, p.getProperty(key).strip());
        }
        return withEnvironment(values);
    }

    private static int parseInt(String name, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not '" + value + "'");
        }
    }

    private static boolean parseBoolean(String name, String value) {
        return switch (value.strip()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, not '" + value + "'");
        };
    }

    private static long parseLong(String name, String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not '" + value + "'");
        }
    }

    private static long parseBytes(String name, String v) {
        try {
            long n = Long.parseLong(v.strip());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number of bytes, not '" + v + "'");
        }
    }

    /** {@code 8080}, {@code 10,000,000}: thousands grouped from five digits on. */
    private static String grouped(long n) {
        return n >= 10_000 ? String.format(Locale.ROOT, "%,d", n) : Long.toString(n);
    }

    /** {@code 2 GiB} when a whole number of GiB, else the bytes grouped. */
    private static String bytes(long n) {
        long gib = 1024L * 1024 * 1024;
        return n > 0 && n % gib == 0 ? n / gib + " GiB" : grouped(n);
    }

    /** A timeout of at least a millisecond, named in the message when it is not. */
    private static Duration positive(String name, Duration d) {
        if (d == null || d.toMillis() < 1) {
            throw new IllegalArgumentException(
                    name + " must be 1 second or more, not " + (d == null ? null : d.toSeconds()));
        }
        return d;
    }

    public Path dataDir() {
        return dataDir;
    }

    public java.time.Clock clock() {
        return clock;
    }

    /** The server's clock; the system's unless a test needs days to pass. */
    public LacakConfig setClock(java.time.Clock clock) {
        this.clock = java.util.Objects.requireNonNull(clock, "clock");
        return this;
    }

    public LacakConfig setDataDir(Path dataDir) {
        this.dataDir = dataDir;
        return this;
    }

    public String host() {
        return host;
    }

    public LacakConfig setHost(String host) {
        this.host = host;
        return this;
    }

    public int port() {
        return port;
    }

    public LacakConfig setPort(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0 to 65535, not " + port);
        }
        this.port = port;
        return this;
    }

    public String pgUrl() {
        return pgUrl;
    }

    public LacakConfig setPgUrl(String pgUrl) {
        this.pgUrl = pgUrl == null || pgUrl.isBlank() ? null : pgUrl;
        return this;
    }

    /** How many shards the journal and the store have (issue 21); 1: everything in shard 0. */
    public int shards() {
        return shards;
    }

    public LacakConfig setShards(int shards) {
        if (shards < 1 || shards > io.lacak.core.journal.Shards.MAX) {
            throw new IllegalArgumentException(
                    "LACAK_SHARDS must be 1 to " + io.lacak.core.journal.Shards.MAX + ", not " + shards);
        }
        this.shards = shards;
        return this;
    }

    /** This node's name in a cluster; {@code null}: the only node, which takes no lease. */
    public String node() {
        return node;
    }

    public LacakConfig setNode(String node) {
        this.node = node == null || node.isBlank() ? null : node;
        return this;
    }

    public Duration lease() {
        return lease;
    }

    /** Where other cluster nodes reach this one; {@code null}: {@code http://<host>:<bound port>}. */
    public String nodeAddress() {
        return nodeAddress;
    }

    public LacakConfig setNodeAddress(String nodeAddress) {
        if (nodeAddress != null && !nodeAddress.isBlank() && !nodeAddress.matches("https?://[^/?#\\s]+")) {
            throw new IllegalArgumentException(
                    "LACAK_NODE_ADDRESS must be http://host:port (no path), not '" + nodeAddress + "'");
        }
        this.nodeAddress = nodeAddress == null || nodeAddress.isBlank() ? null : nodeAddress;
        return this;
    }

    /**
     * Issue 21: the shards this cluster node writes ({@code LACAK_NODE_SHARDS}), ascending; every
     * shard when unset. Refused when one is not below {@code LACAK_SHARDS}, and on a node that is no
     * cluster node ({@code LACAK_NODE} unset).
     */
    public java.util.List<Integer> nodeShards() {
        if (nodeShards == null) {
            return java.util.stream.IntStream.range(0, shards).boxed().toList();
        }
        if (node == null) {
            throw new IllegalArgumentException(
                    "LACAK_NODE_SHARDS is for a cluster node: set LACAK_NODE too (the only node writes every shard)");
        }
        for (int s : nodeShards) {
            if (s >= shards) {
                throw new IllegalArgumentException(
                        "LACAK_NODE_SHARDS names shard " + s + ", but LACAK_SHARDS is " + shards);
            }
        }
        return java.util.List.copyOf(nodeShards);
    }

    /** {@code "1"}, {@code "0,2"}; blank: every shard. */
    public LacakConfig setNodeShards(String list) {
        if (list == null || list.isBlank()) {
            this.nodeShards = null;
            return this;
        }
        java.util.SortedSet<Integer> out = new java.util.TreeSet<>();
        for (String part : list.split(",")) {
            String t = part.trim();
            if (!t.matches("[0-9]{1,4}")) {
                throw new IllegalArgumentException(
                        "LACAK_NODE_SHARDS must list shard numbers separated by commas, not '" + list + "'");
            }
            out.add(Integer.parseInt(t));
        }
        this.nodeShards = out;
        return this;
    }

    /** Issue 21: whether a standby answers public verify from its followed stores ({@code LACAK_STANDBY_VERIFY}). */
    public boolean standbyVerify() {
        return standbyVerify;
    }

    public LacakConfig setStandbyVerify(boolean standbyVerify) {
        this.standbyVerify = standbyVerify;
        return this;
    }

    public LacakConfig setLease(Duration lease) {
        this.lease = positive("LACAK_LEASE", lease);
        return this;
    }

    /** Never logged. */
    public String serialKey() {
        return serialKey;
    }

    public LacakConfig setSerialKey(String serialKey) {
        this.serialKey = serialKey;
        return this;
    }

    public long storeInitialCodes() {
        return storeInitialCodes;
    }

    public LacakConfig setStoreInitialCodes(long storeInitialCodes) {
        this.storeInitialCodes = storeInitialCodes;
        return this;
    }

    /** Never logged. */
    public String jwtSecret() {
        return jwtSecret;
    }

    public LacakConfig setJwtSecret(String jwtSecret) {
        this.jwtSecret = jwtSecret;
        return this;
    }

    public String adminUser() {
        return adminUser;
    }

    public LacakConfig setAdminUser(String adminUser) {
        this.adminUser = adminUser;
        return this;
    }

    /** Never logged. */
    public String adminPassword() {
        return adminPassword;
    }

    public LacakConfig setAdminPassword(String adminPassword) {
        this.adminPassword = adminPassword;
        return this;
    }

    public int bodyLimit() {
        return bodyLimit;
    }

    public LacakConfig setBodyLimit(int bodyLimit) {
        if (bodyLimit < 1024) {
            throw new IllegalArgumentException("LACAK_BODY_LIMIT must be at least 1024 bytes, not " + bodyLimit);
        }
        this.bodyLimit = bodyLimit;
        return this;
    }

    /** Upload bytes one facility may have in flight at once. */
    public long uploadQuota() {
        return uploadQuota;
    }

    public LacakConfig setUploadQuota(long uploadQuota) {
        this.uploadQuota = uploadQuota;
        return this;
    }

    public long uploadDiskFloor() {
        return uploadDiskFloor;
    }

    public LacakConfig setUploadDiskFloor(long uploadDiskFloor) {
        this.uploadDiskFloor = uploadDiskFloor;
        return this;
    }

    /** Largest CSV upload in bytes (streamed to disk, never held in memory). */
    public long uploadLimit() {
        return uploadLimit;
    }

    public LacakConfig setUploadLimit(long uploadLimit) {
        this.uploadLimit = uploadLimit;
        return this;
    }

    /** {@code serve --demo}: seed demo accounts, facilities and products, and print how to use them. */
    public boolean demo() {
        return demo;
    }

    public LacakConfig setDemo(boolean demo) {
        this.demo = demo;
        return this;
    }

    public int verifyRate() {
        return verifyRate;
    }

    public LacakConfig setVerifyRate(int verifyRate) {
        if (verifyRate < 0) {
            throw new IllegalArgumentException("LACAK_VERIFY_RATE must be 0 (no limit) or more, not " + verifyRate);
        }
        this.verifyRate = verifyRate;
        return this;
    }

    public int cloneClients() {
        return cloneClients;
    }

    public LacakConfig setCloneClients(int cloneClients) {
        if (cloneClients < 0) {
            throw new IllegalArgumentException("LACAK_CLONE_CLIENTS must be 0 (never) or more, not " + cloneClients);
        }
        this.cloneClients = cloneClients;
        return this;
    }

    public int loginRate() {
        return loginRate;
    }

    public LacakConfig setLoginRate(int loginRate) {
        if (loginRate < 0) {
            throw new IllegalArgumentException("LACAK_LOGIN_RATE must be 0 (no limit) or more, not " + loginRate);
        }
        this.loginRate = loginRate;
        return this;
    }

    public int loginAccountRate() {
        return loginAccountRate;
    }

    /** Logins per minute per username, whatever the addresses they come from (bursts of twice that); 0: no limit. */
    public LacakConfig setLoginAccountRate(int loginAccountRate) {
        if (loginAccountRate < 0) {
            throw new IllegalArgumentException(
                    "LACAK_LOGIN_ACCOUNT_RATE must be 0 (no limit) or more, not " + loginAccountRate);
        }
        this.loginAccountRate = loginAccountRate;
        return this;
    }

    /** How long a connection may pass with nothing read or written (closed beyond). */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    public LacakConfig setIdleTimeout(Duration idleTimeout) {
        this.idleTimeout = positive("LACAK_IDLE_TIMEOUT", idleTimeout);
        return this;
    }

    /**
     * How long a connection has, from its opening or from the end of its last answer, to send a
     * complete request head (closed beyond): a head sent a byte at a time never resets it.
     */
    public Duration headerTimeout() {
        return headerTimeout;
    }

    public LacakConfig setHeaderTimeout(Duration headerTimeout) {
        this.headerTimeout = positive("LACAK_HEADER_TIMEOUT", headerTimeout);
        return this;
    }

    /** How long a request body may take to arrive after its head (408 and the connection closed beyond). */
    public Duration bodyTimeout() {
        return bodyTimeout;
    }

    public LacakConfig setBodyTimeout(Duration bodyTimeout) {
        this.bodyTimeout = positive("LACAK_BODY_TIMEOUT", bodyTimeout);
        return this;
    }

    /** The same for a CSV upload ({@code POST /api/v1/uploads/{template}}), which may be large. */
    public Duration uploadTimeout() {
        return uploadTimeout;
    }

    public LacakConfig setUploadTimeout(Duration uploadTimeout) {
        this.uploadTimeout = positive("LACAK_UPLOAD_TIMEOUT", uploadTimeout);
        return this;
    }

    /** The bearer token {@code GET /metrics} requires; {@code null}: the key file's. Never logged. */
    public String metricsToken() {
        return metricsToken;
    }

    public LacakConfig setMetricsToken(String metricsToken) {
        this.metricsToken = metricsToken == null || metricsToken.isBlank() ? null : metricsToken.strip();
        return this;
    }

    /** The SMTP server e-mail goes through; {@code null}: none, mail is logged. */
    public String smtpHost() {
        return smtpHost;
    }

    public LacakConfig setSmtpHost(String smtpHost) {
        this.smtpHost = smtpHost == null || smtpHost.isBlank() ? null : smtpHost.strip();
        return this;
    }

    public int smtpPort() {
        return smtpPort;
    }

    public LacakConfig setSmtpPort(int smtpPort) {
        if (smtpPort < 1 || smtpPort > 65535) {
            throw new IllegalArgumentException("LACAK_SMTP_PORT must be 1 to 65535, not " + smtpPort);
        }
        this.smtpPort = smtpPort;
        return this;
    }

    public SmtpOptions.Tls smtpTls() {
        return smtpTls;
    }

    public LacakConfig setSmtpTls(SmtpOptions.Tls smtpTls) {
        this.smtpTls = smtpTls;
        return this;
    }

    public String smtpUser() {
        return smtpUser;
    }

    public LacakConfig setSmtpUser(String smtpUser) {
        this.smtpUser = smtpUser == null || smtpUser.isBlank() ? null : smtpUser;
        return this;
    }

    /** Never logged. */
    public String smtpPassword() {
        return smtpPassword;
    }

    public LacakConfig setSmtpPassword(String smtpPassword) {
        this.smtpPassword = smtpPassword;
        return this;
    }

    public String smtpFrom() {
        return smtpFrom;
    }

    public LacakConfig setSmtpFrom(String smtpFrom) {
        this.smtpFrom = smtpFrom == null || smtpFrom.isBlank() ? null : smtpFrom.strip();
        return this;
    }

    /**
     * The SMTP settings, or {@code null} when no host is set (mail is logged); refuses a host
     * without a sender address.
     */
    public SmtpOptions smtpOptions() {
        if (smtpHost == null) {
            return null;
        }
        if (smtpFrom == null) {
            throw new IllegalArgumentException("LACAK_SMTP_FROM (the sender address) must be set with LACAK_SMTP_HOST");
        }
        return new SmtpOptions()
                .setHost(smtpHost)
                .setPort(smtpPort)
                .setTls(smtpTls)
                .setUser(smtpUser)
                .setPassword(smtpPassword)
                .setFrom(smtpFrom);
    }

    public Set<LocalDate> holidays() {
        return holidays;
    }

    public Set<String> trustedProxies() {
        return trustedProxies;
    }

    /** Addresses of trusted reverse proxies, separated by commas (blank: none, the default). */
    public LacakConfig setTrustedProxies(String addresses) {
        Set<String> found = new java.util.LinkedHashSet<>();
        for (String a : addresses.split(",")) {
            if (!a.isBlank()) {
                found.add(a.strip());
            }
        }
        this.trustedProxies = Set.copyOf(found);
        return this;
    }

    /** Public holidays as {@code yyyy-mm-dd} dates separated by commas (blank: none). */
    public LacakConfig setHolidays(String dates) {
        Set<LocalDate> days = new TreeSet<>();
        for (String d : dates.split(",")) {
            if (!d.isBlank()) {
                try {
                    days.add(LocalDate.parse(d.strip()));
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("LACAK_HOLIDAYS lists dates yyyy-mm-dd separated by commas; '"
                            + d.strip() + "' is not one");
                }
            }
        }
        this.holidays = Set.copyOf(days);
        return this;
    }

    /** The serial keys of this data directory (or the configured key). Blocking: a worker or the command line. */
    public io.lacak.core.serial.SerialKeys loadSerialKeys() {
        return io.lacak.core.serial.SerialKeys.load(dataDir.resolve("keys").resolve("serial.keys"), serialKey);
    }

    /** Where and how large the code store of this data directory is (shard 0's). */
    public io.lacak.core.store.StoreOptions storeOptions() {
        return storeOptions(0);
    }

    /** Issue 21: the store of {@code shard}: {@code <data>/store} for shard 0, {@code <data>/shard-N} for the others. */
    public io.lacak.core.store.StoreOptions storeOptions(int shard) {
        return new io.lacak.core.store.StoreOptions()
                .setDirectory(shard == 0 ? dataDir.resolve("store") : dataDir.resolve("shard-" + shard))
                .setInitialCodes(storeInitialCodes);
    }
}
