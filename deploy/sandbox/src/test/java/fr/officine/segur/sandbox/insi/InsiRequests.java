package fr.officine.segur.sandbox.insi;

import fr.officine.segur.sandbox.insi.soap.ctxbam.ContexteBAM;
import fr.officine.segur.sandbox.insi.soap.ctxbam.Couverture;
import fr.officine.segur.sandbox.insi.soap.ctxlps.ContexteLPS;
import fr.officine.segur.sandbox.insi.soap.ctxlps.IdentiteStringRef;
import fr.officine.segur.sandbox.insi.soap.ctxlps.LOGICIEL;
import fr.officine.segur.sandbox.insi.soap.recsans.TraitsDIdentite;
import fr.officine.segur.sandbox.insi.soap.wsa.AttributedURIType;
import java.util.List;
import java.util.UUID;
import javax.xml.datatype.DatatypeFactory;

/** The parts of an INSi request as the module's client sends them (headers, traits). */
public final class InsiRequests {
  public static final String MSG = "uuid:" + UUID.randomUUID();

  private InsiRequests() {}

  public static TraitsDIdentite traits(
      String name, List<String> firstNames, String sex, String birthDate, String cog) {
    TraitsDIdentite t = new TraitsDIdentite();
    t.setNomNaissance(name);
    t.getPrenom().addAll(firstNames);
    t.setSexe(sex);
    t.setDateNaissance(birthDate);
    t.setLieuNaissance(cog);
    return t;
  }

  public static ContexteLPS lps(String idam) {
    ContexteLPS c = new ContexteLPS();
    c.setNature("CTXLPS");
    c.setVersion("01_00");
    c.setId(UUID.randomUUID().toString());
    c.setTemps(now());
    c.setEmetteur("690100011");
    LOGICIEL lps = new LOGICIEL();
    IdentiteStringRef ref = new IdentiteStringRef();
    ref.setR("4");
    ref.setValue(idam);
    lps.setIDAM(ref);
    lps.setVersion("0.1.0");
    lps.setInstance(UUID.randomUUID().toString());
    lps.setNom("urn:lps:OFFICINE-SEGUR:0.1.0");
    c.setLPS(lps);
    return c;
  }

  public static ContexteBAM bam() {
    ContexteBAM b = new ContexteBAM();
    b.setVersion("01_02");
    b.setId(UUID.randomUUID().toString());
    b.setTemps(now());
    b.setCOUVERTURE(new Couverture());
    return b;
  }

  public static AttributedURIType messageId() {
    AttributedURIType id = new AttributedURIType();
    id.setValue(MSG);
    return id;
  }

  private static javax.xml.datatype.XMLGregorianCalendar now() {
    try {
      return DatatypeFactory.newInstance()
          .newXMLGregorianCalendar(
              java.time.ZonedDateTime.now().toString().replaceAll("\\[.*\\]", ""));
    } catch (javax.xml.datatype.DatatypeConfigurationException e) {
      throw new IllegalStateException(e);
    }
  }
}
