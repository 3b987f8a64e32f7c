package fr.officine.segur.sandbox.mssante;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.officine.segur.sandbox.InMemorySandboxTest;
import fr.officine.segur.sandbox.RunningSandbox;
import fr.officine.segur.sandbox.Sandbox;
import fr.officine.segur.sandbox.SandboxClient;
import fr.officine.segur.sandbox.SandboxConfig;
import fr.officine.segur.sandbox.pki.TestPki;
import fr.officine.segur.sandbox.pki.TlsClient;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.StringReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MSSanté operator over a real SMTP connection: STARTTLS with the pharmacy's certificate,
 * senders and recipients checked against the directory, what was received listed and readable, a
 * client without a certificate refused, the down fault a temporary refusal.
 */
class MssanteOperatorTest extends InMemorySandboxTest {
  private static final String MARCHE = "pharmacie-du-marche@" + MssanteDirectory.PHARMACY_DOMAIN;
  private static final String ARCADES = "pharmacie-des-arcades@" + MssanteDirectory.PHARMACY_DOMAIN;
  private static final String LEFEBVRE = "anne.lefebvre@" + MssanteDirectory.PRESCRIBER_DOMAIN;

  @AfterEach
  void up() {
    client.post("/sandbox/faults", "{\"service\":\"mssante\",\"mode\":\"up\"}");
  }

  @Test
  void a_pharmacy_authenticated_by_its_certificate_sends_to_a_prescriber_and_the_mailbox_lists_it()
      throws Exception {
    String subject = "Délivrance " + UUID.randomUUID();
    send(withCertificate(SandboxClient.MARCHE_FINESS), MARCHE, LEFEBVRE, subject);

    JsonArray received = messages(LEFEBVRE);
    JsonObject message =
        received.stream()
            .map(JsonObject.class::cast)
            .filter(m -> m.getString("subject").equals(subject))
            .findFirst()
            .orElseThrow();
    assertThat(message.getString("from")).isEqualTo(MARCHE);
    assertThat(message.getString("to")).isEqualTo(LEFEBVRE);
    assertThat(message.getString("receivedAt")).isNotBlank();
    assertThat(message.getJsonObject("headers").getJsonArray("X-MSS-CODECDA").getString(0))
        .isEqualTo("60593-1");
    JsonObject attachment = message.getJsonArray("attachments").getJsonObject(0);
    assertThat(attachment.getString("name")).isEqualTo("IHE_XDM.ZIP");
    assertThat(attachment.getString("contentType")).isEqualTo("application/zip");
    assertThat(attachment.getInt("size")).isEqualTo(4);
    assertThat(client.getBytes(attachment.getString("href")).body()).containsExactly(1, 2, 3, 4);
    // another mailbox does not see it
    assertThat(
            messages(ARCADES).stream()
                .map(JsonObject.class::cast)
                .noneMatch(m -> m.getString("subject").equals(subject)))
        .isTrue();
  }

  @Test
  void a_client_without_a_certificate_is_refused_at_the_handshake_and_nothing_is_delivered()
      throws Exception {
    String subject = "Sans certificat " + UUID.randomUUID();
    assertThatThrownBy(
            () -> send(TlsClient.context(sandbox.pkiDirectory(), null), MARCHE, LEFEBVRE, subject))
        .isInstanceOf(MessagingException.class);
    assertThat(subjects(LEFEBVRE)).doesNotContain(subject);
  }

  @Test
  void a_certificate_of_another_pki_is_refused() throws Exception {
    String subject = "Autre AC " + UUID.randomUUID();
    SSLContext wrongCa =
        TlsClient.context(
            sandbox.pkiDirectory(), sandbox.pki().testClientKeyStore(TestPki.TestClient.WRONG_CA));
    assertThatThrownBy(() -> send(wrongCa, MARCHE, LEFEBVRE, subject))
        .isInstanceOf(MessagingException.class);
    assertThat(subjects(LEFEBVRE)).doesNotContain(subject);
  }

  @Test
  void a_pharmacy_cannot_send_from_another_pharmacys_mailbox() throws Exception {
    String subject = "Usurpation " + UUID.randomUUID();
    assertThatThrownBy(
            () -> send(withCertificate(SandboxClient.MARCHE_FINESS), ARCADES, LEFEBVRE, subject))
        .isInstanceOf(MessagingException.class)
        .hasStackTraceContaining("550");
    assertThat(subjects(LEFEBVRE)).doesNotContain(subject);
  }

  @Test
  void a_recipient_unknown_to_the_directory_is_refused() throws Exception {
    assertThatThrownBy(
            () ->
                send(
                    withCertificate(SandboxClient.MARCHE_FINESS),
                    MARCHE,
                    "sophie.moreau@" + MssanteDirectory.PRESCRIBER_DOMAIN,
                    "Inconnu"))
        .isInstanceOf(MessagingException.class)
        .hasStackTraceContaining("550");
  }

  @Test
  void the_down_fault_is_a_temporary_refusal_and_the_same_message_goes_once_up() throws Exception {
    String subject = "Panne " + UUID.randomUUID();
    client.post("/sandbox/faults", "{\"service\":\"mssante\",\"mode\":\"down\"}");
    assertThatThrownBy(
            () -> send(withCertificate(SandboxClient.MARCHE_FINESS), MARCHE, LEFEBVRE, subject))
        .isInstanceOf(MessagingException.class)
        .hasStackTraceContaining("421");
    client.post("/sandbox/faults", "{\"service\":\"mssante\",\"mode\":\"up\"}");
    send(withCertificate(SandboxClient.MARCHE_FINESS), MARCHE, LEFEBVRE, subject);
    assertThat(subjects(LEFEBVRE)).containsOnlyOnce(subject);
  }

  @Test
  void
      the_directory_gives_a_prescribers_and_a_pharmacys_mailboxes_and_none_for_a_prescriber_without() {
    JsonObject lefebvre = json(client.get("/mssante/annuaire?rpps=10100000040").body());
    assertThat(lefebvre.getJsonArray("mailboxes").getJsonObject(0).getString("address"))
        .isEqualTo(LEFEBVRE);
    assertThat(lefebvre.getJsonArray("mailboxes").getJsonObject(0).getString("type"))
        .isEqualTo("PER");
    JsonObject moreau = json(client.get("/mssante/annuaire?rpps=10100000065").body());
    assertThat(moreau.getJsonArray("mailboxes")).isEmpty();
    JsonObject marche =
        json(client.get("/mssante/annuaire?finess=" + SandboxClient.MARCHE_FINESS).body());
    assertThat(marche.getJsonArray("mailboxes").getJsonObject(0).getString("address"))
        .isEqualTo(MARCHE);
    assertThat(client.get("/mssante/annuaire?rpps=abc").statusCode()).isEqualTo(400);
  }

  @Test
  void a_delivered_message_is_still_in_its_mailbox_after_a_restart_and_a_reset_empties_it(
      @TempDir Path data) throws Exception {
    String subject = "Délivrance " + UUID.randomUUID();
    SandboxConfig onDisk = SandboxConfig.inMemory().withPkiDir(SHARED_PKI).withDataDir(data);
    try (RunningSandbox first = Sandbox.start(onDisk)) {
      send(first, withCertificate(first, SandboxClient.MARCHE_FINESS), MARCHE, LEFEBVRE, subject);
    }
    try (RunningSandbox again = Sandbox.start(onDisk)) {
      SandboxClient admin = new SandboxClient(again.baseUrl());
      // was: an empty mailbox, while the module's send still said « remis à l'opérateur »
      JsonObject kept = messages(admin, LEFEBVRE).getJsonObject(0);
      assertThat(kept.getString("subject")).isEqualTo(subject);
      assertThat(kept.getString("from")).isEqualTo(MARCHE);
      assertThat(kept.getJsonObject("headers").getJsonArray("X-MSS-CODECDA").getString(0))
          .isEqualTo("60593-1");
      JsonObject attachment = kept.getJsonArray("attachments").getJsonObject(0);
      assertThat(attachment.getString("name")).isEqualTo("IHE_XDM.ZIP");
      assertThat(admin.getBytes(attachment.getString("href")).body()).containsExactly(1, 2, 3, 4);

      admin.post("/sandbox/reset", "");
      assertThat(messages(admin, LEFEBVRE)).isEmpty();
    }
  }

  private SSLContext withCertificate(String finess) throws Exception {
    return withCertificate(sandbox, finess);
  }

  private static SSLContext withCertificate(RunningSandbox sandbox, String finess)
      throws Exception {
    return TlsClient.context(sandbox.pkiDirectory(), sandbox.pki().pharmacyKeyStore(finess));
  }

  private void send(SSLContext tls, String from, String to, String subject) throws Exception {
    send(sandbox, tls, from, to, subject);
  }

  private static void send(
      RunningSandbox sandbox, SSLContext tls, String from, String to, String subject)
      throws Exception {
    Properties p = new Properties();
    p.put("mail.smtp.host", "127.0.0.1");
    p.put("mail.smtp.port", String.valueOf(sandbox.smtpPort()));
    p.put("mail.smtp.starttls.enable", "true");
    p.put("mail.smtp.starttls.required", "true");
    p.put("mail.smtp.ssl.socketFactory", tls.getSocketFactory());
    p.put("mail.smtp.ssl.checkserveridentity", "true");
    p.put("mail.smtp.connectiontimeout", "20000");
    p.put("mail.smtp.timeout", "20000");
    MimeMessage m = new MimeMessage(Session.getInstance(p));
    m.setFrom(new InternetAddress(from));
    m.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
    m.setSubject(subject, "UTF-8");
    m.setHeader("X-MSS-CODECDA", "60593-1");
    MimeBodyPart text = new MimeBodyPart();
    text.setText("Bonjour", "UTF-8");
    MimeBodyPart zip = new MimeBodyPart();
    zip.setContent(new byte[] {1, 2, 3, 4}, "application/zip");
    zip.setFileName("IHE_XDM.ZIP");
    m.setContent(new MimeMultipart(text, zip));
    Transport.send(m);
  }

  private JsonArray messages(String to) {
    return messages(client, to);
  }

  private static JsonArray messages(SandboxClient client, String to) {
    return Json.createReader(
            new StringReader(
                client
                    .get(
                        "/sandbox/mssante/messages?to="
                            + URLEncoder.encode(to, StandardCharsets.UTF_8))
                    .body()))
        .readArray();
  }

  private java.util.List<String> subjects(String to) {
    return messages(to).stream().map(v -> ((JsonObject) v).getString("subject")).toList();
  }

  private static JsonObject json(String body) {
    return Json.createReader(new StringReader(body)).readObject();
  }
}
