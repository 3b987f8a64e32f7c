package fr.officine.segur.sandbox.eprescription;

import static fr.officine.segur.sandbox.SandboxClient.faultOf;
import static fr.officine.segur.sandbox.SandboxClient.line;
import static fr.officine.segur.sandbox.SandboxClient.pharmacieDuMarche;
import static org.assertj.core.api.Assertions.assertThat;

import fr.officine.segur.sandbox.InMemorySandboxTest;
import fr.officine.segur.sandbox.SandboxConfig;
import fr.officine.segur.sandbox.eprescription.soap.CreerEPrescription;
import fr.officine.segur.sandbox.eprescription.soap.EPrescription;
import fr.officine.segur.sandbox.eprescription.soap.Produit;
import fr.officine.segur.sandbox.eprescription.soap.RechercherEPrescriptions;
import fr.officine.segur.sandbox.eprescription.soap.RechercherEPrescriptionsReponse.Resume;
import fr.officine.segur.sandbox.eprescription.soap.StatutPrescription;
import fr.officine.segur.sandbox.seed.Seeder;
import java.time.LocalDate;
import java.util.List;
import javax.xml.datatype.DatatypeConstants;
import javax.xml.datatype.DatatypeFactory;
import org.junit.jupiter.api.Test;

/** rechercherEPrescriptions and creerEPrescription (the prescriber side) over SOAP. */
class SearchAndCreateTest extends InMemorySandboxTest {
  private static final String ZOE = "275126322074974";

  @Test
  void search_by_patient_lists_her_prescriptions_with_their_status() throws Exception {
    RechercherEPrescriptions q = new RechercherEPrescriptions();
    q.setIns(ZOE);
    List<Resume> found = client.port().rechercherEPrescriptions(q, pharmacieDuMarche()).getResume();

    assertThat(found)
        .extracting(Resume::getNumero)
        .contains(Seeder.SIMPLE, Seeder.PARTIAL_BY_OTHER_PHARMACY, Seeder.SUBSTITUTABLE_BRAND)
        .doesNotContain(Seeder.SEVERAL_LINES);
    assertThat(found).allMatch(r -> r.getIns().equals(ZOE));

    q.getStatut().add(StatutPrescription.PARTIELLE);
    assertThat(client.port().rechercherEPrescriptions(q, pharmacieDuMarche()).getResume())
        .extracting(Resume::getNumero)
        .containsExactly(Seeder.PARTIAL_BY_OTHER_PHARMACY);
  }

  @Test
  void search_without_patient_nor_prescriber_is_refused_with_EP_REQUETE_INVALIDE() {
    assertThat(
            faultOf(
                    () ->
                        client
                            .port()
                            .rechercherEPrescriptions(
                                new RechercherEPrescriptions(), pharmacieDuMarche()))
                .getCode())
        .isEqualTo("EP_REQUETE_INVALIDE");
  }

  @Test
  void prescriber_creates_a_prescription_that_a_pharmacy_then_consults() throws Exception {
    CreerEPrescription c = creation();
    String number = client.port().creerEPrescription(c, pharmacieDuMarche()).getNumero();

    assertThat(number).matches("[0-9A-Z]{18}");
    EPrescription p = client.consult(number);
    assertThat(p.getPrescripteur().getNom()).isEqualTo("GIRAUD");
    assertThat(p.getPatient().getNomNaissance()).isEqualTo("NESSI");
    assertThat(line(p, "L1").getProduit().getLibelle()).isEqualTo("NUROFEN 400 mg cp enr B/12");
    assertThat(line(p, "L1").getQuantiteTotale()).isEqualTo(4);
    assertThat(line(p, "L1").isSubstituable()).isFalse();
  }

  @Test
  void creation_with_an_unknown_patient_or_a_bad_cip13_is_refused_with_EP_REQUETE_INVALIDE()
      throws Exception {
    CreerEPrescription unknownPatient = creation();
    unknownPatient.setIns("275126322074974".substring(0, 13) + "00");
    assertThat(
            faultOf(() -> client.port().creerEPrescription(unknownPatient, pharmacieDuMarche()))
                .getCode())
        .isEqualTo("EP_REQUETE_INVALIDE");
    CreerEPrescription badCip = creation();
    badCip.getLigne().get(0).getProduit().setCode("3400937582190");
    assertThat(
            faultOf(() -> client.port().creerEPrescription(badCip, pharmacieDuMarche())).getCode())
        .isEqualTo("EP_REQUETE_INVALIDE");
  }

  private static CreerEPrescription creation() throws Exception {
    CreerEPrescription c = new CreerEPrescription();
    c.setRppsPrescripteur("10100000057");
    c.setIns("110086322083060");
    LocalDate today = LocalDate.now(SandboxConfig.FRANCE);
    c.setDatePrescription(
        DatatypeFactory.newInstance()
            .newXMLGregorianCalendarDate(
                today.getYear(),
                today.getMonthValue(),
                today.getDayOfMonth(),
                DatatypeConstants.FIELD_UNDEFINED));
    CreerEPrescription.Ligne l = new CreerEPrescription.Ligne();
    Produit p = new Produit();
    p.setCode("3400937582193");
    p.setSystemeCode("1.2.250.1.213.2.3.2");
    p.setLibelle("NUROFEN 400 mg cp enr B/12");
    l.setProduit(p);
    l.setPosologie("1 comprimé si fièvre");
    l.setQuantite(2);
    l.setRenouvellements(1);
    l.setSubstituable(false);
    c.getLigne().add(l);
    return c;
  }
}
