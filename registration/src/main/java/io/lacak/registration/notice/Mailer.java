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

  /** Logs each message at INFO instead of sending it. */
  static Mailer logging() {
    Logger log = Logger.getLogger(Mailer.class.getName());
    return (to, subject, body) -> {
      log.info(() -> "e-mail to " + to + ": " + subject);
      return Future.succeededFuture();
    };
  }
}
