package fr.officine.segur.dmp.document;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/**
 * The official conformance material the document tests run, on the test classpath so the build
 * needs nothing beside the project (shared/ keeps the reference copies): {@code cda-schema/} =
 * shared/schemas/cda (CDA_extended.xsd), {@code ans-cisis/} = the part of shared/ans-TestContenuCDA
 * the five schematrons load (their includes and the value sets they read, layout kept so relative
 * paths resolve). One copy in the project: the sandbox DMP's ({@code deploy/sandbox/.../cisis/}),
 * laid out here by module/pom.xml; only the ANS sample is the module's own (see ans-cisis/COPY.md).
 */
public final class ConformanceMaterial {
  public static final String STRUC_MIN =
      "ans-cisis/schematrons/profils/structurationMinimale/ASIP-STRUCT-MIN-StrucMin.sch";
  public static final String MODELES_DE_CONTENUS =
      "ans-cisis/schematrons/profils/CI-SIS_ModelesDeContenusCDA.sch";
  public static final String MODELES_ANS = "ans-cisis/schematrons/profils/CI-SIS_Modeles_ANS.sch";
  public static final String IHE = "ans-cisis/schematrons/profils/IHE.sch";
  public static final String EDISP = "ans-cisis/schematrons/CI-SIS_eDISP-MED_2024.01.sch";
  public static final String ANS_EDISP_SAMPLE = "ans-cisis/ExemplesCDA/eDISP-MED_2024.01.xml";
  public static final String CDA_XSD = "cda-schema/CDA_extended.xsd";

  private ConformanceMaterial() {}

  public static Path resolve(String relative) {
    URL url = ConformanceMaterial.class.getResource("/" + relative);
    if (url == null) {
      throw new IllegalStateException("test resource missing: " + relative);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
