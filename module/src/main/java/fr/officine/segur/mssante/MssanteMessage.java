package fr.officine.segur.mssante;

import fr.officine.segur.dmp.document.DispensationDocument;
import fr.officine.segur.dmp.document.StoredDocument;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.time.OffsetDateTime;
import java.util.Date;

/**
 * The MIME message to the prescriber (RFC 5322 / MIME): a text body in French, the document as
 * {@code IHE_XDM.ZIP} and its PDF, and the headers the MSSanté rules ask of a client (Référentiel
 * socle MSSanté #2 « Clients de messageries sécurisées de santé », §3.8.2):
 *
 * <ul>
 *   <li>{@code X-MSS-CODECDA} (ECO.2.4.1): on a message carrying CDA documents in an IHE_XDM
 *       archive, the CDA header's {@code code} (here LOINC 60593-1, dispensation);
 *   <li>{@code X-MSS-INS} (ECO.2.4.2): {@code O} when the archive carries a qualified INS, {@code
 *       N} otherwise (the module sends only with a qualified INS: always {@code O});
 *   <li>{@code Disposition-Notification-To} (RFC 8098): a read acknowledgement asked to the
 *       pharmacy's own mailbox, as MSSanté clients do to follow a document;
 *   <li>{@code Message-ID}: fixed by the module from the outbox send, the same on every attempt, so
 *       a message sent again after a lost answer is recognisably the same one.
 * </ul>
 *
 * Not set: {@code X-MSS-NIL} (the software's homologation number, given by the CNDA at
 * homologation: this stand-in has none) and {@code X-MSS-MES} (messages to a patient's Mon Espace
 * Santé only).
 */
final class MssanteMessage {
  static final String CODE_CDA = DispensationDocument.TYPE_CODE;

  private MssanteMessage() {}

  static MimeMessage build(
      Session session,
      String messageId,
      OffsetDateTime at,
      String from,
      String to,
      PrescriberLetter letter,
      StoredDocument doc,
      byte[] xdm)
      throws MessagingException {
    MimeMessage message =
        new FixedIdMessage(
            session, "<" + messageId + "@officine-segur." + doc.pharmacyFiness() + ">");
    message.setFrom(new InternetAddress(from, true));
    message.setRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
    message.setSubject(letter.subject(), "UTF-8");
    message.setSentDate(Date.from(at.toInstant()));
    message.setHeader("Content-Language", "fr");
    message.setHeader("X-MSS-CODECDA", CODE_CDA);
    message.setHeader("X-MSS-INS", doc.metadata().patientId().isPresent() ? "O" : "N");
    message.setHeader("Disposition-Notification-To", from);

    MimeBodyPart text = new MimeBodyPart();
    text.setText(letter.body(), "UTF-8");
    MimeBodyPart archive = attachment(xdm, "application/zip", XdmPackage.FILE_NAME);
    MimeBodyPart pdf = attachment(doc.document().pdf(), "application/pdf", "dispensation.pdf");
    message.setContent(new MimeMultipart(text, archive, pdf));
    message.saveChanges();
    return message;
  }

  private static MimeBodyPart attachment(byte[] content, String type, String name)
      throws MessagingException {
    MimeBodyPart part = new MimeBodyPart();
    part.setDataHandler(new DataHandler(new ByteArrayDataSource(content, type)));
    part.setFileName(name);
    part.setDisposition(MimeBodyPart.ATTACHMENT);
    return part;
  }

  /** Keeps the module's Message-ID instead of the one Jakarta Mail invents at each save. */
  private static final class FixedIdMessage extends MimeMessage {
    private final String id;

    FixedIdMessage(Session session, String id) {
      super(session);
      this.id = id;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", id);
    }
  }
}
