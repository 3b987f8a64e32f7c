package fr.officine.segur.sandbox.eprescription;

import static fr.officine.segur.sandbox.eprescription.EpError.EP_EXECUTION_CONFLIT;
import static fr.officine.segur.sandbox.eprescription.EpError.EP_LIGNE_INCONNUE;
import static fr.officine.segur.sandbox.eprescription.EpError.EP_NUMERO_INCONNU;
import static fr.officine.segur.sandbox.eprescription.EpError.EP_NUMERO_INVALIDE;
import static fr.officine.segur.sandbox.eprescription.EpError.EP_PRESCRIPTION_CLOTUREE;
import static fr.officine.segur.sandbox.eprescription.EpError.EP_PRESCRIPTION_EXPIREE;
import static fr.officine.segur.sandbox.eprescription.EpError.EP_PRODUIT_INCONNU;
import static fr.officine.segur.sandbox.eprescription.EpError.EP_QUANTITE_EXCESSIVE;
import static fr.officine.segur.sandbox.eprescription.EpError.EP_REQUETE_INVALIDE;
import static fr.officine.segur.sandbox.eprescription.EpError.EP_SUBSTITUTION_INTERDITE;

import fr.officine.segur.sandbox.db.Database;
import fr.officine.segur.sandbox.ids.Identifiers;
import fr.officine.segur.sandbox.ids.Luhn;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * The e-prescription base itself: its rules, independent of SOAP. Every write runs in one
 * transaction holding the prescription's row lock, so concurrent executions are serialized per
 * prescription and the remaining quantities they read are always current.
 */
public final class PrescriptionBase {
  private static final System.Logger LOG = System.getLogger(PrescriptionBase.class.getName());
  private static final int MAX_QUANTITY = 99;
  private static final int MAX_RENEWALS = 12;
  private static final int MAX_LINES = 30;
  private static final int MAX_EXECUTION_ID = 64;

  private final Database db;
  private final Clock clock;
  private final PrescriptionStore store = new PrescriptionStore();
  private final SecureRandom random = new SecureRandom();

  public PrescriptionBase(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  public LocalDate today() {
    return LocalDate.now(clock);
  }

  public Clock clock() {
    return clock;
  }

  // ---------------------------------------------------------------- reading

  public Prescription consult(String number) {
    requireWellFormed(number);
    return db.withHandle(h -> store.load(h, number))
        .orElseThrow(() -> new EpException(EP_NUMERO_INCONNU));
  }

  public List<Prescription> search(SearchCriteria criteria) {
    // A real base never lists everything: a search names a patient or a prescriber.
    if (criteria.ins().isEmpty() && criteria.prescriberRpps().isEmpty()) {
      throw new EpException(
          EP_REQUETE_INVALIDE,
          "Recherche invalide : indiquer l'INS du patient ou le RPPS du prescripteur.");
    }
    LocalDate today = today();
    return db.inTransaction(
        h -> {
          List<Prescription> found = new ArrayList<>();
          for (String number : store.search(h, criteria)) {
            Prescription p = store.load(h, number).orElseThrow();
            if (criteria.statuses().isEmpty() || criteria.statuses().contains(p.status(today))) {
              found.add(p);
            }
          }
          return found;
        });
  }

  public List<Prescription> all() {
    return db.inTransaction(
        h -> {
          List<Prescription> all = new ArrayList<>();
          for (String number : store.allNumbers(h)) {
            all.add(store.load(h, number).orElseThrow());
          }
          return all;
        });
  }

  // ---------------------------------------------------------------- prescriber side

  /** creerEPrescription: the base assigns the number. */
  public String create(NewPrescription prescription) {
    validate(prescription);
    return db.inTransaction(
        h -> {
          requireKnownParties(h, prescription);
          String number;
          do {
            number = Identifiers.randomPrescriptionNumber(random);
          } while (store.exists(h, number));
          store.insertPrescription(h, number, prescription, null, OffsetDateTime.now(clock));
          return number;
        });
  }

  /** Seeds only: a fixed, documented number and a scenario description. */
  public void createSample(Handle h, String number, NewPrescription prescription, String scenario) {
    if (!Identifiers.isPrescriptionNumber(number)) {
      throw new IllegalArgumentException("seed number must be [0-9A-Z]{18}: " + number);
    }
    validate(prescription);
    requireKnownParties(h, prescription);
    store.insertPrescription(h, number, prescription, scenario, OffsetDateTime.now(clock));
  }

  private void validate(NewPrescription p) {
    if (!Luhn.isValidRpps(p.prescriberRpps())) {
      throw invalid("RPPS du prescripteur invalide (11 chiffres, clé de Luhn).");
    }
    if (!Identifiers.isIns(p.patientIns())) {
      throw invalid("INS du patient invalide (13 caractères + clé de 2 chiffres).");
    }
    if (p.prescribedOn() == null) {
      throw invalid("Date de prescription absente.");
    }
    if (p.prescribedOn().isAfter(today())) {
      throw invalid("Date de prescription dans le futur.");
    }
    if (p.lines().isEmpty() || p.lines().size() > MAX_LINES) {
      throw invalid("Une ordonnance porte de 1 à " + MAX_LINES + " lignes.");
    }
    for (NewPrescription.NewLine line : p.lines()) {
      validateProduct(line.product());
      if (line.quantity() < 1 || line.quantity() > MAX_QUANTITY) {
        throw invalid("Quantité par délivrance entre 1 et " + MAX_QUANTITY + " boîtes.");
      }
      if (line.renewals() < 0 || line.renewals() > MAX_RENEWALS) {
        throw invalid("Nombre de renouvellements entre 0 et " + MAX_RENEWALS + ".");
      }
    }
  }

  private void requireKnownParties(Handle h, NewPrescription p) {
    if (store.prescriber(h, p.prescriberRpps()).isEmpty()) {
      throw invalid("Prescripteur inconnu du bac à sable (voir deploy/sandbox/SEEDS.md).");
    }
    if (store.patient(h, p.patientIns()).isEmpty()) {
      throw invalid("Patient inconnu du bac à sable (voir deploy/sandbox/SEEDS.md).");
    }
  }

  private static void validateProduct(Product product) {
    if (product == null || product.label().isBlank() || product.label().length() > 200) {
      throw invalid("Libellé du produit absent ou trop long.");
    }
    if (Product.CIP13_SYSTEM.equals(product.codeSystem()) && !Identifiers.isCip13(product.code())) {
      throw invalid("Code CIP13 invalide : " + product.code());
    }
    if (product.isLpp() && (product.code() == null || !product.code().matches("\\d{7}"))) {
      throw invalid("Code LPP invalide (7 chiffres) : " + product.code());
    }
  }

  // ---------------------------------------------------------------- pharmacy side

  /**
   * transmettreExecutionEPrescription. The executing pharmacy comes from the LPS context, already
   * checked by the caller.
   */
  public ExecutionOutcome execute(ExecutionRequest request, Pharmacy pharmacy) {
    validateShape(request);
    String number = request.number();
    String hash = contentHash(request, pharmacy);
    try {
      return db.inTransaction(h -> executeLocked(h, request, pharmacy, hash));
    } catch (Database.DatabaseException e) {
      if (e.isUniqueViolation()) {
        // The same idExecution raced in on another prescription: it is another execution.
        throw new EpException(EP_EXECUTION_CONFLIT);
      }
      throw e;
    } finally {
      LOG.log(
          System.Logger.Level.DEBUG,
          "execution {0} on {1} by FINESS {2}",
          request.executionId(),
          number,
          pharmacy.finess());
    }
  }

  private ExecutionOutcome executeLocked(
      Handle h, ExecutionRequest request, Pharmacy pharmacy, String hash) {
    String number = request.number();
    if (!store.lock(h, number)) {
      throw new EpException(EP_NUMERO_INCONNU);
    }
    // Idempotency first: the replay of the execution that closed the prescription must still get
    // its first answer, not "clôturée".
    var prior = store.execution(h, request.executionId());
    if (prior.isPresent()) {
      if (prior.get().number().equals(number) && prior.get().contentHash().equals(hash)) {
        return new ExecutionOutcome(
            request.executionId(),
            true,
            store.acceptedLines(h, request.executionId()),
            store.load(h, number).orElseThrow());
      }
      throw new EpException(EP_EXECUTION_CONFLIT);
    }
    Prescription prescription = store.load(h, number).orElseThrow();
    LocalDate today = today();
    switch (prescription.status(today)) {
      case EXPIREE ->
          throw new EpException(
              EP_PRESCRIPTION_EXPIREE,
              "Ordonnance expirée : prescrite le "
                  + prescription.prescribedOn()
                  + ", première délivrance possible jusqu'au "
                  + prescription.firstDeliveryDeadline()
                  + ".");
      case CLOTUREE -> throw new EpException(EP_PRESCRIPTION_CLOTUREE);
      default -> {
        // OUVERTE or PARTIELLE: may be executed.
      }
    }
    for (ExecutionRequest.ExecutedLine executed : request.lines()) {
      PrescriptionLine line =
          prescription
              .line(executed.lineId())
              .orElseThrow(
                  () ->
                      new EpException(
                          EP_LIGNE_INCONNUE,
                          "Ligne " + executed.lineId() + " inconnue sur cette ordonnance.",
                          executed.lineId()));
      checkLine(line, executed);
    }

    OffsetDateTime now = OffsetDateTime.now(clock);
    store.insertExecution(h, request, pharmacy, now, hash);
    for (ExecutionRequest.ExecutedLine executed : request.lines()) {
      PrescriptionLine line = prescription.line(executed.lineId()).orElseThrow();
      store.insertDelivery(
          h,
          request.executionId(),
          number,
          line.lineId(),
          executed.quantity(),
          completeness(line, executed.quantity()),
          line.remainingQuantity() - executed.quantity(),
          executed.deliveredProduct(),
          executed.notDeliveredReason());
    }
    int position =
        prescription.lines().stream().mapToInt(PrescriptionLine::position).max().orElse(0);
    long handwrittenSoFar =
        prescription.lines().stream().filter(PrescriptionLine::handwritten).count();
    for (ExecutionRequest.HandwrittenLine handwritten : request.handwritten()) {
      position++;
      handwrittenSoFar++;
      String lineId = "M" + handwrittenSoFar;
      // Recorded as a line of its own, fully delivered by the execution that reports it.
      store.insertLine(
          h,
          number,
          lineId,
          position,
          new NewPrescription.NewLine(
              handwritten.product(), null, handwritten.quantity(), 0, true, false),
          true);
      store.insertDelivery(
          h, request.executionId(), number, lineId, handwritten.quantity(), "FFC", 0, null, null);
    }
    LOG.log(
        System.Logger.Level.INFO,
        "execution {0} recorded on {1} by FINESS {2} for patient {3}",
        request.executionId(),
        number,
        pharmacy.finess(),
        Identifiers.maskIns(prescription.patient().ins()));
    return new ExecutionOutcome(
        request.executionId(),
        false,
        store.acceptedLines(h, request.executionId()),
        store.load(h, number).orElseThrow());
  }

  private static void checkLine(PrescriptionLine line, ExecutionRequest.ExecutedLine executed) {
    if (line.product().isLpp()) {
      // The base's product reference has no LPP devices: it cannot record what was delivered.
      throw new EpException(
          EP_PRODUIT_INCONNU,
          "Ligne "
              + line.lineId()
              + " « "
              + line.product().label()
              + " » (LPP "
              + line.product().code()
              + ") : produit inconnu de la base, aucune exécution possible sur cette ligne.",
          line.lineId());
    }
    Product delivered = executed.deliveredProduct();
    if (delivered != null && !line.product().sameCodeAs(delivered) && !line.substitutable()) {
      throw new EpException(
          EP_SUBSTITUTION_INTERDITE,
          "Ligne " + line.lineId() + " « " + line.product().label() + " » : non substituable.",
          line.lineId());
    }
    if (executed.quantity() > line.deliverableNow()) {
      throw new EpException(
          EP_QUANTITE_EXCESSIVE,
          "Ligne "
              + line.lineId()
              + " : "
              + boxes(executed.quantity(), "demandée")
              + ", "
              + line.deliverableNow()
              + (line.deliverableNow() >= 2 ? " délivrables" : " délivrable")
              + " maintenant (période en cours), "
              + line.remainingQuantity()
              + (line.remainingQuantity() >= 2 ? " restantes" : " restante")
              + " au total.",
          line.lineId());
    }
  }

  /**
   * JDV_CompletudeDispensation_CISIS, simplified and documented in SEEDS.md: the first letter is F
   * for the first execution delivering anything on the line, R after; then FC when this execution
   * completes the current dispensation period, FP otherwise. No code for a line not delivered.
   */
  static String completeness(PrescriptionLine line, int quantity) {
    if (quantity == 0) {
      return null;
    }
    String first = line.anyDelivery() ? "R" : "F";
    int deliveredInPeriod = line.deliveredQuantity() % line.quantityPerPeriod();
    boolean periodComplete = deliveredInPeriod + quantity == line.quantityPerPeriod();
    return first + (periodComplete ? "FC" : "FP");
  }

  private static void validateShape(ExecutionRequest r) {
    if (r.executionId() == null
        || r.executionId().isBlank()
        || r.executionId().length() > MAX_EXECUTION_ID) {
      throw invalid("idExecution absent ou trop long (" + MAX_EXECUTION_ID + " caractères max.).");
    }
    requireWellFormed(r.number());
    if (r.executedAt() == null) {
      throw invalid("dateExecution absente.");
    }
    if (r.lines().isEmpty() && r.handwritten().isEmpty()) {
      throw invalid("Une exécution porte au moins une ligne.");
    }
    Set<String> seen = new HashSet<>();
    for (ExecutionRequest.ExecutedLine line : r.lines()) {
      if (line.lineId() == null || !seen.add(line.lineId())) {
        throw new EpException(
            EP_REQUETE_INVALIDE, "Ligne absente ou répétée dans l'exécution.", line.lineId());
      }
      if (line.quantity() < 0) {
        throw new EpException(EP_REQUETE_INVALIDE, "Quantité négative.", line.lineId());
      }
      if (line.quantity() == 0 && line.notDeliveredReason() == null) {
        throw new EpException(
            EP_REQUETE_INVALIDE,
            "Ligne non délivrée : un motif de non-délivrance est obligatoire.",
            line.lineId());
      }
      if (line.quantity() > 0 && line.notDeliveredReason() != null) {
        throw new EpException(
            EP_REQUETE_INVALIDE,
            "Un motif de non-délivrance ne s'indique que pour une quantité nulle.",
            line.lineId());
      }
      if (line.deliveredProduct() != null) {
        validateProduct(line.deliveredProduct());
      }
    }
    for (ExecutionRequest.HandwrittenLine h : r.handwritten()) {
      validateProduct(h.product());
      if (h.quantity() < 1 || h.quantity() > MAX_QUANTITY) {
        throw invalid("Mention manuscrite : quantité entre 1 et " + MAX_QUANTITY + ".");
      }
    }
  }

  static void requireWellFormed(String number) {
    if (!Identifiers.isPrescriptionNumber(number)) {
      throw new EpException(EP_NUMERO_INVALIDE);
    }
  }

  /**
   * What makes two transmissions "the same execution": the prescription, the pharmacy and what was
   * delivered. The timestamp is left out: a resend after a lost answer may be stamped again.
   */
  static String contentHash(ExecutionRequest r, Pharmacy pharmacy) {
    StringBuilder sb = new StringBuilder();
    sb.append(r.number()).append('\n').append(pharmacy.finess()).append('\n');
    r.lines().stream()
        .sorted(Comparator.comparing(ExecutionRequest.ExecutedLine::lineId))
        .forEach(
            l ->
                sb.append("L|")
                    .append(l.lineId())
                    .append('|')
                    .append(l.quantity())
                    .append('|')
                    .append(productKey(l.deliveredProduct()))
                    .append('|')
                    .append(l.notDeliveredReason())
                    .append('\n'));
    r.handwritten()
        .forEach(
            h ->
                sb.append("M|")
                    .append(productKey(h.product()))
                    .append('|')
                    .append(h.quantity())
                    .append('\n'));
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(sb.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
    }
  }

  private static String productKey(Product p) {
    return p == null ? "-" : p.code() + "/" + p.codeSystem() + "/" + p.label();
  }

  private static EpException invalid(String message) {
    return new EpException(EP_REQUETE_INVALIDE, message);
  }

  // ---------------------------------------------------------------- seeding support

  /** Runs seeding work in one transaction; {@code marker} makes it happen once per database. */
  public boolean seedOnce(String marker, SeedWork work) {
    return db.inTransaction(
        h -> {
          if (store.meta(h, marker).isPresent()) {
            return false;
          }
          work.seed(new SeedAccess(h));
          store.putMeta(h, marker, OffsetDateTime.now(clock).toString());
          return true;
        });
  }

  public void wipe() {
    db.useTransaction(store::wipe);
  }

  /** Seeding work, given write access to the base's tables inside the seeding transaction. */
  @FunctionalInterface
  public interface SeedWork {
    void seed(SeedAccess access);
  }

  /** What the seeder may write directly: parties, samples, past executions. */
  public final class SeedAccess {
    private final Handle h;

    private SeedAccess(Handle h) {
      this.h = h;
    }

    public void patient(Patient p) {
      store.insertPatient(h, p);
    }

    public void prescriber(Prescriber p) {
      store.insertPrescriber(h, p);
    }

    public void prescription(String number, NewPrescription p, String scenario) {
      createSample(h, number, p, scenario);
    }

    /** A past execution by another pharmacy, through the same rules as a live one. */
    public void execution(ExecutionRequest request, Pharmacy pharmacy) {
      validateShape(request);
      executeLocked(h, request, pharmacy, contentHash(request, pharmacy));
    }
  }

  /** "1 boîte demandée", "2 boîtes demandées": French plurals, never "boîte(s)". */
  private static String boxes(int n, String participle) {
    return n + (n >= 2 ? " boîtes " + participle + "s" : " boîte " + participle);
  }
}
