package fr.officine.segur.mssante;

import fr.officine.segur.dmp.DmpSender;
import fr.officine.segur.dmp.XdsSubmission;
import fr.officine.segur.dmp.document.StoredDocument;
import fr.officine.segur.xml.SafeXml;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The dispensation document as MSSanté carries documents: an IHE XDM package (IHE ITI TF-1 §16,
 * TF-3 §3.32 "Distribute Document Set on Media", ITI-32, the zip form XDR/XDM for e-mail), attached
 * as {@code IHE_XDM.ZIP}; the ANS rules for MSSanté (Référentiel socle MSSanté #2 « Clients de
 * messageries sécurisées de santé », ECO.2.1.2: the receiving system identifies the patient by the
 * {@code patientId} of the METADATA.XML in the IHE_XDM.ZIP attachment). Layout:
 *
 * <pre>
 * INDEX.HTM                      what the package holds, with links (TF-3 §3.32.4.1.2.2)
 * README.TXT                     who made it: application, version, contact (§3.32.4.1.2.3)
 * IHE_XDM/SUBSET01/METADATA.XML  the XDS submission set and document entry (ebRS 3.0
 *                                SubmitObjectsRequest), the entry's URI naming the file below
 * IHE_XDM/SUBSET01/DOC00001.XML  the CDA R2 eDISP-MED document, byte for byte as sent to the DMP
 * </pre>
 *
 * The metadata is the DMP's ({@link XdsSubmission}, from the same {@code DocumentEntryMetadata}:
 * the same uniqueId, hash, size, codes, author and INS), in its own submission set. File names are
 * ISO 9660 8.3 upper case, as the profile asks of media.
 */
public final class XdmPackage {
  public static final String FILE_NAME = "IHE_XDM.ZIP";
  static final String SUBSET = "IHE_XDM/SUBSET01/";
  static final String METADATA = SUBSET + "METADATA.XML";
  static final String DOCUMENT = "DOC00001.XML";
  private static final String LCM = "urn:oasis:names:tc:ebxml-regrep:xsd:lcm:3.0";
  private static final String RIM = "urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0";
  private static final DateTimeFormatter DTM = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

  private XdmPackage() {}

  /**
   * @param messageId the message the package travels in: its submission set's uniqueId derives from
   *     it, so every attempt of one message builds the same package
   * @param at the message's creation: the submission time and the entries' times
   */
  public static byte[] zip(StoredDocument doc, String messageId, OffsetDateTime at) {
    byte[] metadata = metadata(doc, messageId, at);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
      FileTime time = FileTime.from(at.toInstant());
      entry(zip, "INDEX.HTM", index(doc).getBytes(StandardCharsets.UTF_8), time);
      entry(zip, "README.TXT", readme(doc).getBytes(StandardCharsets.UTF_8), time);
      entry(zip, METADATA, metadata, time);
      entry(zip, SUBSET + DOCUMENT, doc.document().cda(), time);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** The ebRS SubmitObjectsRequest of ITI-41 (same builder), the entry's {@code URI} slot added. */
  static byte[] metadata(StoredDocument doc, String messageId, OffsetDateTime at) {
    Element request =
        XdsSubmission.request(
            new XdsSubmission.Submission(
                doc.metadata(),
                doc.document().cda(),
                submissionSetUniqueId(messageId),
                DmpSender.SOURCE_ID,
                DTM.format(at.withOffsetSameInstant(ZoneOffset.UTC))));
    Document out = newDocument();
    Element submit = (Element) out.importNode(child(request, LCM, "SubmitObjectsRequest"), true);
    out.appendChild(submit);
    Element entry = child(child(submit, RIM, "RegistryObjectList"), RIM, "ExtrinsicObject");
    // ITI TF-3 §4.2.3.2.23: on media the entry says where its document is, relative to METADATA.XML
    Element uri = out.createElementNS(RIM, "rim:Slot");
    uri.setAttribute("name", "URI");
    Element value = out.createElementNS(RIM, "rim:Value");
    value.setTextContent(DOCUMENT);
    uri.appendChild(out.createElementNS(RIM, "rim:ValueList")).appendChild(value);
    // ebRIM: the slots come first, before Name and Description
    entry.insertBefore(uri, firstNonSlot(entry));
    return serialize(out);
  }

  /** Name-based UUID as a 2.25 OID: one per message, the same on every attempt. */
  static String submissionSetUniqueId(String messageId) {
    UUID u =
        UUID.nameUUIDFromBytes(
            ("xdm-submission-set:" + messageId).getBytes(StandardCharsets.UTF_8));
    return "2.25." + new BigInteger(u.toString().replace("-", ""), 16);
  }

  private static String index(StoredDocument doc) {
    return "<!DOCTYPE html>\n<html lang=\"fr\"><head><meta charset=\"UTF-8\"><title>IHE XDM</title></head><body>\n"
        + "<h1>Document de dispensation</h1>\n"
        + "<p>"
        + html(doc.metadata().title())
        + " — "
        + html(doc.pharmacyName())
        + "</p>\n"
        + "<ul>\n"
        + "<li><a href=\"IHE_XDM/SUBSET01/"
        + DOCUMENT
        + "\">"
        + DOCUMENT
        + "</a> : document CDA R2 (eDISP-MED),"
        + " identifiant "
        + html(doc.document().uniqueId())
        + "</li>\n"
        + "<li><a href=\"IHE_XDM/SUBSET01/METADATA.XML\">METADATA.XML</a> : métadonnées XDS du lot</li>\n"
        + "<li><a href=\"README.TXT\">README.TXT</a></li>\n"
        + "</ul>\n</body></html>\n";
  }

  private static String readme(StoredDocument doc) {
    return String.join(
        "\r\n",
        "Paquet IHE XDM (ITI-32) produit par officine-segur, module Ségur de pharmacie d'officine.",
        "Émetteur : " + doc.pharmacyName() + " (FINESS " + doc.pharmacyFiness() + ").",
        "Contenu : un lot (IHE_XDM/SUBSET01) avec un document CDA R2 de dispensation (DOC00001.XML)",
        "et ses métadonnées XDS (METADATA.XML). INDEX.HTM en donne la liste.",
        "Application : officine-segur 0.1.0 ; contact : l'éditeur du logiciel de la pharmacie.",
        "");
  }

  private static String html(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  private static void entry(ZipOutputStream zip, String name, byte[] content, FileTime time)
      throws IOException {
    ZipEntry entry = new ZipEntry(name);
    entry.setLastModifiedTime(time);
    zip.putNextEntry(entry);
    zip.write(content);
    zip.closeEntry();
  }

  private static Element child(Element parent, String ns, String localName) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e
          && ns.equals(e.getNamespaceURI())
          && localName.equals(e.getLocalName())) {
        return e;
      }
    }
    throw new IllegalStateException("no " + localName + " in " + parent.getLocalName());
  }

  private static Node firstNonSlot(Element entry) {
    for (Node n = entry.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && !"Slot".equals(e.getLocalName())) {
        return e;
      }
    }
    return null;
  }

  private static Document newDocument() {
    return SafeXml.parser().newDocument();
  }

  private static byte[] serialize(Document doc) {
    try {
      var transformer = SafeXml.serializer();
      transformer.setOutputProperty(OutputKeys.INDENT, "yes");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      transformer.transform(new DOMSource(doc), new StreamResult(out));
      return out.toByteArray();
    } catch (TransformerException e) {
      throw new IllegalStateException(e);
    }
  }
}
