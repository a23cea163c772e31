package io.lacak.registration.notice;

import io.vertx.core.Future;
import java.util.logging.Logger;

/**
 * Delivers an outbox message by e-mail. The default implementation only logs (no mail server is
 * part of Lacak); a deployment plugs in its own.
 *
 * <p>{@code Mailer mailer = Mailer.logging();}
 */
public interface Mailer {

  Future<Void> send(String to, String subject, String body);

  /**
   * Logs each message, body included, at INFO instead of sending it. With no mail server the log
   * is the only way an activation or revision link (its one-time token is in no table) reaches
   * its addressee: the operator passes it on. Keep the log as private as the keys; issue 17 brings
   * SMTP delivery.
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
