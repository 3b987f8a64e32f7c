package fr.officine.segur.sandbox.mssante;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * One message delivered into one mailbox of the sandbox operator, as parsed from its MIME form.
 *
 * @param id the sandbox's own id (admin API)
 * @param to the mailbox it was delivered to (one entry per envelope recipient, as a mailbox sees
 *     it)
 * @param messageId the {@code Message-ID} header, as sent
 * @param headers the MSSanté headers the message carried ({@code X-MSS-*}), name → values
 * @param clientSubject the subject of the TLS client certificate that submitted it
 */
public record ReceivedMessage(
    String id,
    String from,
    String to,
    String subject,
    OffsetDateTime receivedAt,
    String messageId,
    Map<String, List<String>> headers,
    String body,
    List<Attachment> attachments,
    String clientSubject) {

  /** A part with a file name: {@code size} is the decoded size in bytes. */
  public record Attachment(String name, String contentType, byte[] content) {
    public int size() {
      return content.length;
    }
  }
}
