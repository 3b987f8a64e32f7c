package fr.officine.segur.dmp;

import static org.assertj.core.api.Assertions.assertThat;

import fr.officine.segur.api.dispensation.SendReason;
import fr.officine.segur.api.id.DispensationId;
import fr.officine.segur.outbox.OutboxEntry;
import fr.officine.segur.outbox.OutboxState;
import fr.officine.segur.outbox.OutboxTarget;
import fr.officine.segur.outbox.SendOutcome;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** What each ITI-41 answer means for the outbox: final or retried. */
class DmpSenderTest {
  static SendOutcome outcome(String code) {
    return DmpSender.outcome(
        new RegistryAnswer(false, List.of(new RegistryAnswer.Error(code, "contexte"))));
  }

  @Test
  void patient_choices_are_final_and_never_retried() {
    assertThat(outcome("DMP_OPPOSITION")).isInstanceOf(SendOutcome.Refused.class);
    assertThat(outcome("PS_BLOQUE")).isInstanceOf(SendOutcome.Refused.class);
    assertThat(outcome("DMP_INEXISTANT")).isInstanceOf(SendOutcome.NotApplicable.class);
    assertThat(outcome("DMP_FERME")).isInstanceOf(SendOutcome.NotApplicable.class);
    assertThat(outcome("XDSRepositoryMetadataError")).isInstanceOf(SendOutcome.Refused.class);
  }

  @Test
  void duplicate_unique_id_after_a_lost_answer_counts_as_sent() {
    assertThat(outcome("XDSDocumentUniqueIdError")).isInstanceOf(SendOutcome.Sent.class);
  }

  @Test
  void busy_repository_is_retried() {
    assertThat(outcome("XDSRepositoryBusy")).isInstanceOf(SendOutcome.Failed.class);
    assertThat(DmpSender.outcome(new RegistryAnswer(true, List.of())))
        .isInstanceOf(SendOutcome.Sent.class);
  }

  @Test
  void a_send_without_answer_is_in_doubt_and_asked_about_before_the_next_upload() {
    SendOutcome timedOut =
        DmpSender.unavailable(
            new DmpUnavailable("Le DMP ne répond pas.", new HttpTimeoutException("read"), true));
    assertThat(timedOut).isInstanceOf(SendOutcome.Failed.class);
    assertThat(timedOut.code()).isEqualTo(SendReason.DMP_OUTCOME_UNKNOWN);
    SendOutcome refused =
        DmpSender.unavailable(
            new DmpUnavailable("DMP injoignable.", new ConnectException("refused")));
    assertThat(refused.code()).isEqualTo(SendReason.DMP_UNAVAILABLE);

    assertThat(DmpSender.inDoubt(entry(SendReason.DMP_OUTCOME_UNKNOWN))).isTrue();
    assertThat(DmpSender.inDoubt(entry(SendReason.DMP_UNAVAILABLE))).isFalse();
  }

  @Test
  void get_documents_is_asked_by_unique_id_and_its_answer_read() {
    Element request = Iti18GetDocuments.request("1.2.250.1.999.1.7");
    Element query = DmpXml.child(request, DmpXml.RIM, "AdhocQuery").orElseThrow();
    assertThat(query.getAttribute("id")).isEqualTo(Iti18GetDocuments.GET_DOCUMENTS);
    Element value = DmpXml.descendants(query, DmpXml.RIM, "Value").get(0);
    assertThat(DmpXml.text(value)).isEqualTo("('1.2.250.1.999.1.7')");

    String success = "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success";
    assertThat(Iti18GetDocuments.found(answer(success, "<rim:ObjectRef id='urn:uuid:1'/>", "")))
        .isEqualTo(Iti18GetDocuments.Found.REGISTERED);
    assertThat(Iti18GetDocuments.found(answer(success, "", "")))
        .isEqualTo(Iti18GetDocuments.Found.NOT_REGISTERED);
    String failure = "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Failure";
    assertThat(Iti18GetDocuments.found(answer(failure, "", "XDSRegistryBusy")))
        .isEqualTo(Iti18GetDocuments.Found.BUSY);
    assertThat(Iti18GetDocuments.found(answer(failure, "", "DMP_FERME")))
        .isEqualTo(Iti18GetDocuments.Found.REFUSED);
  }

  private static Element answer(String status, String refs, String error) {
    String xml =
        "<query:AdhocQueryResponse xmlns:query='"
            + DmpXml.QUERY
            + "' xmlns:rim='"
            + DmpXml.RIM
            + "' xmlns:rs='"
            + DmpXml.RS
            + "' status='"
            + status
            + "'><rim:RegistryObjectList>"
            + refs
            + "</rim:RegistryObjectList>"
            + (error.isEmpty()
                ? ""
                : "<rs:RegistryErrorList><rs:RegistryError errorCode='"
                    + error
                    + "'/></rs:RegistryErrorList>")
            + "</query:AdhocQueryResponse>";
    return DmpXml.parse(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8)).getDocumentElement();
  }

  private static OutboxEntry entry(SendReason last) {
    OffsetDateTime now = OffsetDateTime.now();
    return new OutboxEntry(
        UUID.randomUUID().toString(),
        OutboxTarget.DMP,
        new DispensationId(UUID.randomUUID()),
        "690100011",
        OutboxState.PENDING,
        Optional.of(last.text()),
        1,
        now,
        Optional.of(now),
        now,
        Optional.of(last));
  }
}
