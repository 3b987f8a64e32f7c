package fr.officine.segur.sandbox.dmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * The seeded DMP statuses (SEEDS.md) as ITI-41 and ITI-18 see them: no DMP, closed, opposed to
 * feeding, this professional blocked, documents masked to professionals.
 */
class PatientStatusTest extends DmpSandboxTest {

  @Test
  void no_dmp_refuses_the_feed_with_DMP_INEXISTANT() throws Exception {
    assertThat(dmp.provideAndRegister(new Iti41Request(CORSE), vihf(CORSE)).errorCodes())
        .containsExactly(RegistryError.DMP_INEXISTANT);
  }

  @Test
  void closed_dmp_refuses_the_feed_with_DMP_FERME_and_its_date_and_reason() throws Exception {
    DmpTestClient.Answer answer =
        dmp.provideAndRegister(new Iti41Request(ECETINSI), vihf(ECETINSI));
    assertThat(answer.errorCodes()).containsExactly(RegistryError.DMP_FERME);
    assertThat(answer.errorContexts().get(0)).contains("depuis le").contains("représentant légal");
  }

  @Test
  void patient_opposed_to_feeding_refuses_the_feed_with_DMP_OPPOSITION_but_not_the_consultation()
      throws Exception {
    assertThat(dmp.provideAndRegister(new Iti41Request(NESSI), vihf(NESSI)).errorCodes())
        .containsExactly(RegistryError.DMP_OPPOSITION);
    assertThat(dmp.findDocuments(NESSI, vihf(NESSI)).status()).isEqualTo(DmpNames.SUCCESS);
  }

  @Test
  void professional_blocked_by_the_patient_can_neither_feed_nor_read_PS_BLOQUE() throws Exception {
    assertThat(dmp.provideAndRegister(new Iti41Request(TCHITCHI), vihf(TCHITCHI)).errorCodes())
        .containsExactly(RegistryError.PS_BLOQUE);
    assertThat(dmp.findDocuments(TCHITCHI, vihf(TCHITCHI)).errorCodes())
        .containsExactly(RegistryError.PS_BLOQUE);
  }

  @Test
  void blocked_professional_as_author_is_refused_even_when_a_colleague_sends() throws Exception {
    DmpTestClient.Answer answer =
        dmp.provideAndRegister(
            new Iti41Request(TCHITCHI).author(TITULAIRE), vihf(TCHITCHI).ps(ADJOINT));
    assertThat(answer.errorCodes()).containsExactly(RegistryError.PS_BLOQUE);
  }

  @Test
  void another_professional_of_the_same_pharmacy_feeds_the_patient_who_blocked_the_titulaire()
      throws Exception {
    Iti41Request request = new Iti41Request(TCHITCHI).author(ADJOINT);
    assertThat(dmp.provideAndRegister(request, vihf(TCHITCHI).ps(ADJOINT).role("21", "D")).status())
        .isEqualTo(DmpNames.SUCCESS);
  }

  @Test
  void documents_masked_to_professionals_are_not_listed_to_them() throws Exception {
    DmpTestClient.Answer answer = dmp.findDocuments(PAT_TROIS, vihf(PAT_TROIS));
    List<String> uniqueIds =
        Xml.descendants(answer.payload(), Xml.RIM, "ExtrinsicObject").stream()
            .map((Element e) -> Ebrim.externalId(e, DmpNames.DE_UNIQUE_ID).orElse(""))
            .toList();
    assertThat(uniqueIds).containsExactly(DmpSeeds.VISIBLE_SEED_DOCUMENT);
    assertThat(client.get("/sandbox/dmp/documents?ins=" + PAT_TROIS).body())
        .contains(DmpSeeds.MASKED_SEED_DOCUMENT)
        .contains("\"hiddenFromProfessionals\":true");
  }

  @Test
  void closed_and_absent_dmp_cannot_be_consulted() throws Exception {
    assertThat(dmp.findDocuments(ECETINSI, vihf(ECETINSI)).errorCodes())
        .containsExactly(RegistryError.DMP_FERME);
    assertThat(dmp.findDocuments(CORSE, vihf(CORSE)).errorCodes())
        .containsExactly(RegistryError.DMP_INEXISTANT);
  }
}
