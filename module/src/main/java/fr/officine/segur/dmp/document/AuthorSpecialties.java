package fr.officine.segur.dmp.document;

import fr.officine.segur.dmp.document.DispensationDocumentData.Specialty;
import fr.officine.segur.xml.SafeXml;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * JDV_J01-XdsAuthorSpecialty-CISIS (OID 1.2.250.1.213.1.1.5.461), the value set CI-SIS takes
 * professions and specialties from for authors and participants (codes of TRE_G15 profession and
 * TRE_R38 specialty, code system 1.2.250.1.213.1.1.4.5). The file is the NOS publication as ANS
 * ships it (resources {@code nos/}), read once: it is the one source of these codes and labels.
 *
 * <p>The e-prescription base gives the prescriber's specialty as a label ("Médecine générale",
 * "Pédiatrie"); {@link #prescriber} finds its code by that label (accents and case ignored), a
 * qualified specialist (SM) first. A label the value set does not name gives the profession
 * "Médecin" (G15_10): the ordonnance numérique is today a médecin's prescription, and CI-SIS wants
 * a real code here rather than nullFlavor (StrucMin CI-SISParticipant).
 */
public final class AuthorSpecialties {
  private static final Logger LOG = Logger.getLogger(AuthorSpecialties.class.getName());
  static final String RESOURCE = "/nos/JDV_J01_XdsAuthorSpecialty_CISIS.xml";
  static final String CODE_SYSTEM = EdispCdaWriter.TRE_R85_PROFESSION;
  private static final String MEDECIN = "G15_10";
  private static final AuthorSpecialties INSTANCE = load();

  private final Map<String, Specialty> byCode;

  /**
   * Each concept under its display name and its specialty part, normalized once: normalizing the
   * whole value set at each document was 2 % of a counter request's CPU (JFR, 2026-12-04).
   */
  private final Map<String, List<Specialty>> byNormalizedLabel = new HashMap<>();

  private AuthorSpecialties(Map<String, Specialty> byCode) {
    this.byCode = Collections.unmodifiableMap(byCode);
    for (Specialty s : byCode.values()) {
      String name = normalize(s.displayName());
      String part = normalize(specialtyPart(s));
      byNormalizedLabel.computeIfAbsent(name, k -> new ArrayList<>()).add(s);
      if (!part.equals(name)) {
        byNormalizedLabel.computeIfAbsent(part, k -> new ArrayList<>()).add(s);
      }
    }
  }

  public static AuthorSpecialties get() {
    return INSTANCE;
  }

  /** The concept of code system 1.2.250.1.213.1.1.4.5 with this code, when the value set has it. */
  public Optional<Specialty> byCode(String code) {
    return Optional.ofNullable(byCode.get(code));
  }

  /** The prescriber's code for the specialty label the base gives (possibly null or blank). */
  public Specialty prescriber(String label) {
    Optional<Specialty> found =
        label == null || label.isBlank() ? Optional.empty() : byLabel(label);
    if (found.isEmpty()) {
      LOG.fine(
          () -> "Prescriber specialty '" + label + "' not in JDV_J01: profession Médecin written");
    }
    return found.orElseGet(() -> byCode.get(MEDECIN));
  }

  private Optional<Specialty> byLabel(String label) {
    List<Specialty> matches = byNormalizedLabel.getOrDefault(normalize(label), List.of());
    // A qualified specialist "(SM)" before a competence "(C)" or a diploma of the same name.
    return matches.stream()
        .filter(s -> s.displayName().endsWith("(SM)"))
        .findFirst()
        .or(() -> matches.stream().findFirst());
  }

  /** "Médecin - Pédiatrie (SM)" → "Pédiatrie". */
  private static String specialtyPart(Specialty s) {
    String d = s.displayName();
    int dash = d.indexOf(" - ");
    String part = dash < 0 ? d : d.substring(dash + 3);
    int paren = part.lastIndexOf(" (");
    return paren < 0 ? part : part.substring(0, paren);
  }

  private static String normalize(String s) {
    return Normalizer.normalize(s, Normalizer.Form.NFD)
        .replaceAll("\\p{M}", "")
        .toLowerCase(Locale.ROOT)
        .replaceAll("[^a-z0-9]+", " ")
        .strip();
  }

  private static AuthorSpecialties load() {
    try (InputStream in = AuthorSpecialties.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("JDV_J01 missing from the module: " + RESOURCE);
      }
      NodeList concepts =
          SafeXml.parser().parse(in).getElementsByTagNameNS("urn:ihe:iti:svs:2008", "Concept");
      Map<String, Specialty> byCode = new LinkedHashMap<>();
      for (int i = 0; i < concepts.getLength(); i++) {
        Element c = (Element) concepts.item(i);
        if (CODE_SYSTEM.equals(c.getAttribute("codeSystem"))) {
          byCode.putIfAbsent(
              c.getAttribute("code"),
              new Specialty(c.getAttribute("code"), c.getAttribute("displayName")));
        }
      }
      return new AuthorSpecialties(byCode);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SAXException e) {
      throw new IllegalStateException("JDV_J01 does not parse", e);
    }
  }
}
