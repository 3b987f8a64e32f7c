package fr.officine.segur.xml;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerConfigurationException;
import javax.xml.transform.TransformerFactory;

/**
 * The one way the module builds a DOM parser or serializer. The JDK's own implementations, named
 * ({@code newDefaultInstance}) rather than looked up: {@code newInstance()} scans every jar's
 * {@code META-INF/services} at each call (and in the tests finds Saxon), which was 48 % of the CPU
 * of an outbox drain to the DMP (JFR, 2026-12-04). Hardened against what comes off the wire: no
 * DOCTYPE, hence no external entity (XXE) nor entity expansion; no XInclude; secure processing.
 */
public final class SafeXml {
  private SafeXml() {}

  /** A namespace-aware parser, also the builder of new documents. */
  public static DocumentBuilder parser() {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
      f.setNamespaceAware(true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setXIncludeAware(false);
      f.setExpandEntityReferences(false);
      return f.newDocumentBuilder();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("The JDK's DOM parser is unavailable", e);
    }
  }

  /** An identity transformer writing UTF-8, with no external DTD or stylesheet. */
  public static Transformer serializer() {
    try {
      TransformerFactory f = TransformerFactory.newDefaultInstance();
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
      Transformer t = f.newTransformer();
      t.setOutputProperty(javax.xml.transform.OutputKeys.ENCODING, "UTF-8");
      return t;
    } catch (TransformerConfigurationException e) {
      throw new IllegalStateException("The JDK's XML serializer is unavailable", e);
    }
  }
}
