package fr.officine.segur.sandbox.dmp;

import static org.assertj.core.api.Assertions.assertThat;

import fr.officine.segur.sandbox.SandboxClient;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * ITI-18 GetDocuments by uniqueId: how a client whose ITI-41 got no answer learns whether its
 * document was registered, without sending it again; and the count of ITI-41 received.
 */
class GetDocumentsTest extends DmpSandboxTest {

  private static long refs(DmpTestClient.Answer answer) {
    return Xml.descendants(answer.payload(), Xml.RIM, "ObjectRef").size();
  }

  @Test
  void a_registered_document_is_found_by_its_unique_id_and_an_unknown_one_is_not()
      throws Exception {
    Iti41Request request = new Iti41Request(ADRUN);
    int before = submissions(ADRUN);
    assertThat(dmp.getDocuments(request.uniqueId(), vihf(ADRUN)).status())
        .isEqualTo(DmpNames.SUCCESS);
    assertThat(refs(dmp.getDocuments(request.uniqueId(), vihf(ADRUN)))).isZero();

    assertThat(dmp.provideAndRegister(request, vihf(ADRUN)).status()).isEqualTo(DmpNames.SUCCESS);

    DmpTestClient.Answer found = dmp.getDocuments(request.uniqueId(), vihf(ADRUN));
    assertThat(found.status()).isEqualTo(DmpNames.SUCCESS);
    Element ref = Xml.descendants(found.payload(), Xml.RIM, "ObjectRef").get(0);
    assertThat(ref.getAttribute("id")).startsWith("urn:uuid:");
    assertThat(refs(found)).isEqualTo(1);
    assertThat(submissions(ADRUN)).isEqualTo(before + 1);
  }

  @Test
  void another_patients_document_is_not_answered() throws Exception {
    Iti41Request request = new Iti41Request(ADRUN);
    assertThat(dmp.provideAndRegister(request, vihf(ADRUN)).status()).isEqualTo(DmpNames.SUCCESS);
    DmpTestClient.Answer other = dmp.getDocuments(request.uniqueId(), vihf(NESSI));
    assertThat(other.status()).isEqualTo(DmpNames.SUCCESS);
    assertThat(refs(other)).isZero();
  }

  private int submissions(String ins) {
    return SandboxClient.json(client.get("/sandbox/dmp/submissions?ins=" + ins))
        .asJsonArray()
        .size();
  }
}
