package fr.officine.segur.dmp;

import fr.officine.segur.xml.SafeXml;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Namespaces of the DMP exchanges and the few DOM helpers the client needs (no SOAP stack types).
 * Parser and serializer: {@link SafeXml}.
 */
final class DmpXml {
  static final String SOAP12 = "http://www.w3.org/2003/05/soap-envelope";
  static final String WSA = "http://www.w3.org/2005/08/addressing";
  static final String WSSE =
      "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
  static final String SAML2 = "urn:oasis:names:tc:SAML:2.0:assertion";
  static final String DSIG = "http://www.w3.org/2000/09/xmldsig#";
  static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
  static final String HL7 = "urn:hl7-org:v3";
  static final String XDSB = "urn:ihe:iti:xds-b:2007";
  static final String LCM = "urn:oasis:names:tc:ebxml-regrep:xsd:lcm:3.0";
  static final String RIM = "urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0";
  static final String RS = "urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0";
  static final String QUERY = "urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0";
  static final String XOP = "http://www.w3.org/2004/08/xop/include";
  static final String XMLNS = "http://www.w3.org/2000/xmlns/";

  private DmpXml() {}

  static Document newDocument() {
    return SafeXml.parser().newDocument();
  }

  static Document parse(byte[] bytes) {
    try {
      return SafeXml.parser().parse(new ByteArrayInputStream(bytes));
    } catch (SAXException | IOException e) {
      throw new IllegalArgumentException("XML illisible : " + e.getMessage(), e);
    }
  }

  static byte[] bytes(Node node) {
    try {
      Transformer t = SafeXml.serializer();
      t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      t.transform(new DOMSource(node), new StreamResult(out));
      return out.toByteArray();
    } catch (TransformerException e) {
      throw new IllegalStateException(e);
    }
  }

  static Element add(Element parent, String ns, String qname) {
    Element e = parent.getOwnerDocument().createElementNS(ns, qname);
    parent.appendChild(e);
    return e;
  }

  static Element add(Element parent, String ns, String qname, String text) {
    Element e = add(parent, ns, qname);
    e.setTextContent(text);
    return e;
  }

  static List<Element> children(Element parent) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        out.add(e);
      }
    }
    return out;
  }

  static Optional<Element> child(Element parent, String ns, String local) {
    return children(parent).stream()
        .filter(e -> ns.equals(e.getNamespaceURI()) && local.equals(e.getLocalName()))
        .findFirst();
  }

  static List<Element> descendants(Element root, String ns, String local) {
    NodeList list = root.getElementsByTagNameNS(ns, local);
    List<Element> out = new ArrayList<>();
    for (int i = 0; i < list.getLength(); i++) {
      out.add((Element) list.item(i));
    }
    return out;
  }

  static String text(Element e) {
    return e.getTextContent() == null ? "" : e.getTextContent().trim();
  }
}
