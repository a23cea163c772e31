package io.lacak.api;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything the server is told: defaults, then {@code LACAK_*} environment variables, then
 * command-line options, each overriding the one before.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><td>LACAK_DATA_DIR</td><td>{@code ./data}</td><td>store, keys, embedded Postgres</td></tr>
 *   <tr><td>LACAK_HOST</td><td>{@code 127.0.0.1}</td><td>address the HTTP server binds</td></tr>
 *   <tr><td>LACAK_PORT</td><td>{@code 8080}</td><td>HTTP port; 0 picks a free one</td></tr>
 *   <tr><td>LACAK_PG_URL</td><td>(embedded)</td><td>{@code postgresql://user:password@host:port/db}</td></tr>
 *   <tr><td>LACAK_SERIAL_KEY</td><td>(key file)</td><td>base64 of the 32-byte FF1 key</td></tr>
 *   <tr><td>LACAK_STORE_INITIAL_CODES</td><td>10,000,000</td><td>codes the first store file is sized for</td></tr>
 *   <tr><td>LACAK_JWT_SECRET</td><td>(key file)</td><td>base64 of the HS256 secret that signs login tokens</td></tr>
 *   <tr><td>LACAK_ADMIN_USER</td><td>{@code regulator}</td><td>first regulator account, created when none exists</td></tr>
 *   <tr><td>LACAK_ADMIN_PASSWORD</td><td>(generated, printed once)</td><td>its password</td></tr>
 *   <tr><td>LACAK_BODY_LIMIT</td><td>8,388,608</td><td>largest request body in bytes</td></tr>
 *   <tr><td>LACAK_UPLOAD_LIMIT</td><td>2 GiB</td><td>largest CSV upload in bytes</td></tr>
 *   <tr><td>LACAK_UPLOAD_QUOTA</td><td>4 GiB</td><td>upload bytes one facility may have in flight at once</td></tr>
 *   <tr><td>LACAK_UPLOAD_DISK_FLOOR</td><td>1 GiB</td><td>free disk below which uploads get 507</td></tr>
 *   <tr><td>LACAK_VERIFY_RATE</td><td>20</td><td>public requests (verify, complaints) per second per client address, bursts of twice that; 0: no limit</td></tr>
 *   <tr><td>LACAK_LOGIN_RATE</td><td>10</td><td>logins and account activations per minute per client address, bursts of twice that; 0: no limit</td></tr>
 *   <tr><td>LACAK_LOGIN_ACCOUNT_RATE</td><td>5</td><td>logins per minute per username, from any addresses, bursts of twice that; 0: no limit</td></tr>
 *   <tr><td>LACAK_HOLIDAYS</td><td>(none)</td><td>public holidays ({@code yyyy-mm-dd}, comma-separated) that working-day deadlines skip besides weekends</td></tr>
 *   <tr><td>LACAK_CLONE_CLIENTS</td><td>3</td><td>different clients verifying one sold code before the regulator is alerted (possible clone); 0: never</td></tr>
 *   <tr><td>LACAK_IDLE_TIMEOUT</td><td>60</td><td>seconds a connection may pass with nothing read or written before it is closed</td></tr>
 *   <tr><td>LACAK_HEADER_TIMEOUT</td><td>20</td><td>seconds from a connection's opening (or the end of its last answer) to a complete request head</td></tr>
 *   <tr><td>LACAK_BODY_TIMEOUT</td><td>60</td><td>seconds from a request's head to the end of its body (408 beyond), CSV uploads excepted</td></tr>
 *   <tr><td>LACAK_UPLOAD_TIMEOUT</td><td>3600</td><td>the same for a CSV upload</td></tr>
 *   <tr><td>LACAK_METRICS_TOKEN</td><td>(key file)</td><td>bearer token that {@code GET /metrics} requires</td></tr>
 * </table>
 *
 * <p>A configuration file ({@code serve --config FILE}) holds the same keys as {@code KEY=value}
 * lines; the environment overrides it.
 *
 * <p>{@code LacakConfig c = LacakConfig.defaults().withEnvironment(System.getenv()).setPort(0);}
 */
public final class LacakConfig {

  private Path dataDir = Path.of("data");
  private String host = "127.0.0.1";
  private int port = 8080;
  private String pgUrl;
  private String serialKey;
  private long storeInitialCodes = 10_000_000;
  private String jwtSecret;
  private String adminUser = "regulator";
  private String adminPassword;
  private int bodyLimit = 8 * 1024 * 1024;
  private boolean demo;
  private long uploadLimit = 2L * 1024 * 1024 * 1024;
  private long uploadQuota = 4L * 1024 * 1024 * 1024;
  private long uploadDiskFloor = 1024L * 1024 * 1024;
  private int verifyRate = 20;
  private int cloneClients = 3;
  private int loginRate = 10;
  private int loginAccountRate = 5;
  private Set<LocalDate> holidays = Set.of();
  private Duration idleTimeout = Duration.ofSeconds(60);
  private Duration headerTimeout = Duration.ofSeconds(20);
  private Duration bodyTimeout = Duration.ofSeconds(60);
  private Duration uploadTimeout = Duration.ofHours(1);
  private String metricsToken;

  public static LacakConfig defaults() {
    return new LacakConfig();
  }

  /** Applies the {@code LACAK_*} variables present in {@code env}. */
  public LacakConfig withEnvironment(Map<String, String> env) {
    String v;
    if ((v = env.get("LACAK_DATA_DIR")) != null) {
      setDataDir(Path.of(v));
    }
    if ((v = env.get("LACAK_HOST")) != null) {
      setHost(v);
    }
    if ((v = env.get("LACAK_PORT")) != null) {
      setPort(parse("LACAK_PORT", v));
    }
    if ((v = env.get("LACAK_PG_URL")) != null) {
      setPgUrl(v);
    }
    if ((v = env.get("LACAK_SERIAL_KEY")) != null) {
      setSerialKey(v);
    }
    if ((v = env.get("LACAK_STORE_INITIAL_CODES")) != null) {
      setStoreInitialCodes(parse("LACAK_STORE_INITIAL_CODES", v));
    }
    if ((v = env.get("LACAK_JWT_SECRET")) != null) {
      setJwtSecret(v);
    }
    if ((v = env.get("LACAK_ADMIN_USER")) != null) {
      setAdminUser(v);
    }
    if ((v = env.get("LACAK_ADMIN_PASSWORD")) != null) {
      setAdminPassword(v);
    }
    if ((v = env.get("LACAK_UPLOAD_LIMIT")) != null) {
      try {
        setUploadLimit(Long.parseLong(v.strip()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("LACAK_UPLOAD_LIMIT must be a whole number, not '" + v + "'");
      }
    }
    if ((v = env.get("LACAK_UPLOAD_QUOTA")) != null) {
      setUploadQuota(parseLong("LACAK_UPLOAD_QUOTA", v));
    }
    if ((v = env.get("LACAK_UPLOAD_DISK_FLOOR")) != null) {
      setUploadDiskFloor(parseLong("LACAK_UPLOAD_DISK_FLOOR", v));
    }
    if ((v = env.get("LACAK_BODY_LIMIT")) != null) {
      setBodyLimit(parse("LACAK_BODY_LIMIT", v));
    }
    if ((v = env.get("LACAK_VERIFY_RATE")) != null) {
      setVerifyRate(parse("LACAK_VERIFY_RATE", v));
    }
    if ((v = env.get("LACAK_HOLIDAYS")) != null) {
      setHolidays(v);
    }
    if ((v = env.get("LACAK_LOGIN_RATE")) != null) {
      setLoginRate(parse("LACAK_LOGIN_RATE", v));
    }
    if ((v = env.get("LACAK_LOGIN_ACCOUNT_RATE")) != null) {
      setLoginAccountRate(parse("LACAK_LOGIN_ACCOUNT_RATE", v));
    }
    if ((v = env.get("LACAK_CLONE_CLIENTS")) != null) {
      setCloneClients(parse("LACAK_CLONE_CLIENTS", v));
    }
    if ((v = env.get("LACAK_IDLE_TIMEOUT")) != null) {
      setIdleTimeout(seconds("LACAK_IDLE_TIMEOUT", v));
    }
    if ((v = env.get("LACAK_HEADER_TIMEOUT")) != null) {
      setHeaderTimeout(seconds("LACAK_HEADER_TIMEOUT", v));
    }
    if ((v = env.get("LACAK_BODY_TIMEOUT")) != null) {
      setBodyTimeout(seconds("LACAK_BODY_TIMEOUT", v));
    }
    if ((v = env.get("LACAK_UPLOAD_TIMEOUT")) != null) {
      setUploadTimeout(seconds("LACAK_UPLOAD_TIMEOUT", v));
    }
    if ((v = env.get("LACAK_METRICS_TOKEN")) != null) {
      setMetricsToken(v);
    }
    return this;
  }

  /** Applies a configuration file of {@code LACAK_*=value} lines (Java properties syntax). */
  public LacakConfig withFile(java.nio.file.Path file) {
    java.util.Properties p = new java.util.Properties();
    try (java.io.Reader r = java.nio.file.Files.newBufferedReader(file)) {
      p.load(r);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("cannot read configuration file " + file + ": " + e.getMessage());
    }
    java.util.Map<String, String> values = new java.util.HashMap<>();
    for (String key : p.stringPropertyNames()) {
      if (!key.startsWith("LACAK_")) {
        throw new IllegalArgumentException("unknown setting " + key + " in " + file);
      }
      values.put(key, p.getProperty(key).strip());
    }
    return withEnvironment(values);
  }

  private static int parse(String name, String value) {
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, not '" + value + "'");
    }
  }

  private static Duration seconds(String name, String value) {
    return Duration.ofSeconds(parse(name, value));
  }

  /** A timeout of at least a millisecond, named in the message when it is not. */
  private static Duration positive(String name, Duration d) {
    if (d == null || d.toMillis() < 1) {
      throw new IllegalArgumentException(name + " must be 1 second or more, not " + (d == null ? null : d.toSeconds()));
    }
    return d;
  }

  public Path dataDir() {
    return dataDir;
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

  /** Largest CSV upload in bytes (streamed to disk, never held in memory). */
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

  private static long parseLong(String name, String v) {
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
      throw new IllegalArgumentException("LACAK_LOGIN_ACCOUNT_RATE must be 0 (no limit) or more, not " + loginAccountRate);
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

  public Set<LocalDate> holidays() {
    return holidays;
  }

  /** Public holidays as {@code yyyy-mm-dd} dates separated by commas (blank: none). */
  public LacakConfig setHolidays(String dates) {
    Set<LocalDate> days = new TreeSet<>();
    for (String d : dates.split(",")) {
      if (!d.isBlank()) {
        try {
          days.add(LocalDate.parse(d.strip()));
        } catch (DateTimeParseException e) {
          throw new IllegalArgumentException("LACAK_HOLIDAYS lists dates yyyy-mm-dd separated by commas; '" + d.strip()
              + "' is not one");
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

  /** Where and how large the code store of this data directory is. */
  public io.lacak.core.store.StoreOptions storeOptions() {
    return new io.lacak.core.store.StoreOptions().setDirectory(dataDir.resolve("store")).setInitialCodes(storeInitialCodes);
  }
}
