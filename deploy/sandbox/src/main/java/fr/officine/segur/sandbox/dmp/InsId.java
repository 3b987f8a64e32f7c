package fr.officine.segur.sandbox.dmp;

import fr.officine.segur.sandbox.ids.Identifiers;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A patient INS as XDS and the VIHF carry it: the HL7 v2 CX {@code <INS>^^^&<OID>&ISO^NH}, INS =
 * 13-character matricule + 2-digit key (DOMAIN-FACTS §2.4, §2.5).
 */
public record InsId(String ins, String oid) {
  /** INS-NIR, INS-NIA, INS-NIR test, INS-NIR demo (DOMAIN-FACTS §2.5). */
  public static final Set<String> KNOWN_OIDS =
      Set.of(
          "1.2.250.1.213.1.4.8",
          "1.2.250.1.213.1.4.9",
          "1.2.250.1.213.1.4.10",
          "1.2.250.1.213.1.4.11");

  private static final Pattern CX = Pattern.compile("([0-9AB]{15})\\^\\^\\^&([0-9.]+)&ISO\\^NH");

  /** Empty when not a CX of a valid INS under a known INS OID. */
  public static Optional<InsId> parseCx(String cx) {
    if (cx == null) {
      return Optional.empty();
    }
    Matcher m = CX.matcher(cx.strip());
    if (!m.matches() || !Identifiers.isIns(m.group(1)) || !KNOWN_OIDS.contains(m.group(2))) {
      return Optional.empty();
    }
    return Optional.of(new InsId(m.group(1), m.group(2)));
  }

  public String cx() {
    return ins + "^^^&" + oid + "&ISO^NH";
  }
}
