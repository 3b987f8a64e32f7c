package fr.officine.segur.mssante;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.officine.segur.api.message.MessageRequest;
import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.problem.ProblemException;
import org.junit.jupiter.api.Test;

/**
 * What a sender of {@code POST /dispensations/{id}/messages} reads when its recipient is missing or
 * not one the module sends to: a French sentence saying which and what is possible (found by the
 * walk of 2026-12-02: the detail was « to : PRESCRIBER (le prescripteur de l'ordonnance). »).
 */
class MessageResourceTest {
  // the recipient is checked before anything else is looked at: no service is needed
  private final MessageResource resource = new MessageResource(null, null, null, null);

  @Test
  void a_missing_recipient_is_named_as_missing() {
    assertThatThrownBy(() -> resource.send("d-1", new MessageRequest(null)))
        .isInstanceOfSatisfying(
            ProblemException.class,
            p -> {
              assertThat(p.type()).isEqualTo(ProblemType.MALFORMED_REQUEST);
              assertThat(p.detail())
                  .isEqualTo(
                      "Destinataire absent (champ « to ») : seul PRESCRIBER, le prescripteur de l'ordonnance, est possible.");
            });
    assertThatThrownBy(() -> resource.send("d-1", null))
        .isInstanceOfSatisfying(
            ProblemException.class, p -> assertThat(p.detail()).startsWith("Destinataire absent"));
  }

  @Test
  void an_unknown_recipient_is_quoted() {
    assertThatThrownBy(() -> resource.send("d-1", new MessageRequest("PATIENT")))
        .isInstanceOfSatisfying(
            ProblemException.class,
            p ->
                assertThat(p.detail())
                    .isEqualTo(
                        "Destinataire « PATIENT » inconnu : seul PRESCRIBER, le prescripteur de l'ordonnance, est possible."));
  }
}
