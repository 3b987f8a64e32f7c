package fr.officine.segur.sandbox.dmp;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Namespace-aware DOM helpers, hardened against external entities (the input comes off the wire).
 */
public final class Xml {
  public static final String SOAP12 = "http://www.w3.org/2003/05/soap-envelope";
  public static final String WSA = "http://www.w3.org/2005/08/addressing";
  public static final String WSSE =
      "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
  public static final String SAML2 = "urn:oasis:names:tc:SAML:2.0:assertion";
  public static final String DSIG = "http://www.w3.org/2000/09/xmldsig#";
  public static final String RIM = "urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0";
  public static final String RS = "urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0";
  public static final String LCM = "urn:oasis:names:tc:ebxml-regrep:xsd:lcm:3.0";
  public static final String QUERY = "urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0";
  public static final String XDSB = "urn:ihe:iti:xds-b:2007";
  public static final String XOP = "http://www.w3.org/2004/08/xop/include";
  public static final String HL7 = "urn:hl7-org:v3";

  private Xml() {}

  /**
   * The JDK's own parser and serializer, named rather than looked up: {@code newInstance()} scans
   * every jar's {@code META-INF/services} at each call and finds Saxon (on the class path for the
   * schematrons), whose DOM walk over a SAAJ message is slow. Measured on the sandbox's ITI-41: the
   * lookup and Saxon's walk were 43 % of its CPU.
   */
  public static DocumentBuilder builder() {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
      f.setNamespaceAware(true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setExpandEntityReferences(false);
      return f.newDocumentBuilder();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Document parse(byte[] bytes) throws SAXException {
    try {
      return builder().parse(new ByteArrayInputStream(bytes));
    } catch (IOException e) {
      throw new SAXException(e);
    }
  }

  public static Document newDocument() {
    return builder().newDocument();
  }

  public static byte[] bytes(Node node) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      transformer(false).transform(new DOMSource(node), new StreamResult(out));
    } catch (TransformerException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }

  public static String string(Node node) {
    StringWriter out = new StringWriter();
    try {
      transformer(true).transform(new DOMSource(node), new StreamResult(out));
    } catch (TransformerException e) {
      throw new IllegalStateException(e);
    }
    return out.toString();
  }

  private static Transformer transformer(boolean omitDeclaration) throws TransformerException {
    TransformerFactory f = TransformerFactory.newDefaultInstance();
    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
    Transformer t = f.newTransformer();
    t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
    if (omitDeclaration) {
      t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
    }
    return t;
  }

  public static List<Element> children(Element parent, String ns, String localName) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e
          && ns.equals(e.getNamespaceURI())
          && localName.equals(e.getLocalName())) {
        out.add(e);
      }
    }
    return out;
  }

  public static List<Element> children(Element parent) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        out.add(e);
      }
    }
    return out;
  }

  public static Optional<Element> child(Element parent, String ns, String localName) {
    List<Element> all = children(parent, ns, localName);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
  }

  /** Follows a path of child elements in one namespace, e.g. ("controlActProcess", "subject"). */
  public static Optional<Element> path(Element from, String ns, String... localNames) {
    Optional<Element> current = Optional.of(from);
    for (String name : localNames) {
      current = current.flatMap(e -> child(e, ns, name));
    }
    return current;
  }

  public static List<Element> descendants(Element root, String ns, String localName) {
    List<Element> out = new ArrayList<>();
    var list = root.getElementsByTagNameNS(ns, localName);
    for (int i = 0; i < list.getLength(); i++) {
      out.add((Element) list.item(i));
    }
    return out;
  }

  /** Attribute value, or empty when absent or blank. */
  public static Optional<String> attr(Element e, String name) {
    String v = e.getAttribute(name);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
  }

  public static String text(Element e) {
    return e.getTextContent() == null ? "" : e.getTextContent().strip();
  }
}
