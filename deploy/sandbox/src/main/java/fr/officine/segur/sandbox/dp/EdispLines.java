package fr.officine.segur.sandbox.dp;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Reads the delivered products out of an eDISP-MED CDA (DOMAIN-FACTS §2.6): each {@code supply}
 * with a quantity above 0, its CIP13 (code system 1.2.250.1.213.2.3.2, as a translation or as the
 * code), label and lot ({@code pharm:lotNumberText}) when present.
 */
final class EdispLines {
  static final String HL7 = "urn:hl7-org:v3";
  static final String PHARM = "urn:ihe:pharm:medication";
  static final String CIP = "1.2.250.1.213.2.3.2";

  record Line(String cip13, String label, int quantity, Optional<String> lot) {}

  private EdispLines() {}

  /**
   * @throws IllegalArgumentException not a readable CDA
   */
  static List<Line> read(byte[] cda) {
    Document doc;
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(cda));
    } catch (Exception e) {
      throw new IllegalArgumentException("documentEdisp illisible : " + e.getMessage(), e);
    }
    List<Line> out = new ArrayList<>();
    NodeList supplies = doc.getElementsByTagNameNS(HL7, "supply");
    for (int i = 0; i < supplies.getLength(); i++) {
      Element supply = (Element) supplies.item(i);
      Optional<Element> quantity = child(supply, HL7, "quantity");
      Optional<Element> material = first(supply, HL7, "manufacturedMaterial");
      if (quantity.isEmpty() || material.isEmpty()) {
        continue;
      }
      int boxes = Integer.parseInt(quantity.get().getAttribute("value"));
      Optional<String> cip = cip13(material.get());
      if (boxes <= 0 || cip.isEmpty()) {
        continue;
      }
      String label =
          child(material.get(), HL7, "name").map(Element::getTextContent).orElse(cip.get()).trim();
      Optional<String> lot =
          first(material.get(), PHARM, "lotNumberText").map(e -> e.getTextContent().trim());
      out.add(new Line(cip.get(), label, boxes, lot.filter(s -> !s.isEmpty())));
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("documentEdisp sans produit délivré (supply avec CIP13).");
    }
    return out;
  }

  private static Optional<String> cip13(Element material) {
    for (String tag : List.of("code", "translation")) {
      NodeList codes = material.getElementsByTagNameNS(HL7, tag);
      for (int i = 0; i < codes.getLength(); i++) {
        Element e = (Element) codes.item(i);
        if (CIP.equals(e.getAttribute("codeSystem"))) {
          return Optional.of(e.getAttribute("code"));
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<Element> child(Element parent, String ns, String name) {
    for (var n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e
          && ns.equals(e.getNamespaceURI())
          && name.equals(e.getLocalName())) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  private static Optional<Element> first(Element parent, String ns, String name) {
    NodeList l = parent.getElementsByTagNameNS(ns, name);
    return l.getLength() == 0 ? Optional.empty() : Optional.of((Element) l.item(0));
  }
}
