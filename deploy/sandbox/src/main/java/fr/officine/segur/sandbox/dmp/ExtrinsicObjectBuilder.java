package fr.officine.segur.sandbox.dmp;

import java.util.Optional;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Writes the ebRIM 3.0 {@code ExtrinsicObject} of a document entry (the metadata ITI-18 returns)
 * with a DOM, never by string concatenation (issue 14 §6): the serializer escapes every value the
 * same way (a title with {@code &}, {@code <}, quotes or a line break reads back as written), and
 * the parts come in the order rim.xsd wants (Slot*, Name, Classification*, ExternalIdentifier*) as
 * long as the caller adds them in that order. Used by the sandbox's seeds and by the DP's route
 * via-dp, which both play the DMP's side.
 */
public final class ExtrinsicObjectBuilder {
  /** One rim:Slot with one value. */
  public record Slot(String name, String value) {}

  private final Document doc = Xml.newDocument();
  private final Element entry;
  private final String entryUuid;

  /** An approved XDS document entry ({@link DmpNames#DOCUMENT_ENTRY}) of this id and MIME type. */
  public ExtrinsicObjectBuilder(String entryUuid, String mimeType) {
    this.entryUuid = entryUuid;
    entry = doc.createElementNS(Xml.RIM, "rim:ExtrinsicObject");
    entry.setAttribute("id", entryUuid);
    entry.setAttribute("lid", entryUuid);
    entry.setAttribute("mimeType", mimeType);
    entry.setAttribute("objectType", DmpNames.DOCUMENT_ENTRY);
    entry.setAttribute("status", DmpNames.APPROVED);
    doc.appendChild(entry);
  }

  public ExtrinsicObjectBuilder slot(String name, String value) {
    slot(entry, new Slot(name, value));
    return this;
  }

  public ExtrinsicObjectBuilder name(String value) {
    name(entry, value);
    return this;
  }

  /**
   * A classification of the entry: {@code code} as nodeRepresentation (empty for the author), its
   * slots (codingScheme, or the author's), its display name if any. Its id is the entry's plus
   * {@code idSuffix}.
   */
  public ExtrinsicObjectBuilder classification(
      String idSuffix, String scheme, String code, Optional<String> display, Slot... slots) {
    Element c = add(entry, "rim:Classification");
    c.setAttribute("id", entryUuid + "-" + idSuffix);
    c.setAttribute("classificationScheme", scheme);
    c.setAttribute("classifiedObject", entryUuid);
    c.setAttribute("nodeRepresentation", code);
    for (Slot s : slots) {
      slot(c, s);
    }
    display.ifPresent(d -> name(c, d));
    return this;
  }

  /**
   * An external identifier (patientId, uniqueId) named {@code name}, its id the entry's plus that
   * name.
   */
  public ExtrinsicObjectBuilder externalId(String scheme, String value, String name) {
    Element e = add(entry, "rim:ExternalIdentifier");
    e.setAttribute("id", entryUuid + "-" + name);
    e.setAttribute("identificationScheme", scheme);
    e.setAttribute("registryObject", entryUuid);
    e.setAttribute("value", value);
    name(e, name);
    return this;
  }

  /** The entry as XML text (no declaration), as the DMP's store keeps it. */
  public String xml() {
    return Xml.string(entry);
  }

  private Element add(Element parent, String qualifiedName) {
    Element e = doc.createElementNS(Xml.RIM, qualifiedName);
    parent.appendChild(e);
    return e;
  }

  private void slot(Element parent, Slot s) {
    Element slot = add(parent, "rim:Slot");
    slot.setAttribute("name", s.name());
    add(add(slot, "rim:ValueList"), "rim:Value").setTextContent(s.value());
  }

  private void name(Element parent, String value) {
    add(add(parent, "rim:Name"), "rim:LocalizedString").setAttribute("value", value);
  }
}
