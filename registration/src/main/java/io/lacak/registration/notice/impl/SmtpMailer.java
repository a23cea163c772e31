package io.lacak.registration.notice.impl;

import io.lacak.registration.notice.Mailer;
import io.lacak.registration.notice.SmtpOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;

/**
 * {@link Mailer} over SMTP with Vert.x's mail client: plain-text UTF-8 messages from the configured
 * sender. A refused or failed send fails the future; the outbox retries it later.
 */
public final class SmtpMailer implements Mailer {

    private final MailClient client;
    private final String from;

    public SmtpMailer(Vertx vertx, SmtpOptions options) {
        if (options.host() == null || options.host().isBlank()) {
            throw new IllegalArgumentException("an SMTP mailer needs a host (LACAK_SMTP_HOST)");
        }
        if (options.from() == null) {
            throw new IllegalArgumentException("LACAK_SMTP_FROM (the sender address) must be set with LACAK_SMTP_HOST");
        }
        MailConfig config = new MailConfig()
                .setHostname(options.host())
                .setPort(options.port())
                .setLogin(options.user() == null ? LoginOption.DISABLED : LoginOption.REQUIRED)
                .setUsername(options.user())
                .setPassword(options.password());
        config.setConnectTimeout(options.connectTimeoutMs());
        switch (options.tls()) {
            case NONE -> config.setStarttls(StartTLSOptions.DISABLED);
            // REQUIRED: a server that does not offer STARTTLS gets neither the login nor the mail
            case STARTTLS -> config.setStarttls(StartTLSOptions.REQUIRED);
            case TLS -> config.setStarttls(StartTLSOptions.DISABLED).setSsl(true);
        }
        if (options.tls() != SmtpOptions.Tls.NONE) {
            // the server's certificate must name the host we asked for, not just chain to a trusted CA
            config.setHostnameVerificationAlgorithm("HTTPS");
        }
        this.client = MailClient.create(vertx, config);
        this.from = options.from();
    }

    @Override
    public Future<Void> send(String to, String subject, String body) {
        return client.sendMail(new MailMessage()
                        .setFrom(from)
                        .setTo(to)
                        .setSubject(subject)
                        .setText(body))
                .mapEmpty();
    }

    /** Closes the client's connections; one the server has dropped already is no failure. */
    @Override
    public Future<Void> close() {
        return client.close().recover(e -> Future.succeededFuture());
    }
}
