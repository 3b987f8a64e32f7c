package fr.officine.segur.dmp.document;

import fr.officine.segur.api.dispensation.NotDeliveredReason;
import fr.officine.segur.api.id.Cip13;
import fr.officine.segur.api.id.Finess;
import fr.officine.segur.api.id.Ins;
import fr.officine.segur.api.id.PrescriptionNumber;
import fr.officine.segur.api.id.Rpps;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the dispensation document says, and nothing more: the input of {@link
 * DispensationDocuments} (CDA eDISP-MED with its PDF copy) and of the PDF alone. The dispensation
 * feature maps its own model onto these records; they carry no persistence or wire type.
 *
 * <p>{@code dispenser} is who served the patient (possibly a préparateur, who has no RPPS); {@code
 * responsiblePharmacist} is the pharmacist under whose responsibility the delivery is made (the CDA
 * author and legal authenticator must be a pharmacist identified by RPPS). When a pharmacist
 * served, both are the same person.
 */
public record DispensationDocumentData(
    DocumentIds ids,
    OffsetDateTime dispensedAt,
    Pharmacy pharmacy,
    Professional dispenser,
    Professional responsiblePharmacist,
    Patient patient,
    Prescriber prescriber,
    PrescriptionNumber prescriptionNumber,
    List<Line> lines,
    List<Remaining> otherLinesRemaining) {

  /**
   * A line of the prescription this dispensation did not touch, and what remains of it: the paper
   * handed over says what remains on the whole prescription, not only on the lines delivered today
   * (the walk of 2026-12-02: « Rien » was printed while a line of it was still to deliver).
   */
  public record Remaining(String label, int boxes) {
    public Remaining {
      Objects.requireNonNull(label, "label");
      if (boxes <= 0) {
        throw new IllegalArgumentException("Only a line with something left remains: " + boxes);
      }
    }
  }

  /** The same, with the prescription's other lines that still have something to deliver. */
  public DispensationDocumentData withOtherLinesRemaining(List<Remaining> others) {
    return new DispensationDocumentData(
        ids,
        dispensedAt,
        pharmacy,
        dispenser,
        responsiblePharmacist,
        patient,
        prescriber,
        prescriptionNumber,
        lines,
        others);
  }

  public DispensationDocumentData {
    Objects.requireNonNull(ids, "ids");
    Objects.requireNonNull(dispensedAt, "dispensedAt");
    Objects.requireNonNull(pharmacy, "pharmacy");
    Objects.requireNonNull(dispenser, "dispenser");
    Objects.requireNonNull(responsiblePharmacist, "responsiblePharmacist");
    Objects.requireNonNull(patient, "patient");
    Objects.requireNonNull(prescriber, "prescriber");
    Objects.requireNonNull(prescriptionNumber, "prescriptionNumber");
    lines = List.copyOf(lines);
    otherLinesRemaining = List.copyOf(otherLinesRemaining);
    if (lines.isEmpty()) {
      throw new IllegalArgumentException("A dispensation document has at least one line");
    }
    if (responsiblePharmacist.rpps().isEmpty()
        || responsiblePharmacist.role() == Role.PREPARATEUR) {
      // CI-SIS: the author of an eDISP section is a pharmacist (G15_21) identified by RPPS.
      throw new IllegalArgumentException(
          "The responsible pharmacist must be a pharmacist with an RPPS");
    }
    if (lines.stream().noneMatch(Line::delivered)) {
      // eDISP-MED: the dispensation section holds at least one supply entry
      // (S_dispensationMedicaments).
      throw new IllegalArgumentException(
          "A dispensation document needs at least one delivered line");
    }
  }

  /**
   * CDA {@code id} (= XDS uniqueId), {@code setId} and {@code versionNumber}. Roots are OIDs (or
   * UUIDs); extensions are optional.
   */
  public record DocumentIds(
      String idRoot,
      Optional<String> idExtension,
      String setIdRoot,
      Optional<String> setIdExtension,
      int version) {
    public DocumentIds {
      requireText(idRoot, "idRoot");
      requireText(setIdRoot, "setIdRoot");
      Objects.requireNonNull(idExtension, "idExtension");
      Objects.requireNonNull(setIdExtension, "setIdExtension");
      if (version < 1) {
        throw new IllegalArgumentException("versionNumber is a positive integer");
      }
    }

    /** A first version whose setId is its own id (CI-SIS: setId = id of version 1). */
    public static DocumentIds firstVersion(String root, String extension) {
      return new DocumentIds(root, Optional.of(extension), root, Optional.of(extension), 1);
    }

    /**
     * The XDS DocumentEntry.uniqueId: {@code root} or {@code root^extension} (IHE ITI TF-3
     * 4.2.3.2.26).
     */
    public String xdsUniqueId() {
      return idExtension.map(ext -> idRoot + "^" + ext).orElse(idRoot);
    }
  }

  /** The pharmacy (structure identified by FINESS: Struct_IdNat = "1" + FINESS). */
  public record Pharmacy(
      Finess finess, String name, String street, String postalCode, String city) {
    public Pharmacy {
      Objects.requireNonNull(finess, "finess");
      requireText(name, "name");
      requireText(street, "street");
      requireText(postalCode, "postalCode");
      requireText(city, "city");
    }
  }

  /** Who works at the counter. */
  public enum Role {
    TITULAIRE("Pharmacien titulaire", new Specialty("G15_21/A", "Pharmacien titulaire d'officine")),
    ADJOINT("Pharmacien adjoint", new Specialty("G15_21/DA", "Pharmacien adjoint")),
    PREPARATEUR(
        "Préparateur en pharmacie", new Specialty("G15_39", "Préparateur en pharmacie (officine)"));

    private final String label;
    private final Specialty code;

    Role(String label, Specialty code) {
      this.label = label;
      this.code = code;
    }

    public String label() {
      return label;
    }

    /** The JDV_J01 code (TRE_G15 profession, with its TRE_R38-like activity for pharmacists). */
    public Specialty code() {
      return code;
    }
  }

  /** A pharmacy professional; a préparateur has no RPPS. */
  public record Professional(Optional<Rpps> rpps, String familyName, String givenName, Role role) {
    public Professional {
      Objects.requireNonNull(rpps, "rpps");
      requireText(familyName, "familyName");
      requireText(givenName, "givenName");
      Objects.requireNonNull(role, "role");
      if (role != Role.PREPARATEUR && rpps.isEmpty()) {
        throw new IllegalArgumentException("A pharmacist is identified by RPPS");
      }
    }
  }

  /** Administrative sex as CDA codes it (HL7 AdministrativeGender 2.16.840.1.113883.5.1). */
  public enum Sex {
    F("Féminin"),
    M("Masculin"),
    U("Inconnu");

    private final String label;

    Sex(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /**
   * The patient, with the INS traits when INSi gave them (CI-SIS: birth name, every birth first
   * name in order, birth date, sex, birth place as its INSEE COG code: a commune, or 99xxx for a
   * country abroad). The INS is absent when the base gave none; {@code birthFirstNames} then holds
   * the first name the prescription carries, and the birth place is unknown.
   */
  public record Patient(
      Optional<Ins> ins,
      String birthFamilyName,
      List<String> birthFirstNames,
      LocalDate birthDate,
      Sex sex,
      Optional<String> birthPlaceCog) {
    public Patient {
      Objects.requireNonNull(ins, "ins");
      requireText(birthFamilyName, "birthFamilyName");
      birthFirstNames = List.copyOf(birthFirstNames);
      if (birthFirstNames.isEmpty()) {
        throw new IllegalArgumentException("firstName is required");
      }
      birthFirstNames.forEach(n -> requireText(n, "firstName"));
      Objects.requireNonNull(birthDate, "birthDate");
      Objects.requireNonNull(sex, "sex");
      Objects.requireNonNull(birthPlaceCog, "birthPlaceCog");
      birthPlaceCog.ifPresent(
          cog -> {
            // COG: 5 characters, digits except Corsica's 2A/2B; 99xxx = a country abroad.
            if (!cog.matches("[0-9]{2}[0-9]{3}|2[AB][0-9]{3}")) {
              throw new IllegalArgumentException("birth place is an INSEE COG code (5 characters)");
            }
          });
    }

    /** Known only by the prescription's traits: one first name, no birth place. */
    public Patient(
        Optional<Ins> ins, String birthFamilyName, String firstName, LocalDate birthDate, Sex sex) {
      this(ins, birthFamilyName, List.of(firstName), birthDate, sex, Optional.empty());
    }

    /** The first birth first name (the INS trait "premier prénom de naissance"). */
    public String firstName() {
      return birthFirstNames.get(0);
    }
  }

  /**
   * The prescriber (PS_IdNat = "8" + RPPS), the profession/specialty code of JDV_J01 (TRE_G15
   * profession, TRE_R38 specialty; code system 1.2.250.1.213.1.1.4.5) and the prescription date.
   */
  public record Prescriber(
      Rpps rpps, String familyName, String givenName, Specialty specialty, LocalDate prescribedOn) {
    public Prescriber {
      Objects.requireNonNull(rpps, "rpps");
      requireText(familyName, "familyName");
      requireText(givenName, "givenName");
      Objects.requireNonNull(specialty, "specialty");
      Objects.requireNonNull(prescribedOn, "prescribedOn");
    }
  }

  /**
   * A code of JDV_J01-XdsAuthorSpecialty-CISIS (code system TRE_G15/TRE_R38,
   * 1.2.250.1.213.1.1.4.5).
   */
  public record Specialty(String code, String displayName) {
    public Specialty {
      requireText(code, "code");
      requireText(displayName, "displayName");
    }
  }

  /**
   * A medicine package: CIP13 (code system 1.2.250.1.213.2.3.2) and its label. A handwritten line
   * may name a product without code ("mention manuscrite" read from the paper): then only its text.
   */
  public record Product(Optional<Cip13> cip13, String label) {
    public Product {
      Objects.requireNonNull(cip13, "cip13");
      requireText(label, "label");
    }

    public Product(Cip13 cip13, String label) {
      this(Optional.of(Objects.requireNonNull(cip13, "cip13")), label);
    }

    /** A product known only by its text (no CIP13). */
    public static Product uncoded(String label) {
      return new Product(Optional.empty(), label);
    }
  }

  /**
   * "Complétude de la dispensation" (HL7 ActPharmacySupplyType, ActCode 2.16.840.1.113883.5.4):
   * first or subsequent dispensation, complete or partial. "R" (HL7 "refill") is any delivery after
   * the first, a second partial one included: it is not a renewal (renouvellement) of the
   * prescription, so the French never says so (JDV_CompletudeDispensation_CISIS: « Dispensation
   * suivante »).
   */
  public enum Completeness {
    FFC("Première dispensation - complète", "Première délivrance, complète"),
    FFP("Première dispensation - partielle", "Première délivrance, partielle"),
    RFC("Dispensation suivante - complète", "Délivrance suivante, complète"),
    RFP("Dispensation suivante - partielle", "Délivrance suivante, partielle");

    private final String label;
    private final String words;

    Completeness(String label, String words) {
      this.label = label;
      this.words = words;
    }

    /** The displayName of JDV_CompletudeDispensation_CISIS (the CDA's supply code). */
    public String label() {
      return label;
    }

    /** What the pharmacist and the patient read on the prints. */
    public String words() {
      return words;
    }
  }

  /**
   * One line of the prescription as handled in this dispensation.
   *
   * @param prescriptionLineId the e-prescription line id; absent for a handwritten line, which the
   *     electronic prescription does not carry
   * @param prescribed the prescribed product
   * @param deliveredBoxes boxes handed over now; 0 when not delivered
   * @param completeness present exactly when something was delivered
   * @param substitute the product delivered in place of the prescribed one
   * @param notDeliveredReason present exactly when nothing was delivered
   * @param handwritten a "mention manuscrite" added by the prescriber on paper
   * @param remainingBoxes what remains to be delivered on this line after this dispensation
   * @param lot the lot of the box delivered, from its DataMatrix (AI 10), when it was scanned
   * @param expiry the expiry of that box (AI 17)
   */
  public record Line(
      Optional<String> prescriptionLineId,
      Product prescribed,
      int deliveredBoxes,
      Optional<Completeness> completeness,
      Optional<Product> substitute,
      Optional<NotDeliveredReason> notDeliveredReason,
      boolean handwritten,
      int remainingBoxes,
      Optional<String> lot,
      Optional<LocalDate> expiry) {
    public Line(
        Optional<String> prescriptionLineId,
        Product prescribed,
        int deliveredBoxes,
        Optional<Completeness> completeness,
        Optional<Product> substitute,
        Optional<NotDeliveredReason> notDeliveredReason,
        boolean handwritten,
        int remainingBoxes) {
      this(
          prescriptionLineId,
          prescribed,
          deliveredBoxes,
          completeness,
          substitute,
          notDeliveredReason,
          handwritten,
          remainingBoxes,
          Optional.empty(),
          Optional.empty());
    }

    /** The same line with the lot and expiry of the box delivered. */
    public Line withBox(Optional<String> lot, Optional<LocalDate> expiry) {
      return new Line(
          prescriptionLineId,
          prescribed,
          deliveredBoxes,
          completeness,
          substitute,
          notDeliveredReason,
          handwritten,
          remainingBoxes,
          lot,
          expiry);
    }

    public Line {
      Objects.requireNonNull(lot, "lot");
      Objects.requireNonNull(expiry, "expiry");
      Objects.requireNonNull(prescriptionLineId, "prescriptionLineId");
      Objects.requireNonNull(prescribed, "prescribed");
      Objects.requireNonNull(completeness, "completeness");
      Objects.requireNonNull(substitute, "substitute");
      Objects.requireNonNull(notDeliveredReason, "notDeliveredReason");
      if (deliveredBoxes < 0 || remainingBoxes < 0) {
        throw new IllegalArgumentException("Quantities are counts of boxes, never negative");
      }
      if (deliveredBoxes > 0 && (completeness.isEmpty() || notDeliveredReason.isPresent())) {
        throw new IllegalArgumentException(
            "A delivered line has a completeness code and no reason");
      }
      if (!handwritten
          && (prescribed.cip13().isEmpty()
              || substitute.map(p -> p.cip13().isEmpty()).orElse(false))) {
        // The e-prescription codes its products; only a handwritten line may be known by text
        // alone.
        throw new IllegalArgumentException(
            "Only a handwritten line may name a product without CIP13");
      }
      if (deliveredBoxes == 0
          && (notDeliveredReason.isEmpty() || completeness.isPresent() || substitute.isPresent())) {
        throw new IllegalArgumentException(
            "A line not delivered has a reason, and neither completeness nor substitute");
      }
    }

    /** A line delivered as prescribed. */
    public static Line delivered(
        String lineId, Product product, int boxes, Completeness completeness, int remaining) {
      return new Line(
          Optional.of(lineId),
          product,
          boxes,
          Optional.of(completeness),
          Optional.empty(),
          Optional.empty(),
          false,
          remaining);
    }

    /** A line delivered with another product (substitution by the pharmacist). */
    public static Line substituted(
        String lineId,
        Product prescribed,
        Product substitute,
        int boxes,
        Completeness completeness,
        int remaining) {
      return new Line(
          Optional.of(lineId),
          prescribed,
          boxes,
          Optional.of(completeness),
          Optional.of(substitute),
          Optional.empty(),
          false,
          remaining);
    }

    /** A line not delivered this time, with the reason. */
    public static Line notDelivered(
        String lineId, Product prescribed, NotDeliveredReason reason, int remaining) {
      return new Line(
          Optional.of(lineId),
          prescribed,
          0,
          Optional.empty(),
          Optional.empty(),
          Optional.of(reason),
          false,
          remaining);
    }

    /** A handwritten line ("mention manuscrite"), delivered. */
    public static Line handwritten(Product product, int boxes, Completeness completeness) {
      return new Line(
          Optional.empty(),
          product,
          boxes,
          Optional.of(completeness),
          Optional.empty(),
          Optional.empty(),
          true,
          0);
    }

    public boolean delivered() {
      return deliveredBoxes > 0;
    }

    /** What was handed over: the substitute when there is one, else the prescribed product. */
    public Product deliveredProduct() {
      return substitute.orElse(prescribed);
    }
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is required");
    }
  }
}
