package io.lacak.registration.notice;

import java.util.Locale;

/**
 * Where and how {@link Mailer#smtp} sends: the server, its transport security, the login and the
 * sender address. The password is never logged ({@link #toString()} leaves it out).
 *
 * <p>{@code new SmtpOptions().setHost("smtp.example.id").setTls(SmtpOptions.Tls.STARTTLS).setFrom("lacak@example.id")}
 */
public final class SmtpOptions {

    /** Transport security of the SMTP connection. */
    public enum Tls {
        /** Plain SMTP, for a relay on this machine or a test server: the login and the mail travel in clear. */
        NONE,
        /** Plain connection upgraded by STARTTLS before anything is sent, refused when the server cannot (port 587). */
        STARTTLS,
        /** TLS from the first byte (SMTPS, port 465). */
        TLS;

        /** {@code none}, {@code starttls} or {@code tls}, in any case. */
        public static Tls parse(String name, String value) {
            try {
                return valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + " must be none, starttls or tls, not '" + value + "'");
            }
        }
    }

    private String host;
    private int port = 587;
    private Tls tls = Tls.STARTTLS;
    private String user;
    private String password;
    private String from;
    private int connectTimeoutMs = 30_000;

    public String host() {
        return host;
    }

    public SmtpOptions setHost(String host) {
        this.host = host;
        return this;
    }

    public int port() {
        return port;
    }

    public SmtpOptions setPort(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("SMTP port must be 1 to 65535, not " + port);
        }
        this.port = port;
        return this;
    }

    public Tls tls() {
        return tls;
    }

    public SmtpOptions setTls(Tls tls) {
        this.tls = tls;
        return this;
    }

    /** The login; {@code null}: the server takes mail without one. */
    public String user() {
        return user;
    }

    public SmtpOptions setUser(String user) {
        this.user = user == null || user.isBlank() ? null : user;
        return this;
    }

    /** Never logged. */
    public String password() {
        return password;
    }

    public SmtpOptions setPassword(String password) {
        this.password = password;
        return this;
    }

    /** The sender address ({@code From}). */
    public String from() {
        return from;
    }

    public SmtpOptions setFrom(String from) {
        this.from = from == null || from.isBlank() ? null : from.strip();
        return this;
    }

    public int connectTimeoutMs() {
        return connectTimeoutMs;
    }

    /** How long a connection to the server may take before the send fails (and is retried later). */
    public SmtpOptions setConnectTimeoutMs(int connectTimeoutMs) {
        this.connectTimeoutMs = connectTimeoutMs;
        return this;
    }

    /** The server and login, without the password. */
    @Override
    public String toString() {
        return "smtp " + host + ":" + port + " (" + tls.name().toLowerCase(Locale.ROOT) + ")"
                + (user == null ? "" : " as " + user) + ", from " + from;
    }
}
