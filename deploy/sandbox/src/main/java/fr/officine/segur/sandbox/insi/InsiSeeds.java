package fr.officine.segur.sandbox.insi;

import fr.officine.segur.sandbox.insi.InsiIdentity.InsNumber;
import java.time.LocalDate;
import java.util.List;

/**
 * The identities the sandbox INSi knows. The first six are the public CNAM qualification set as
 * reproduced in padoa/tlsi-ins fixtures (shared/DOMAIN-FACTS.md §3.4), answered exactly as
 * published, keys included (HERMANN GATIEN's key 60 is inconsistent in the source and stays so: a
 * client must not re-check keys on what INSi returns). HOUILLES PIERRE PAUL JACQUES is published as
 * "01 for every query": he is absent on purpose.
 *
 * <p>The two HOMONYME identities are a sandbox invention (the published set has no 02 case): same
 * birth name, first first name, sex and birth date, different other first names and birth places.
 * Querying CAMILLE alone answers 02; adding the full list of first names or the birth place (COG)
 * answers 00, which is what the CNAM asks a client to do after a 02.
 */
public final class InsiSeeds {
  /** INS-NIR OID: what the CNAM qualification service returns for its test identities. */
  public static final String OID_NIR = "1.2.250.1.213.1.4.8";

  /**
   * The one software authorisation number (IDAM, ContexteLPS/LPS/IDAM) this sandbox accepts; any
   * other is refused with siram_100 / desir_550 as the real service does for an unknown IDAM.
   */
  public static final String ACCEPTED_IDAM = "OFFICINE-SEGUR-SBX";

  private InsiSeeds() {}

  public static List<InsiIdentity> identities() {
    return List.of(
        published("ADRUN", List.of("ZOE"), "F", "1975-12-31", "63220", "2751263220749", "74"),
        published("CORSE", List.of("ANTHONY"), "M", "1980-03-02", "2B020", "180032B020401", "23"),
        published(
            "ECETINSI",
            List.of("PIERRE-ALAIN", "MURIEL", "FLORIANT"),
            "M",
            "2009-07-14",
            "63220",
            "1090763220834",
            "89"),
        new InsiIdentity(
            "HERMANN",
            List.of("GATIEN"),
            "M",
            LocalDate.parse("1981-03-24"),
            "63220",
            new InsNumber("1810363220456", "60", OID_NIR),
            // padoa's fixture lists the active INS itself, then the former one (sex digit 2)
            List.of(
                new InsNumber("1810363220456", "60", OID_NIR),
                new InsNumber("2810363220456", "10", OID_NIR))),
        published(
            "NESSI",
            List.of("MICHELANGELO", "ANTHONY"),
            "M",
            "2010-08-07",
            "63220",
            "1100863220830",
            "60"),
        published(
            "TCHITCHI",
            List.of("CATARINA", "BELLA"),
            "F",
            "1936-06-21",
            "63220",
            "2360663220836",
            "56"),
        published(
            "HOMONYME",
            List.of("CAMILLE", "ROSE"),
            "F",
            "1985-05-15",
            "69123",
            "2850569123001",
            "58"),
        published(
            "HOMONYME",
            List.of("CAMILLE", "LOUISE"),
            "F",
            "1985-05-15",
            "63113",
            "2850563113002",
            "34"));
  }

  private static InsiIdentity published(
      String birthName,
      List<String> firstNames,
      String sex,
      String birthDate,
      String cog,
      String matricule,
      String key) {
    return new InsiIdentity(
        birthName,
        firstNames,
        sex,
        LocalDate.parse(birthDate),
        cog,
        new InsNumber(matricule, key, OID_NIR),
        List.of());
  }
}
