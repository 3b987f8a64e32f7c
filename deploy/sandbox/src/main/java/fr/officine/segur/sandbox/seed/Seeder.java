package fr.officine.segur.sandbox.seed;

import static fr.officine.segur.sandbox.seed.SampleParties.ADRUN_ZOE;
import static fr.officine.segur.sandbox.seed.SampleParties.CORSE_ANTHONY;
import static fr.officine.segur.sandbox.seed.SampleParties.DR_GIRAUD;
import static fr.officine.segur.sandbox.seed.SampleParties.DR_LEFEBVRE;
import static fr.officine.segur.sandbox.seed.SampleParties.DR_MOREAU;
import static fr.officine.segur.sandbox.seed.SampleParties.ECETINSI_PIERRE_ALAIN;
import static fr.officine.segur.sandbox.seed.SampleParties.NESSI_MICHELANGELO;
import static fr.officine.segur.sandbox.seed.SampleParties.PHARMACIE_DES_ARCADES;
import static fr.officine.segur.sandbox.seed.SampleParties.TCHITCHI_CATARINA;
import static fr.officine.segur.sandbox.seed.SampleProducts.AMOXICILLINE_1G;
import static fr.officine.segur.sandbox.seed.SampleProducts.AMOXICILLINE_SUSP;
import static fr.officine.segur.sandbox.seed.SampleProducts.ATORVASTATINE_20;
import static fr.officine.segur.sandbox.seed.SampleProducts.CLAMOXYL_1G;
import static fr.officine.segur.sandbox.seed.SampleProducts.DOLIPRANE_1000;
import static fr.officine.segur.sandbox.seed.SampleProducts.KARDEGIC_75;
import static fr.officine.segur.sandbox.seed.SampleProducts.LEVOTHYROX_75;
import static fr.officine.segur.sandbox.seed.SampleProducts.LUBRIFIANT_OCULAIRE;
import static fr.officine.segur.sandbox.seed.SampleProducts.METFORMINE_850;
import static fr.officine.segur.sandbox.seed.SampleProducts.NUROFEN_400;
import static fr.officine.segur.sandbox.seed.SampleProducts.OMEPRAZOLE_20;
import static fr.officine.segur.sandbox.seed.SampleProducts.SERUM_PHYSIOLOGIQUE;
import static fr.officine.segur.sandbox.seed.SampleProducts.SKENAN_LP_30;
import static fr.officine.segur.sandbox.seed.SampleProducts.SPASFON_LYOC;
import static fr.officine.segur.sandbox.seed.SampleProducts.VENTOLINE;

import fr.officine.segur.sandbox.eprescription.ExecutionRequest;
import fr.officine.segur.sandbox.eprescription.ExecutionRequest.ExecutedLine;
import fr.officine.segur.sandbox.eprescription.ExecutionRequest.HandwrittenLine;
import fr.officine.segur.sandbox.eprescription.NewPrescription;
import fr.officine.segur.sandbox.eprescription.NewPrescription.NewLine;
import fr.officine.segur.sandbox.eprescription.Patient;
import fr.officine.segur.sandbox.eprescription.Prescriber;
import fr.officine.segur.sandbox.eprescription.PrescriptionBase;
import fr.officine.segur.sandbox.eprescription.Product;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The sample data of a fresh sandbox: once per database (a marker row), dates relative to the clock
 * at seed time. The numbers and scenarios are listed in deploy/sandbox/SEEDS.md: keep both in step.
 */
public final class Seeder {
  static final String MARKER = "seed.v1";

  /**
   * Later seeds get their own marker, so a sandbox seeded before them gets them at its next start.
   */
  static final String MARKER_LPP = "seed.v2.lpp";

  static final String MARKER_NARCOTICS = "seed.v3.narcotics";

  /** The ANS example number (eP-MED-DM example CDA), used for the simplest scenario. */
  public static final String SIMPLE = "01S2TBPZ2JCNZZYGHZ";

  public static final String SEVERAL_LINES = "SBX02MULTILIGNES00";
  public static final String RENEWABLE = "SBX03RENOUVELABLE0";
  public static final String NOT_SUBSTITUTABLE = "SBX04NONSUBSTITUA0";
  public static final String NARCOTIC = "SBX05STUPEFIANT000";
  public static final String PARTIAL_BY_OTHER_PHARMACY = "SBX06PARTIELLEB000";
  public static final String CLOSED = "SBX07CLOTUREE00000";
  public static final String EXPIRED = "SBX08EXPIREE000000";
  public static final String RENEWAL_IN_PROGRESS = "SBX09RENOUVELLEMT2";
  public static final String SUBSTITUTABLE_BRAND = "SBX10SUBSTITUABLE0";
  public static final String LAST_DAY = "SBX11DERNIERJOUR00";
  public static final String PERIOD_STARTED = "SBX12QUANTITES0000";
  public static final String UNKNOWN_PRODUCT = "SBX13LPPINCONNU000";

  /** Narcotic rules of the Code de la santé publique (R.5132-5, -29, -30, -33): see SEEDS.md. */
  public static final String NARCOTIC_FRACTIONED = "SBX14STUPFRACTION0";

  public static final String NARCOTIC_LATE = "SBX15STUPTARDIF000";
  public static final String NARCOTIC_OVERLAP = "SBX16STUPCHEVAUCH0";

  private final PrescriptionBase base;

  public Seeder(PrescriptionBase base) {
    this.base = base;
  }

  /** True when this call seeded; false when the database already held the seeds. */
  public boolean seedIfEmpty() {
    boolean first = seedV1();
    boolean lpp =
        base.seedOnce(
            MARKER_LPP,
            db ->
                db.prescription(
                    UNKNOWN_PRODUCT,
                    rx(
                        DR_LEFEBVRE,
                        ADRUN_ZOE,
                        base.today().minusDays(1),
                        new NewLine(
                            LUBRIFIANT_OCULAIRE,
                            "1 goutte dans chaque œil 4 fois par jour",
                            2,
                            0,
                            false,
                            false),
                        line(DOLIPRANE_1000, "1 comprimé si douleur", 1, 0)),
                    "Produit inconnu de la base : L1 lubrifiant oculaire codé LPP (toute exécution"
                        + " sur cette ligne est refusée, EP_PRODUIT_INCONNU), L2 DOLIPRANE."));
    boolean narcotics = seedNarcotics();
    return first || lpp || narcotics;
  }

  /**
   * SKENAN LP 30 mg B/14 at 1 capsule morning and evening: one box covers 7 days. Each prescription
   * shows one rule pharmacists are held to for narcotics (Code de la santé publique).
   */
  private boolean seedNarcotics() {
    LocalDate today = base.today();
    return base.seedOnce(
        MARKER_NARCOTICS,
        db -> {
          db.prescription(
              NARCOTIC_FRACTIONED,
              rx(
                  DR_LEFEBVRE,
                  CORSE_ANTHONY,
                  today.minusDays(1),
                  new NewLine(
                      SKENAN_LP_30,
                      "1 gélule matin et soir pendant 28 jours, délivrance fractionnée par périodes de 7 jours",
                      4,
                      0,
                      true,
                      true,
                      28,
                      7)),
              "Stupéfiant fractionné (R.5132-30) : 28 jours, délivrance par fractions de 7 jours = 1 boîte par délivrance.");
          db.prescription(
              NARCOTIC_LATE,
              rx(
                  DR_LEFEBVRE,
                  CORSE_ANTHONY,
                  today.minusDays(10),
                  new NewLine(
                      SKENAN_LP_30,
                      "1 gélule matin et soir pendant 14 jours",
                      2,
                      0,
                      true,
                      true,
                      14,
                      null)),
              "Stupéfiant présenté 10 jours après sa rédaction (R.5132-33, délai de 3 jours dépassé) :"
                  + " délivrable pour les 4 jours de traitement restant à courir = 1 boîte sur 2.");
          db.prescription(
              NARCOTIC_OVERLAP,
              rx(
                  DR_LEFEBVRE,
                  ADRUN_ZOE,
                  today.minusDays(1),
                  new NewLine(
                      SKENAN_LP_30,
                      "1 gélule matin et soir pendant 14 jours",
                      2,
                      0,
                      true,
                      true,
                      14,
                      null)),
              "Chevauchement (R.5132-33) : le DP montre 1 boîte de SKENAN délivrée il y a 3 jours par la"
                  + " Pharmacie des Arcades (une autre ordonnance), qui couvre le traitement jusqu'à dans 3 jours.");
        });
  }

  private boolean seedV1() {
    LocalDate today = base.today();
    OffsetDateTime now = OffsetDateTime.now(base.clock());
    return base.seedOnce(
        MARKER,
        db -> {
          for (Patient p : SampleParties.PATIENTS) {
            db.patient(p);
          }
          for (Prescriber p : SampleParties.PRESCRIBERS) {
            db.prescriber(p);
          }
          db.prescription(
              SIMPLE,
              rx(
                  DR_LEFEBVRE,
                  ADRUN_ZOE,
                  today.minusDays(2),
                  line(DOLIPRANE_1000, "1 comprimé jusqu'à 3 fois par jour si douleur", 2, 0)),
              "Simple : une ligne, rien de délivré (numéro de l'exemple ANS).");
          db.prescription(
              SEVERAL_LINES,
              rx(
                  DR_LEFEBVRE,
                  CORSE_ANTHONY,
                  today.minusDays(1),
                  line(AMOXICILLINE_1G, "1 comprimé matin et soir pendant 6 jours", 2, 0),
                  line(DOLIPRANE_1000, "1 comprimé si fièvre, 3 par jour maximum", 1, 0),
                  line(SPASFON_LYOC, "1 lyophilisat si douleur", 1, 0)),
              "Plusieurs lignes : trois médicaments, rien de délivré.");
          db.prescription(
              RENEWABLE,
              rx(
                  DR_MOREAU,
                  TCHITCHI_CATARINA,
                  today.minusDays(3),
                  line(ATORVASTATINE_20, "1 comprimé le soir, à renouveler 2 fois", 1, 2),
                  line(KARDEGIC_75, "1 sachet par jour, à renouveler 2 fois", 1, 2)),
              "Renouvelable : « à renouveler 2 fois » (3 délivrances séparées d'une boîte).");
          db.prescription(
              NOT_SUBSTITUTABLE,
              rx(
                  DR_LEFEBVRE,
                  TCHITCHI_CATARINA,
                  today.minusDays(1),
                  new NewLine(LEVOTHYROX_75, "1 comprimé le matin à jeun", 1, 2, false, false),
                  line(OMEPRAZOLE_20, "1 gélule le matin", 1, 0)),
              "Non substituable : LEVOTHYROX marqué « non substituable », OMEPRAZOLE substituable.");
          db.prescription(
              NARCOTIC,
              rx(
                  DR_LEFEBVRE,
                  CORSE_ANTHONY,
                  today.minusDays(1),
                  new NewLine(
                      SKENAN_LP_30,
                      "1 gélule matin et soir pendant 7 jours",
                      1,
                      0,
                      true,
                      true,
                      7,
                      null),
                  line(DOLIPRANE_1000, "1 comprimé si douleur", 1, 0)),
              "Stupéfiant : SKENAN LP, vérifier l'ordonnance sécurisée papier.");
          db.prescription(
              PARTIAL_BY_OTHER_PHARMACY,
              rx(
                  DR_LEFEBVRE,
                  ADRUN_ZOE,
                  today.minusDays(6),
                  line(AMOXICILLINE_1G, "1 comprimé matin et soir pendant 9 jours", 3, 0),
                  line(DOLIPRANE_1000, "1 comprimé si douleur", 2, 0)),
              "Partiellement délivrée par la Pharmacie des Arcades : 1 boîte sur 3 d'AMOXICILLINE,"
                  + " DOLIPRANE non délivré (rupture de stock).");
          db.execution(
              new ExecutionRequest(
                  "SEED-" + PARTIAL_BY_OTHER_PHARMACY + "-1",
                  PARTIAL_BY_OTHER_PHARMACY,
                  now.minusDays(4),
                  List.of(
                      new ExecutedLine("L1", 1, null, null),
                      new ExecutedLine("L2", 0, null, "RUPTURE_STOCK")),
                  List.of()),
              PHARMACIE_DES_ARCADES);
          db.prescription(
              CLOSED,
              rx(
                  DR_GIRAUD,
                  ECETINSI_PIERRE_ALAIN,
                  today.minusDays(20),
                  line(AMOXICILLINE_SUSP, "5 ml matin, midi et soir pendant 7 jours", 1, 0),
                  line(NUROFEN_400, "1 comprimé si fièvre", 1, 0)),
              "Entièrement délivrée (clôturée) par la Pharmacie des Arcades, avec une mention"
                  + " manuscrite (sérum physiologique).");
          db.execution(
              new ExecutionRequest(
                  "SEED-" + CLOSED + "-1",
                  CLOSED,
                  now.minusDays(19),
                  List.of(
                      new ExecutedLine("L1", 1, null, null), new ExecutedLine("L2", 1, null, null)),
                  List.of(new HandwrittenLine(SERUM_PHYSIOLOGIQUE, 1))),
              PHARMACIE_DES_ARCADES);
          db.prescription(
              EXPIRED,
              rx(
                  DR_GIRAUD,
                  NESSI_MICHELANGELO,
                  today.minusMonths(4),
                  line(VENTOLINE, "2 bouffées en cas de gêne respiratoire", 1, 0)),
              "Expirée : prescrite il y a 4 mois, jamais délivrée.");
          db.prescription(
              RENEWAL_IN_PROGRESS,
              rx(
                  DR_MOREAU,
                  TCHITCHI_CATARINA,
                  today.minusDays(35),
                  line(ATORVASTATINE_20, "1 comprimé le soir, à renouveler 2 fois", 1, 2)),
              "Renouvelable en cours : 1re délivrance faite par la Pharmacie des Arcades (FFC),"
                  + " 2 renouvellements restants.");
          db.execution(
              new ExecutionRequest(
                  "SEED-" + RENEWAL_IN_PROGRESS + "-1",
                  RENEWAL_IN_PROGRESS,
                  now.minusDays(33),
                  List.of(new ExecutedLine("L1", 1, null, null)),
                  List.of()),
              PHARMACIE_DES_ARCADES);
          db.prescription(
              SUBSTITUTABLE_BRAND,
              rx(
                  DR_LEFEBVRE,
                  ADRUN_ZOE,
                  today.minusDays(1),
                  line(CLAMOXYL_1G, "1 comprimé matin et soir pendant 6 jours", 2, 0)),
              "Princeps substituable : CLAMOXYL, délivrable en générique (AMOXICILLINE).");
          db.prescription(
              LAST_DAY,
              rx(
                  DR_GIRAUD,
                  NESSI_MICHELANGELO,
                  lastDayOfValidity(today),
                  line(DOLIPRANE_1000, "1 comprimé si douleur", 1, 0)),
              "Dernier jour : prescrite il y a 3 mois jour pour jour, encore délivrable"
                  + " aujourd'hui, expirée dès demain.");
          db.prescription(
              PERIOD_STARTED,
              rx(
                  DR_MOREAU,
                  CORSE_ANTHONY,
                  today.minusDays(10),
                  line(METFORMINE_850, "1 comprimé matin et soir, à renouveler 1 fois", 3, 1)),
              "Période entamée : 3 boîtes par période, renouvelable 1 fois ; 2 boîtes délivrées"
                  + " par la Pharmacie des Arcades (FFP), 1 délivrable maintenant, 4 au total.");
          db.execution(
              new ExecutionRequest(
                  "SEED-" + PERIOD_STARTED + "-1",
                  PERIOD_STARTED,
                  now.minusDays(8),
                  List.of(new ExecutedLine("L1", 2, null, null)),
                  List.of()),
              PHARMACIE_DES_ARCADES);
        });
  }

  /**
   * The prescription date whose first-delivery deadline (date + 3 months) is today; at a month's
   * end no such date may exist, then the nearest one keeping today deliverable.
   */
  public static LocalDate lastDayOfValidity(LocalDate today) {
    LocalDate d = today.minusMonths(3);
    while (d.plusMonths(3).isBefore(today)) {
      d = d.plusDays(1);
    }
    return d;
  }

  private static NewPrescription rx(
      Prescriber prescriber, Patient patient, LocalDate on, NewLine... lines) {
    return new NewPrescription(prescriber.rpps(), patient.ins(), on, List.of(lines));
  }

  private static NewLine line(Product product, String posology, int quantity, int renewals) {
    return new NewLine(product, posology, quantity, renewals, true, false);
  }
}
