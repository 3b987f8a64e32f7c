package fr.officine.segur.mssante;

import fr.officine.segur.trust.tls.NationalServiceTls;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.lang.reflect.Method;
import java.util.OptionalInt;
import java.util.Properties;
import org.eclipse.microprofile.config.Config;

/**
 * Submits a message to the pharmacy's MSSanté operator with Jakarta Mail (Angus Mail in Payara):
 * SMTP with STARTTLS required, TLS mutually authenticated with the pharmacy's organisation
 * certificate (the same {@link NationalServiceTls} context as for the national services, trusting
 * only {@code trust-anchors.pem}), the server's name checked. This is the operator interface of the
 * ANS (« DST des interfaces MSSanté des clients de messagerie », TM3.2C « Émission de messages par
 * SMTPS »: STARTTLS on port 587, mutual TLS by CPS or by an IGC-Santé organisation certificate for
 * an organisational mailbox); the sandbox's operator enforces the same.
 *
 * <p>Answers: a 5xx reply (sender, recipient or content refused) is final ({@link MssanteRefused});
 * anything else (no connection, a 421 greeting, a 4xx, a broken TLS session, a timeout) leaves the
 * message to be sent again ({@link MssanteUnavailable}).
 */
@ApplicationScoped
public class MssanteTransport {
  private String host;
  private int port;
  private String timeoutMs;
  private NationalServiceTls tls;

  protected MssanteTransport() {}

  @Inject
  public MssanteTransport(Config config, NationalServiceTls tls) {
    MssanteSettings settings = MssanteSettings.from(config);
    this.host = settings.smtpHost();
    this.port = settings.smtpPort();
    // Jakarta Mail reads its timeouts as milliseconds in text
    this.timeoutMs = Long.toString(settings.timeout().toMillis());
    this.tls = tls;
  }

  /** A session for pharmacy {@code finess}: the messages are built on it, then {@link #send}. */
  public Session session(String finess) {
    Properties p = new Properties();
    p.put("mail.transport.protocol", "smtp");
    p.put("mail.smtp.host", host);
    p.put("mail.smtp.port", Integer.toString(port));
    p.put("mail.smtp.starttls.enable", "true");
    // never in clear: a server that does not offer STARTTLS gets nothing
    p.put("mail.smtp.starttls.required", "true");
    p.put("mail.smtp.ssl.socketFactory", tls.forPharmacy(finess).socketFactory());
    p.put("mail.smtp.ssl.checkserveridentity", "true");
    p.put("mail.smtp.connectiontimeout", timeoutMs);
    p.put("mail.smtp.timeout", timeoutMs);
    p.put("mail.smtp.writetimeout", timeoutMs);
    p.put("mail.smtp.localhost", "officine-segur");
    return Session.getInstance(p);
  }

  public void send(MimeMessage message) throws MssanteUnavailable, MssanteRefused {
    try {
      Transport.send(message);
    } catch (MessagingException e) {
      OptionalInt code = replyCode(e);
      if (code.isPresent() && code.getAsInt() >= 500) {
        throw new MssanteRefused(
            code.getAsInt(), "Message refusé par l'opérateur MSSanté : " + reply(e), e);
      }
      throw new MssanteUnavailable(
          "Opérateur MSSanté injoignable ou indisponible ; nouvel essai automatique.", e);
    }
  }

  /**
   * The SMTP reply code carried by the failure (Angus' SMTPSendFailedException, SMTPAddressFailed-
   * and SMTPSenderFailedException all have {@code getReturnCode()}), read without compiling against
   * the implementation's classes.
   */
  static OptionalInt replyCode(Throwable failure) {
    for (Throwable t = failure; t != null; t = next(t)) {
      try {
        Method m = t.getClass().getMethod("getReturnCode");
        Object code = m.invoke(t);
        if (code instanceof Integer i && i > 0) {
          return OptionalInt.of(i);
        }
      } catch (ReflectiveOperationException | RuntimeException ignored) {
        // not an SMTP reply: look further down the chain
      }
    }
    return OptionalInt.empty();
  }

  private static Throwable next(Throwable t) {
    if (t instanceof MessagingException m
        && m.getNextException() != null
        && m.getNextException() != t) {
      return m.getNextException();
    }
    return t.getCause() == t ? null : t.getCause();
  }

  private static String reply(Throwable failure) {
    for (Throwable t = failure; t != null; t = next(t)) {
      if (t.getMessage() != null && t.getMessage().matches("(?s)^\\s*5\\d\\d.*")) {
        return t.getMessage().strip();
      }
    }
    return String.valueOf(failure.getMessage()).strip();
  }
}
