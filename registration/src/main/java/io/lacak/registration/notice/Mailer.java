package io.lacak.registration.notice;

import io.lacak.registration.notice.impl.SmtpMailer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.logging.Logger;

/**
 * Delivers an outbox message by e-mail: over SMTP ({@link #smtp}) when a mail server is
 * configured, else to the log ({@link #logging}). A failed future means "not sent": the outbox
 * tries again later.
 *
 * <p>{@code Mailer mailer = Mailer.smtp(vertx, new SmtpOptions().setHost("smtp.example.id").setFrom("lacak@example.id"));}
 */
public interface Mailer {

    Future<Void> send(String to, String subject, String body);

    /** Releases what the mailer holds (the SMTP connections); nothing for most. */
    default Future<Void> close() {
        return Future.succeededFuture();
    }

    /**
     * Sends by SMTP (issue 17): plain-text UTF-8 mail from {@link SmtpOptions#from()}, over the
     * configured transport security. Refuses options without a host or a sender.
     */
    static Mailer smtp(Vertx vertx, SmtpOptions options) {
        return new SmtpMailer(vertx, options);
    }

    /**
     * Logs each message, body included, at INFO instead of sending it. With no mail server the log
     * is the only way an activation or revision link (its one-time token is in no table) reaches
     * its addressee: the operator passes it on. Keep the log as private as the keys, or configure
     * SMTP ({@link #smtp}).
     */
    static Mailer logging() {
        Logger log = Logger.getLogger(Mailer.class.getName());
        return (to, subject, body) -> {
            log.info(() -> "e-mail to " + to + " (no mail server: logged for the operator to pass on): " + subject
                    + "\n" + body);
            return Future.succeededFuture();
        };
    }
}
