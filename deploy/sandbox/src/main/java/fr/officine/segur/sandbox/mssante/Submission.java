package fr.officine.segur.sandbox.mssante;

import fr.officine.segur.sandbox.faults.FaultMode;
import fr.officine.segur.sandbox.faults.FaultModes;
import fr.officine.segur.sandbox.faults.SandboxService;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;

/** One mail transaction on the operator: who may send, to whom, and what is kept of the message. */
final class Submission implements MessageHandler {
  private static final System.Logger LOG = System.getLogger(Submission.class.getName());

  private final MessageContext context;
  private final MssanteDirectory directory;
  private final Mailboxes mailboxes;
  private final FaultModes faults;
  private final Clock clock;
  private String from;
  private final List<String> recipients = new ArrayList<>();

  Submission(
      MessageContext context,
      MssanteDirectory directory,
      Mailboxes mailboxes,
      FaultModes faults,
      Clock clock) {
    this.context = context;
    this.directory = directory;
    this.mailboxes = mailboxes;
    this.faults = faults;
    this.clock = clock;
  }

  /**
   * The operator sends only for the mailbox holder it authenticated: a structure's certificate
   * ({@code OU=1<FINESS>}, IGC-Santé's organisation certificates) for that structure's mailboxes.
   */
  @Override
  public void from(String address) throws RejectException {
    X509Certificate client =
        clientCertificate()
            .orElseThrow(
                () -> new RejectException(530, "5.7.0 Authentification par certificat requise"));
    Optional<String> finess = structureId(client);
    Optional<MssanteDirectory.Mailbox> mailbox = directory.find(address);
    if (mailbox.isEmpty()
        || finess.isEmpty()
        || !mailbox.get().holderKind().equals("FINESS")
        || !mailbox.get().holderId().equals(finess.get())) {
      throw new RejectException(
          550,
          "5.7.1 L'expéditeur " + address + " n'est pas une boîte de l'organisation authentifiée");
    }
    this.from = mailbox.get().address();
  }

  @Override
  public void recipient(String address) throws RejectException {
    if (directory.find(address).isEmpty()) {
      throw new RejectException(
          550, "5.1.1 Destinataire inconnu de l'annuaire MSSanté : " + address);
    }
    recipients.add(address.toLowerCase(Locale.ROOT));
  }

  @Override
  public String data(InputStream data) throws RejectException, IOException {
    byte[] raw = data.readAllBytes();
    FaultMode fault = faults.of(SandboxService.MSSANTE);
    if (fault.mode() == FaultMode.Mode.ERROR) {
      throw new RejectException(451, "4.3.0 Erreur temporaire de l'opérateur, réessayez plus tard");
    }
    if (fault.mode() == FaultMode.Mode.SLOW) {
      try {
        Thread.sleep(fault.latencyMs());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    ParsedMessage parsed;
    try {
      parsed = ParsedMessage.parse(raw);
    } catch (MessagingException e) {
      throw new RejectException(554, "5.6.0 Message MIME illisible : " + e.getMessage());
    }
    String subject = clientCertificate().map(c -> c.getSubjectX500Principal().getName()).orElse("");
    for (String to : recipients) {
      String id = UUID.randomUUID().toString();
      mailboxes.deliver(
          new ReceivedMessage(
              id,
              from,
              to,
              parsed.subject(),
              OffsetDateTime.now(clock),
              parsed.messageId(),
              parsed.headers(),
              parsed.body(),
              parsed.attachments(),
              subject));
      LOG.log(
          System.Logger.Level.INFO,
          "MSSanté: message {0} from {1} delivered to {2} ({3} attachment(s))",
          parsed.messageId(),
          from,
          to,
          parsed.attachments().size());
    }
    return null;
  }

  @Override
  public void done() {}

  private Optional<X509Certificate> clientCertificate() {
    Certificate[] chain = context.getTlsPeerCertificates();
    return chain != null && chain.length > 0 && chain[0] instanceof X509Certificate x
        ? Optional.of(x)
        : Optional.empty();
  }

  /**
   * The FINESS in {@code OU=1<FINESS>} (IGC-Santé writes the structure id with its type prefix).
   */
  static Optional<String> structureId(X509Certificate certificate) {
    try {
      for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("OU")
            && rdn.getValue() instanceof String ou
            && ou.matches("1\\d{9}")) {
          return Optional.of(ou.substring(1));
        }
      }
    } catch (InvalidNameException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  /** What the admin API shows of a message: parsed with Jakarta Mail, attachments decoded. */
  record ParsedMessage(
      String subject,
      String messageId,
      Map<String, List<String>> headers,
      String body,
      List<ReceivedMessage.Attachment> attachments) {
    static ParsedMessage parse(byte[] raw) throws MessagingException, IOException {
      MimeMessage message =
          new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
      Map<String, List<String>> headers = new LinkedHashMap<>();
      Enumeration<jakarta.mail.Header> all = message.getAllHeaders();
      while (all.hasMoreElements()) {
        jakarta.mail.Header h = all.nextElement();
        if (h.getName().regionMatches(true, 0, "X-MSS", 0, 5)
            || h.getName().equalsIgnoreCase("Disposition-Notification-To")) {
          headers
              .computeIfAbsent(h.getName(), k -> new ArrayList<>())
              .add(MimeUtility.unfold(h.getValue()).trim());
        }
      }
      List<ReceivedMessage.Attachment> attachments = new ArrayList<>();
      StringBuilder body = new StringBuilder();
      walk(message, attachments, body);
      return new ParsedMessage(
          Optional.ofNullable(message.getSubject()).orElse(""),
          Optional.ofNullable(message.getMessageID()).orElse(""),
          headers,
          body.toString(),
          attachments);
    }

    private static void walk(
        Part part, List<ReceivedMessage.Attachment> attachments, StringBuilder body)
        throws MessagingException, IOException {
      if (part.isMimeType("multipart/*")) {
        Multipart multipart = (Multipart) part.getContent();
        for (int i = 0; i < multipart.getCount(); i++) {
          BodyPart child = multipart.getBodyPart(i);
          walk(child, attachments, body);
        }
        return;
      }
      String name = part.getFileName();
      if (name != null) {
        try (InputStream in = part.getInputStream()) {
          attachments.add(
              new ReceivedMessage.Attachment(
                  MimeUtility.decodeText(name),
                  new ContentType(part.getContentType()).getBaseType(),
                  in.readAllBytes()));
        }
      } else if (part.isMimeType("text/plain") && body.isEmpty()) {
        body.append(part.getContent());
      }
    }
  }
}
