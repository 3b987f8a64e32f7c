package fr.officine.segur.dmp.document;

import fr.officine.segur.api.dispensation.NotDeliveredReason;
import fr.officine.segur.api.id.Cip13;
import fr.officine.segur.api.id.Finess;
import fr.officine.segur.api.id.Ins;
import fr.officine.segur.api.id.InsType;
import fr.officine.segur.api.id.PrescriptionNumber;
import fr.officine.segur.api.id.Rpps;
import fr.officine.segur.dmp.document.DispensationDocumentData.Completeness;
import fr.officine.segur.dmp.document.DispensationDocumentData.DocumentIds;
import fr.officine.segur.dmp.document.DispensationDocumentData.Line;
import fr.officine.segur.dmp.document.DispensationDocumentData.Patient;
import fr.officine.segur.dmp.document.DispensationDocumentData.Pharmacy;
import fr.officine.segur.dmp.document.DispensationDocumentData.Prescriber;
import fr.officine.segur.dmp.document.DispensationDocumentData.Product;
import fr.officine.segur.dmp.document.DispensationDocumentData.Professional;
import fr.officine.segur.dmp.document.DispensationDocumentData.Role;
import fr.officine.segur.dmp.document.DispensationDocumentData.Sex;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * A known-good dispensation with every kind of line: delivered as prescribed, substituted (partial,
 * some left), not delivered (out of stock), handwritten. Shared reference data (notes/COMMON.md):
 * Pharmacie du Marché, MARTIN Claire (titulaire), LEROY Sandrine (préparatrice); patient NESSI RUTH
 * ISABELLE, INS-NIR test of the ANS examples (DOMAIN-FACTS §3.4).
 */
public final class DispensationSamples {
  public static final String PRESCRIPTION_NUMBER = "01S2TBPZ2JCNZZYGHZ";
  public static final String DOLIPRANE = "DOLIPRANE 1000 mg, comprimé, boîte de 8";
  public static final String CLAMOXYL = "CLAMOXYL 1 g, comprimé dispersible, boîte de 6";
  public static final String AMOXICILLINE_GENERIQUE =
      "AMOXICILLINE BIOGARAN 1 g, comprimé dispersible, boîte de 6";
  public static final String SERUM = "SÉRUM PHYSIOLOGIQUE, unidoses de 5 ml, boîte de 40";
  public static final String BISEPTINE =
      "BISEPTINE, solution pour application cutanée, flacon de 250 ml";

  public static final Pharmacy PHARMACIE_DU_MARCHE =
      new Pharmacy(
          Finess.of("690100011"), "Pharmacie du Marché", "12 place des Célestins", "69002", "Lyon");
  public static final Professional TITULAIRE =
      new Professional(Optional.of(Rpps.of("10100000016")), "MARTIN", "Claire", Role.TITULAIRE);
  public static final Professional PREPARATRICE =
      new Professional(Optional.empty(), "LEROY", "Sandrine", Role.PREPARATEUR);

  private DispensationSamples() {}

  public static DispensationDocumentData knownGood() {
    return withLines(lines());
  }

  public static List<Line> lines() {
    return List.of(
        Line.delivered("L1", product("3400935955838", DOLIPRANE), 2, Completeness.FFC, 0),
        Line.substituted(
            "L2",
            product("3400934998331", CLAMOXYL),
            product("3400936404250", AMOXICILLINE_GENERIQUE),
            1,
            Completeness.FFP,
            1),
        Line.notDelivered(
            "L3", product("3400933989491", SERUM), NotDeliveredReason.RUPTURE_STOCK, 1),
        Line.handwritten(product("3400930000014", BISEPTINE), 1, Completeness.FFC));
  }

  public static DispensationDocumentData withLines(List<Line> lines) {
    return new DispensationDocumentData(
        DocumentIds.firstVersion("1.2.250.1.213.1.1.9.690100011", "DISP-2026-000042"),
        OffsetDateTime.of(2026, 11, 23, 10, 42, 0, 0, ZoneOffset.ofHours(1)),
        PHARMACIE_DU_MARCHE,
        PREPARATRICE,
        TITULAIRE,
        new Patient(
            Optional.of(new Ins("2770763220829", "10", InsType.NIR_TEST)),
            "NESSI",
            "RUTH",
            LocalDate.of(1977, 7, 14),
            Sex.F),
        new Prescriber(
            Rpps.of("10100000057"),
            "LAMBERT",
            "Hélène",
            AuthorSpecialties.get().prescriber("Médecine générale"),
            LocalDate.of(2026, 11, 20)),
        PrescriptionNumber.of(PRESCRIPTION_NUMBER),
        lines,
        List.of());
  }

  /** The known-good dispensation for a patient whose identity is not qualified (no INS). */
  public static DispensationDocumentData withoutIns() {
    DispensationDocumentData base = knownGood();
    Patient p = base.patient();
    return new DispensationDocumentData(
        base.ids(),
        base.dispensedAt(),
        base.pharmacy(),
        base.dispenser(),
        base.responsiblePharmacist(),
        new Patient(Optional.empty(), p.birthFamilyName(), p.firstName(), p.birthDate(), p.sex()),
        base.prescriber(),
        base.prescriptionNumber(),
        base.lines(),
        base.otherLinesRemaining());
  }

  public static Product product(String cip13, String label) {
    return new Product(Cip13.of(cip13), label);
  }
}
