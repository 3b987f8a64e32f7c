package fr.officine.segur.sandbox.dp;

import static org.assertj.core.api.Assertions.assertThat;

import fr.officine.segur.sandbox.db.Database;
import fr.officine.segur.sandbox.dmp.DmpDocument;
import fr.officine.segur.sandbox.dmp.DmpSeeds;
import fr.officine.segur.sandbox.dmp.DmpStore;
import fr.officine.segur.sandbox.dmp.XdsSchemas;
import fr.officine.segur.sandbox.dmp.Xml;
import fr.officine.segur.sandbox.dp.soap.AlimenterDP.TransmissionDMP;
import fr.officine.segur.sandbox.seed.SampleParties;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * The DMP metadata the sandbox writes itself (route via-dp, the seeds) is XML built by a DOM (issue
 * 14 §6): valid ebRIM, and what the pharmacy sent reads back as it sent it.
 */
class DmpForwardingTest {
  private final Database db = Database.open(null, "dmp");
  private final DmpStore store = new DmpStore(db, Clock.systemUTC());

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void via_dp_the_pharmacys_title_and_codes_read_back_from_the_dmp_metadata_as_sent()
      throws Exception {
    String ins = SampleParties.ADRUN_ZOE.ins();
    new DmpSeeds(store).seedIfEmpty();
    TransmissionDMP t = new TransmissionDMP();
    t.setUniqueId("2.25." + Math.abs(UUID.randomUUID().getMostSignificantBits()));
    t.setClassCode("43");
    t.setTypeCode("60593-1");
    // a code or title with the characters string concatenation got wrong (a line break in an
    // attribute reads back as a space unless written as a character reference)
    t.setFormatCode("urn:ihe:pharm:dis:2010 & \"x\"");
    t.setConfidentialityCode("N");
    t.setTitre("Dispensation « A & B »\n<réf. \"42\"> de l'officine\tfin");
    t.setDateCreation("20261123100000");
    t.setAuteur("810100000016^MARTIN^Claire");
    t.setRppsAuteur("10100000016");

    String answer =
        new DmpForwarding(store)
            .forward(
                ins,
                t,
                "<ClinicalDocument xmlns=\"urn:hl7-org:v3\"/>".getBytes(StandardCharsets.UTF_8));

    assertThat(answer).isEqualTo("TRANSMIS");
    DmpDocument stored =
        store.documents(ins).stream()
            .filter(d -> d.uniqueId().equals(t.getUniqueId()))
            .findFirst()
            .orElseThrow();
    Element entry =
        Xml.parse(stored.metadata().getBytes(StandardCharsets.UTF_8)).getDocumentElement();
    assertThat(new XdsSchemas().errors(entry)).isEmpty();
    assertThat(
            Xml.path(entry, Xml.RIM, "Name", "LocalizedString").orElseThrow().getAttribute("value"))
        .isEqualTo(t.getTitre());
    assertThat(Xml.children(entry, Xml.RIM, "Classification"))
        .extracting(c -> c.getAttribute("nodeRepresentation"))
        .containsExactly("43", "60593-1", t.getFormatCode());
  }

  @Test
  void the_seeded_documents_metadata_is_valid_ebrim_naming_each_document_by_its_title()
      throws Exception {
    new DmpSeeds(store).seedIfEmpty();
    List<DmpDocument> seeded = store.documents(DmpSeeds.PAT_TROIS_INS);

    assertThat(seeded)
        .extracting(DmpDocument::uniqueId)
        .containsExactlyInAnyOrder(DmpSeeds.VISIBLE_SEED_DOCUMENT, DmpSeeds.MASKED_SEED_DOCUMENT);
    for (DmpDocument d : seeded) {
      Element entry = Xml.parse(d.metadata().getBytes(StandardCharsets.UTF_8)).getDocumentElement();
      assertThat(new XdsSchemas().errors(entry)).as(d.uniqueId()).isEmpty();
      assertThat(
              Xml.path(entry, Xml.RIM, "Name", "LocalizedString")
                  .orElseThrow()
                  .getAttribute("value"))
          .isEqualTo(d.title());
    }
  }
}
