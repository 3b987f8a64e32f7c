package fr.officine.segur.sandbox.dmp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Element;

/** Reading ebRIM 3.0 registry objects: slots, classifications, external identifiers. */
final class Ebrim {
  /** A coded classification: nodeRepresentation, its codingScheme slot, its display name. */
  record Code(String code, String scheme, String display) {}

  private Ebrim() {}

  static List<String> slot(Element object, String name) {
    List<String> values = new ArrayList<>();
    for (Element slot : Xml.children(object, Xml.RIM, "Slot")) {
      if (name.equals(slot.getAttribute("name"))) {
        Xml.child(slot, Xml.RIM, "ValueList")
            .ifPresent(
                list -> Xml.children(list, Xml.RIM, "Value").forEach(v -> values.add(Xml.text(v))));
      }
    }
    return values;
  }

  static Optional<String> firstSlot(Element object, String name) {
    return slot(object, name).stream().filter(s -> !s.isEmpty()).findFirst();
  }

  static List<Element> classifications(Element object, String scheme) {
    return Xml.children(object, Xml.RIM, "Classification").stream()
        .filter(c -> scheme.equals(c.getAttribute("classificationScheme")))
        .toList();
  }

  static List<Code> codes(Element object, String scheme) {
    return classifications(object, scheme).stream()
        .map(
            c ->
                new Code(
                    c.getAttribute("nodeRepresentation"),
                    firstSlot(c, "codingScheme").orElse(""),
                    name(c)))
        .toList();
  }

  static Optional<String> externalId(Element object, String scheme) {
    return Xml.children(object, Xml.RIM, "ExternalIdentifier").stream()
        .filter(e -> scheme.equals(e.getAttribute("identificationScheme")))
        .map(e -> e.getAttribute("value").strip())
        .filter(v -> !v.isEmpty())
        .findFirst();
  }

  static String name(Element object) {
    return Xml.path(object, Xml.RIM, "Name", "LocalizedString")
        .map(l -> l.getAttribute("value"))
        .orElse("");
  }
}
