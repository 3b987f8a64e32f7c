package fr.officine.segur.dmp.document;

import fr.officine.segur.xml.SafeXml;
import java.io.ByteArrayOutputStream;
import javax.xml.XMLConstants;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A few DOM helpers for the CDA writer: every element in the HL7 v3 namespace unless told
 * otherwise, attributes set only when given. The JDK's own factories are asked for by name ({@code
 * newDefaultInstance}) so a Saxon or Xerces on the classpath never changes the output.
 */
final class Dom {
  static final String HL7 = "urn:hl7-org:v3";
  static final String XSI = XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI;
  static final String PHARM = "urn:ihe:pharm:medication";

  private Dom() {}

  static Document newDocument() {
    return SafeXml.parser().newDocument();
  }

  /** A document this module wrote, read back: no DTD, no external entity (XXE). */
  static Document parse(byte[] xml) {
    try {
      Document doc = SafeXml.parser().parse(new java.io.ByteArrayInputStream(xml));
      doc.setXmlStandalone(true);
      return doc;
    } catch (org.xml.sax.SAXException | java.io.IOException e) {
      throw new IllegalArgumentException("not a readable CDA document", e);
    }
  }

  /** The first HL7 element down the path of child names, or an error naming what is missing. */
  static Element first(Element from, String... path) {
    Element at = from;
    for (String name : path) {
      Element found = null;
      for (org.w3c.dom.Node n = at.getFirstChild();
          n != null && found == null;
          n = n.getNextSibling()) {
        if (n instanceof Element e
            && HL7.equals(e.getNamespaceURI())
            && name.equals(e.getLocalName())) {
          found = e;
        }
      }
      if (found == null) {
        throw new IllegalArgumentException("no <" + name + "> under <" + at.getLocalName() + ">");
      }
      at = found;
    }
    return at;
  }

  /** Appends {@code <name>} (HL7 namespace) to {@code parent} and returns it. */
  static Element add(Element parent, String name) {
    Element child = parent.getOwnerDocument().createElementNS(HL7, name);
    parent.appendChild(child);
    return child;
  }

  /** Appends {@code <name>} with attributes given as name/value pairs; null values are skipped. */
  static Element add(Element parent, String name, String... attributes) {
    Element child = add(parent, name);
    attrs(child, attributes);
    return child;
  }

  /** Appends {@code <name>text</name>}. */
  static Element text(Element parent, String name, String text) {
    Element child = add(parent, name);
    child.setTextContent(text);
    return child;
  }

  /** Appends {@code <pharm:name>} (IHE Pharmacy extension namespace). */
  static Element pharm(Element parent, String localName, String... attributes) {
    Element child = parent.getOwnerDocument().createElementNS(PHARM, "pharm:" + localName);
    parent.appendChild(child);
    attrs(child, attributes);
    return child;
  }

  static void attrs(Element element, String... attributes) {
    if (attributes.length % 2 != 0) {
      throw new IllegalArgumentException("attributes come in name/value pairs");
    }
    for (int i = 0; i < attributes.length; i += 2) {
      if (attributes[i + 1] != null) {
        element.setAttribute(attributes[i], attributes[i + 1]);
      }
    }
  }

  static void xsiType(Element element, String type) {
    element.setAttributeNS(XSI, "xsi:type", type);
  }

  /** UTF-8 bytes with an XML declaration (CI-SIS: a CDA document is UTF-8). */
  static byte[] serialize(Document document) {
    return serialize(document, true);
  }

  /**
   * A document read back ({@link #parse}) keeps its whitespace: serialized without indenting again
   * (the JDK's serializer would double the blank lines).
   */
  static byte[] serialize(Document document, boolean indent) {
    try {
      Transformer transformer = SafeXml.serializer();
      if (indent) {
        transformer.setOutputProperty(OutputKeys.INDENT, "yes");
        transformer.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
      transformer.transform(new DOMSource(document), new StreamResult(out));
      return out.toByteArray();
    } catch (TransformerException e) {
      throw new IllegalStateException("The CDA document could not be serialized", e);
    }
  }
}
