package fr.officine.segur.sandbox.dp;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The DP stub's patients (the sandbox's INSi test identities, shared/DOMAIN-FACTS.md §3.4), one per
 * DP state, a history across pharmacies for ADRUN ZOE, and the alerts. Documented in SEEDS.md.
 */
public final class DpSeeds {
  static final String MARKER = "seed.dp.v1";

  /**
   * Later history rows get their own marker: a DP seeded before them gets them at its next start.
   */
  static final String MARKER_NARCOTIC = "seed.dp.v2.narcotic";

  static final String SKENAN = "3400934661211";
  public static final String ADRUN = "275126322074974";
  public static final String CORSE = "180032B02040123";
  public static final String ECETINSI = "109076322083489";
  public static final String NESSI = "110086322083060";
  public static final String TCHITCHI = "236066322083656";
  static final String PARACETAMOL_GENERIC = "3400930000014";
  static final String IBUPROFENE_GENERIC = "3400930000021";
  static final String DOLIPRANE = "3400935955838";
  static final String NUROFEN = "3400937582193";
  static final String OMEPRAZOLE = "3400936194557";
  static final String KARDEGIC = "3400933216146";
  static final String AMOXICILLINE = "3400936035416";
  static final String PHARMACY_A = "690100011";
  static final String PHARMACY_B = "690100029";

  /** A DP-Rappels or DP-Ruptures alert (fixed list: no store, dated from the sandbox clock). */
  public record Alert(
      String type, String cip13, Optional<String> lot, LocalDate since, String message) {}

  private final DpStore store;

  public DpSeeds(DpStore store) {
    this.store = store;
  }

  public boolean seedIfEmpty() {
    ZonedDateTime now = ZonedDateTime.now(store.clock());
    List<DpPatient> patients =
        List.of(
            patient(
                ADRUN,
                "ADRUN",
                "ZOE",
                LocalDate.of(1975, 12, 31),
                DpPatient.Status.ACTIF,
                Set.of(),
                "DP ouvert, historique dans deux pharmacies (paracétamol générique il y a 3 jours ailleurs)"),
            patient(
                CORSE,
                "CORSE",
                "ANTHONY",
                LocalDate.of(1980, 3, 2),
                DpPatient.Status.AUCUN,
                Set.of(),
                "pas de DP"),
            patient(
                ECETINSI,
                "ECETINSI",
                "PIERRE-ALAIN",
                LocalDate.of(2009, 7, 14),
                DpPatient.Status.FERME,
                Set.of(),
                "DP fermé"),
            patient(
                NESSI,
                "NESSI",
                "MICHELANGELO",
                LocalDate.of(2010, 8, 7),
                DpPatient.Status.REFUS_ACCES,
                Set.of(),
                "le patient refuse l'accès à son DP"),
            patient(
                TCHITCHI,
                "TCHITCHI",
                "CATARINA",
                LocalDate.of(1936, 6, 21),
                DpPatient.Status.ACTIF,
                Set.of(OMEPRAZOLE),
                "DP ouvert, refus d'inscrire OMEPRAZOLE"));
    List<DpLine> history =
        List.of(
            line(
                "SEED-DP-1",
                now.minusDays(3),
                PHARMACY_B,
                "Pharmacie des Arcades",
                PARACETAMOL_GENERIC,
                2,
                "PB2311A"),
            line(
                "SEED-DP-2",
                now.minusDays(2),
                PHARMACY_B,
                "Pharmacie des Arcades",
                NUROFEN,
                1,
                null),
            line(
                "SEED-DP-3",
                now.minusDays(30),
                PHARMACY_B,
                "Pharmacie des Arcades",
                IBUPROFENE_GENERIC,
                1,
                null),
            line(
                "SEED-DP-4",
                now.minusDays(45),
                PHARMACY_A,
                "Pharmacie du Marché",
                DOLIPRANE,
                1,
                "D1000X9"));
    boolean first = store.seedOnce(MARKER, patients, history, ADRUN);
    // SKENAN (a narcotic, another prescription) delivered 3 days ago elsewhere: one box of 14
    // capsules at 2 a day covers T−3 to T+3, so SBX16STUPCHEVAUCH0 overlaps it (R.5132-33).
    boolean narcotic =
        store.seedOnce(
            MARKER_NARCOTIC,
            List.of(),
            List.of(
                line(
                    "SEED-DP-5",
                    now.minusDays(3),
                    PHARMACY_B,
                    "Pharmacie des Arcades",
                    SKENAN,
                    1,
                    "SK30-2411")),
            ADRUN);
    return first || narcotic;
  }

  /** The alerts in force, dated from the sandbox clock. */
  public List<Alert> alerts() {
    LocalDate today = LocalDate.now(store.clock());
    return List.of(
        new Alert(
            "RAPPEL",
            KARDEGIC,
            Optional.of("K75-2409"),
            today.minusDays(5),
            "Rappel du lot K75-2409 : ne plus délivrer, retourner les boîtes au grossiste."),
        new Alert(
            "RUPTURE",
            AMOXICILLINE,
            Optional.empty(),
            today.minusDays(12),
            "Rupture d'approvisionnement : remise à disposition prévue dans 3 semaines."));
  }

  private static DpPatient patient(
      String ins,
      String last,
      String first,
      LocalDate born,
      DpPatient.Status status,
      Set<String> refused,
      String scenario) {
    // the carte Vitale of the sandbox: NIR = the INS matricule (an INS-NIR), rang 1 (ouvrant droit)
    return new DpPatient(
        ins, last, first, ins.substring(0, 13), 1, born, status, refused, scenario);
  }

  private static DpLine line(
      String id,
      ZonedDateTime at,
      String finess,
      String pharmacy,
      String cip13,
      int quantity,
      String lot) {
    DpProducts.Reference ref = DpProducts.byCip13(cip13).orElseThrow();
    return new DpLine(
        id,
        OffsetDateTime.from(at),
        finess,
        pharmacy,
        cip13,
        ref.label(),
        Optional.of(ref.atc()),
        quantity,
        Optional.ofNullable(lot));
  }
}
