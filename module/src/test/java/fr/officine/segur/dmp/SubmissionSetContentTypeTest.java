package fr.officine.segur.dmp;

import static org.assertj.core.api.Assertions.assertThat;

import fr.officine.segur.dmp.document.ConformanceMaterial;
import fr.officine.segur.dmp.document.DispensationDocuments;
import fr.officine.segur.dmp.document.DispensationSamples;
import fr.officine.segur.dmp.document.DocumentEntryMetadata.Code;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Issue 12 §4: the submission set's contentTypeCode. JDV_J59-ContentTypeCode-DMP draws its codes
 * from TRE_A00, TRE_R209 and TRE_R02 (DOMAIN-FACTS §2.4); its member list itself is not public
 * (§7.4). What can be checked is checked against the official files: the code is a concept of
 * TRE_R02 (1.2.250.1.71.4.2.4) as the ANS value set JDV_J02 lists it (code, system and label), and
 * it is the document's own activity sector (CDA healthCareFacility/code).
 */
class SubmissionSetContentTypeTest {
  static final String J02 =
      "ans-cisis/schematrons/profils/structurationMinimale/include/voc-1.2.250.1.213.1.1.5.466-DYNAMIC.xml";

  @Test
  void the_content_type_is_a_tre_r02_concept_with_its_official_label_and_the_documents_own_sector()
      throws Exception {
    Code content = XdsSubmission.CONTENT_TYPE;
    assertThat(content.codingScheme())
        .as("TRE_R02, one of the JDV_J59 sources")
        .isEqualTo("1.2.250.1.71.4.2.4");
    assertThat(concepts()).contains(content);

    String cda =
        new String(
            DispensationDocuments.create().build(DispensationSamples.knownGood()).cda(),
            java.nio.charset.StandardCharsets.UTF_8);
    assertThat(cda)
        .contains(
            "<code code=\""
                + content.code()
                + "\" codeSystem=\""
                + content.codingScheme()
                + "\" displayName=\""
                + content.displayName()
                + "\"/>");
  }

  static List<Code> concepts() throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
    factory.setNamespaceAware(true);
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    byte[] xml = Files.readAllBytes(ConformanceMaterial.resolve(J02));
    NodeList nodes =
        factory
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(xml))
            .getElementsByTagName("concept");
    List<Code> codes = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      Element c = (Element) nodes.item(i);
      codes.add(
          new Code(
              c.getAttribute("code"), c.getAttribute("codeSystem"), c.getAttribute("displayName")));
    }
    return codes;
  }
}
