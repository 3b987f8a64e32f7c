package fr.officine.segur.mssante;

import fr.officine.segur.api.id.InvalidIdentifierException;
import fr.officine.segur.api.id.Rpps;
import fr.officine.segur.xml.SafeXml;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.namespace.NamespaceContext;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;

/**
 * The prescriber as the stored dispensation document names him: the CDA's participant REF (CI-SIS
 * eDISP-MED: the prescriber, {@code id} = PS_IdNat "8" + RPPS under 1.2.250.1.71.4.2.1). Read from
 * the very document the message carries, so the message goes to the professional the document
 * names, never to another.
 */
public record DocumentPrescriber(Rpps rpps, String givenName, String familyName) {
  private static final String OID_PS = "1.2.250.1.71.4.2.1";

  /** Empty when the document names no prescriber with an RPPS (nothing to send to). */
  public static Optional<DocumentPrescriber> of(byte[] cda) {
    try {
      Document doc = SafeXml.parser().parse(new ByteArrayInputStream(cda));
      XPath xpath = XPathFactory.newDefaultInstance().newXPath();
      xpath.setNamespaceContext(new Hl7());
      String entity = "/h:ClinicalDocument/h:participant[@typeCode='REF']/h:associatedEntity";
      String idNat = xpath.evaluate(entity + "/h:id[@root='" + OID_PS + "']/@extension", doc);
      if (idNat == null || !idNat.matches("8\\d{11}")) {
        return Optional.empty();
      }
      return Optional.of(
          new DocumentPrescriber(
              Rpps.of(idNat.substring(1)),
              xpath.evaluate(entity + "/h:associatedPerson/h:name/h:given", doc).strip(),
              xpath.evaluate(entity + "/h:associatedPerson/h:name/h:family", doc).strip()));
    } catch (SAXException | IOException | XPathExpressionException | InvalidIdentifierException e) {
      // our own stored document: unreadable would be a defect, said as "no prescriber"; a defect
      // of this code (a RuntimeException) is not hidden behind it
      return Optional.empty();
    }
  }

  private static final class Hl7 implements NamespaceContext {
    @Override
    public String getNamespaceURI(String prefix) {
      return "h".equals(prefix) ? "urn:hl7-org:v3" : XMLConstants.NULL_NS_URI;
    }

    @Override
    public String getPrefix(String uri) {
      return null;
    }

    @Override
    public java.util.Iterator<String> getPrefixes(String uri) {
      return java.util.Collections.emptyIterator();
    }
  }
}
