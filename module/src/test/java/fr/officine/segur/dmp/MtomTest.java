package fr.officine.segur.dmp;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.BodyPart;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The ITI-41 MTOM package (issue 14 §4: Jakarta Mail's MIME, no longer written by hand): read back
 * by a MIME parser, the envelope is the root part its {@code start} names and each document comes
 * back byte for byte under its Content-ID; the answer's root part is found the same way.
 */
class MtomTest {
  static final String ENVELOPE =
      "<soap:Envelope xmlns:soap=\"http://www.w3.org/2003/05/soap-envelope\"><soap:Body/></soap:Envelope>";

  @Test
  void the_envelope_is_the_root_part_and_each_document_comes_back_byte_for_byte() throws Exception {
    // a document with line breaks, a boundary-like line and non-ASCII bytes: binary, untouched
    byte[] cda =
        "<ClinicalDocument>\r\n--uuid:x\r\n« é »\n</ClinicalDocument>"
            .getBytes(StandardCharsets.UTF_8);
    Map<String, byte[]> parts = new LinkedHashMap<>();
    parts.put("doc1@officine-segur", cda);

    Mtom.Package p =
        Mtom.write(
            ENVELOPE.getBytes(StandardCharsets.UTF_8), Iti41ProvideAndRegister.ACTION, parts);

    assertThat(p.contentType()).doesNotContain("\n").startsWith("multipart/related");
    ContentType type = new ContentType(p.contentType());
    assertThat(type.getParameter("type")).isEqualTo("application/xop+xml");
    assertThat(type.getParameter("start-info")).isEqualTo("application/soap+xml");
    assertThat(type.getParameter("action")).isEqualTo(Iti41ProvideAndRegister.ACTION);
    MimeMultipart read = new MimeMultipart(new ByteArrayDataSource(p.body(), p.contentType()));
    assertThat(read.getCount()).isEqualTo(2);
    BodyPart root = read.getBodyPart(type.getParameter("start"));
    assertThat(root.getContentType()).startsWith("application/xop+xml");
    assertThat(bytes(root)).isEqualTo(ENVELOPE.getBytes(StandardCharsets.UTF_8));
    assertThat(bytes(read.getBodyPart("<doc1@officine-segur>"))).isEqualTo(cda);

    assertThat(Mtom.envelope(p.contentType(), p.body()))
        .hasValueSatisfying(e -> assertThat(e.getLocalName()).isEqualTo("Envelope"));
  }

  @Test
  void a_plain_soap_answer_is_read_and_anything_else_is_none() {
    assertThat(
            Mtom.envelope(
                "application/soap+xml; charset=UTF-8", ENVELOPE.getBytes(StandardCharsets.UTF_8)))
        .isPresent();
    assertThat(Mtom.envelope("text/html", "<html/>".getBytes(StandardCharsets.UTF_8))).isEmpty();
    assertThat(
            Mtom.envelope(
                "multipart/related; boundary=x", "no parts".getBytes(StandardCharsets.UTF_8)))
        .isEmpty();
  }

  private static byte[] bytes(BodyPart part) throws Exception {
    try (InputStream in = part.getInputStream()) {
      return in.readAllBytes();
    }
  }
}
