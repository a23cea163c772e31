package io.lacak.registration.notice;

import io.vertx.core.Future;
import java.util.logging.Logger;

/**
 * Delivers an outbox message by e-mail. Lacak has no mail client yet (issue 17 brings SMTP): the
 * only implementation here logs, {@code serve} always uses it, and another can be given only by
 * code that starts the server itself ({@code Lacak.start(vertx, config, mailer)}). The outbox marks
 * a message sent once {@code send} succeeds: with the logging mailer, once it is in the log.
 *
 * <p>{@code Mailer mailer = Mailer.logging();}
 */
public interface Mailer {

  Future<Void> send(String to, String subject, String body);

  /**
   * Logs each message, body included, at INFO instead of sending it. With no mail server the log
   * is the only way an activation or revision link (its one-time token is in no table) reaches
   * its addressee: the operator passes it on. Keep the log as private as the keys.
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
