package fr.officine.segur.dmp;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * SOAP 1.2 with MTOM/XOP (W3C SOAP MTOM, XOP 1.0) as the DMP's repository takes it (ITI-41): {@code
 * multipart/related}, the envelope as the root part ({@code application/xop+xml}) and each document
 * as a binary part its {@code xop:Include} names by Content-ID. The MIME is Jakarta Mail's (Angus
 * Mail, the implementation Payara ships), not written or searched by hand (issue 14 §4).
 */
final class Mtom {
  /** A multipart body and the Content-Type header that goes with it (boundary, root, action). */
  record Package(String contentType, byte[] body) {}

  private static final String ROOT = "<root.message@officine-segur>";

  private Mtom() {}

  /** The envelope as the root part, then {@code parts} by their Content-ID (without brackets). */
  static Package write(byte[] envelope, String action, Map<String, byte[]> parts) {
    try {
      MimeMultipart related = new MimeMultipart("related");
      related.addBodyPart(
          part(
              "application/xop+xml; charset=UTF-8; type=\"application/soap+xml\"", ROOT, envelope));
      for (Map.Entry<String, byte[]> p : parts.entrySet()) {
        related.addBodyPart(part("text/xml", "<" + p.getKey() + ">", p.getValue()));
      }
      ContentType type = new ContentType(related.getContentType());
      type.setParameter("type", "application/xop+xml");
      type.setParameter("start", ROOT);
      type.setParameter("start-info", "application/soap+xml");
      type.setParameter("action", action);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      related.writeTo(out);
      // one line: an HTTP header value, not a folded mail header
      return new Package(type.toString().replaceAll("\\s*\\r?\\n\\s*", " "), out.toByteArray());
    } catch (MessagingException | IOException e) {
      throw new IllegalStateException("MTOM package not written", e);
    }
  }

  private static MimeBodyPart part(String contentType, String contentId, byte[] content)
      throws MessagingException {
    InternetHeaders headers = new InternetHeaders();
    headers.setHeader("Content-Type", contentType);
    headers.setHeader("Content-Transfer-Encoding", "binary");
    headers.setHeader("Content-ID", contentId);
    return new MimeBodyPart(headers, content);
  }

  /**
   * The SOAP envelope of an answer: plain SOAP 1.2, or the root part of an MTOM answer (the part
   * its {@code start} parameter names, else the first). Empty when it is neither.
   */
  static Optional<Element> envelope(String contentType, byte[] body) {
    try {
      if (contentType.startsWith("application/soap+xml") || contentType.startsWith("text/xml")) {
        return Optional.of(DmpXml.parse(body).getDocumentElement());
      }
      if (contentType.startsWith("multipart/related")) {
        return rootPart(contentType, body).map(b -> DmpXml.parse(b).getDocumentElement());
      }
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  private static Optional<byte[]> rootPart(String contentType, byte[] body) {
    try {
      MimeMultipart related = new MimeMultipart(new ByteArrayDataSource(body, contentType));
      String start = new ContentType(contentType).getParameter("start");
      BodyPart root = start == null ? related.getBodyPart(0) : related.getBodyPart(start);
      if (root == null) {
        return Optional.empty();
      }
      try (InputStream in = root.getInputStream()) {
        return Optional.of(in.readAllBytes());
      }
    } catch (MessagingException | IOException | IndexOutOfBoundsException e) {
      return Optional.empty();
    }
  }
}
