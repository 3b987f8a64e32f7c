package fr.officine.segur.sandbox.admin;

import fr.officine.segur.sandbox.eprescription.Prescription;
import fr.officine.segur.sandbox.eprescription.PrescriptionLine;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * {@code GET /sandbox/prescriptions} for a browser (Accept: text/html): the sample prescriptions as
 * a page a newcomer reads, each with its scenario and links to its QR code and paper ordonnance.
 * The JSON list stays for tests and tools (content negotiation on Accept). Built as a DOM, so every
 * text is escaped by the serializer.
 */
final class PrescriptionListPage {
  private PrescriptionListPage() {}

  /** HTML when the client prefers it: it names text/html and not JSON (a browser's default). */
  static boolean wanted(String accept) {
    return accept != null && accept.contains("text/html") && !accept.contains("application/json");
  }

  static byte[] html(List<Prescription> prescriptions, LocalDate today) {
    try {
      Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
      Element html = doc.createElement("html");
      html.setAttribute("lang", "fr");
      doc.appendChild(html);
      Element head = add(doc, html, "head", null);
      // the serializer writes the charset meta itself (UTF-8)
      add(doc, head, "title", "Bac à sable — ordonnances d'exemple");
      add(
          doc,
          head,
          "style",
          "body{font-family:system-ui,sans-serif;margin:2rem;color:#1d2733}"
              + "table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #d5dbe2;padding:.4rem .5rem;"
              + "text-align:left;vertical-align:top}th{background:#eef2f6}code{font-size:1rem}.muted{color:#5b6676}");
      Element body = add(doc, html, "body", null);
      add(doc, body, "h1", "Ordonnances d'exemple du bac à sable");
      add(
          doc,
          body,
          "p",
          "Scannez le QR code (ou tapez le numéro) au comptoir du module. "
              + "POST /sandbox/reset les remet à neuf ; la même liste en JSON avec Accept: application/json.");
      Element table = add(doc, body, "table", null);
      Element header = add(doc, add(doc, table, "thead", null), "tr", null);
      for (String title :
          List.of("Numéro", "Scénario", "Patient", "Lignes", "État", "QR code", "Ordonnance")) {
        add(doc, header, "th", title);
      }
      Element rows = add(doc, table, "tbody", null);
      for (Prescription p : prescriptions) {
        String link = "/sandbox/prescriptions/" + p.number();
        Element tr = add(doc, rows, "tr", null);
        tr.setAttribute("id", p.number());
        add(doc, add(doc, tr, "td", null), "code", p.number());
        add(doc, tr, "td", p.scenarioDescription().orElse("Créée par l'API du bac à sable."));
        add(
            doc,
            tr,
            "td",
            p.patient().birthName()
                + " "
                + p.patient().firstName()
                + " — prescrite le "
                + p.prescribedOn()
                + " par Dr "
                + p.prescriber().lastName());
        Element lines = add(doc, add(doc, tr, "td", null), "ul", null);
        for (PrescriptionLine l : p.lines()) {
          add(
              doc,
              lines,
              "li",
              l.product().label()
                  + " × "
                  + l.quantityPerPeriod()
                  + (l.renewals() > 0 ? " (à renouveler " + l.renewals() + " fois)" : "")
                  + (l.narcotic() ? " — stupéfiant" : ""));
        }
        add(doc, tr, "td", p.status(today).name().toLowerCase(java.util.Locale.ROOT));
        link(doc, add(doc, tr, "td", null), link + "/qr.png", "QR code");
        link(doc, add(doc, tr, "td", null), link + "/ordonnance.pdf", "PDF");
      }
      var transformer = TransformerFactory.newInstance().newTransformer();
      transformer.setOutputProperty(OutputKeys.METHOD, "html");
      transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
      transformer.setOutputProperty(OutputKeys.DOCTYPE_SYSTEM, "about:legacy-compat");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      transformer.transform(new DOMSource(doc), new StreamResult(out));
      return out.toString(StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
    } catch (ParserConfigurationException | TransformerException e) {
      throw new IllegalStateException("the JDK's DOM and serializer are always there", e);
    }
  }

  private static Element add(Document doc, Element parent, String name, String text) {
    Element e = doc.createElement(name);
    if (text != null) {
      e.setTextContent(text);
    }
    parent.appendChild(e);
    return e;
  }

  private static void link(Document doc, Element parent, String href, String text) {
    Element a = add(doc, parent, "a", text);
    a.setAttribute("href", href);
  }
}
