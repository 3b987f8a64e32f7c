package fr.officine.segur.dispensation;

import fr.officine.segur.api.id.Cip13;
import fr.officine.segur.api.id.Finess;
import fr.officine.segur.api.id.Ins;
import fr.officine.segur.api.id.PrescriptionNumber;
import fr.officine.segur.api.id.Rpps;
import fr.officine.segur.dmp.Pharmacists;
import fr.officine.segur.dmp.document.AuthorSpecialties;
import fr.officine.segur.dmp.document.DispensationDocumentData;
import fr.officine.segur.dmp.document.DispensationDocumentData.Completeness;
import fr.officine.segur.dmp.document.DispensationDocumentData.DocumentIds;
import fr.officine.segur.dmp.document.DispensationDocumentData.Line;
import fr.officine.segur.dmp.document.DispensationDocumentData.Patient;
import fr.officine.segur.dmp.document.DispensationDocumentData.Pharmacy;
import fr.officine.segur.dmp.document.DispensationDocumentData.Prescriber;
import fr.officine.segur.dmp.document.DispensationDocumentData.Product;
import fr.officine.segur.dmp.document.DispensationDocumentData.Professional;
import fr.officine.segur.dmp.document.DispensationDocumentData.Sex;
import fr.officine.segur.identity.QualifiedIdentity;
import fr.officine.segur.prescription.Prescription;
import fr.officine.segur.trust.Account;
import fr.officine.segur.trust.Accounts;
import fr.officine.segur.trust.PharmacyAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Gathers what the dispensation document says (issue 14 §4: the feed's first reason): the
 * dispensation as the base accepted it, the prescription after the execution, the pharmacy and its
 * professionals, the patient (with the INSi traits once the INS is qualified). Throws when a piece
 * the document cannot do without is missing; the caller turns that into a NOT_APPLICABLE send.
 */
@ApplicationScoped
public class DocumentDataAssembler {
  /** UUID-derived OIDs (ITU-T X.667): a document id unique without an OID registration. */
  private static final String UUID_OID_ARC = "2.25.";

  private Accounts accounts;

  protected DocumentDataAssembler() {}

  @Inject
  public DocumentDataAssembler(Accounts accounts) {
    this.accounts = accounts;
  }

  DispensationDocumentData assemble(
      Dispensation d, Prescription p, Optional<QualifiedIdentity> identity) {
    Account actor =
        accounts
            .find(d.login())
            .orElseThrow(() -> new IllegalStateException("compte inconnu " + d.login()));
    Professional dispenser = Pharmacists.professional(actor);
    Professional responsible =
        Pharmacists.responsible(actor, accounts)
            .orElseThrow(() -> new IllegalStateException("aucun pharmacien titulaire avec RPPS"));
    PharmacyAddress address =
        accounts
            .address(d.pharmacyFiness())
            .orElseThrow(() -> new IllegalStateException("adresse de la pharmacie non renseignée"));
    String root = UUID_OID_ARC + new BigInteger(d.id().value().toString().replace("-", ""), 16);
    return new DispensationDocumentData(
        new DocumentIds(root, Optional.empty(), root, Optional.empty(), 1),
        d.createdAt(),
        new Pharmacy(
            Finess.of(d.pharmacyFiness()),
            d.pharmacyName(),
            address.street(),
            address.postalCode(),
            address.city()),
        dispenser,
        responsible,
        patient(p.patient(), identity),
        new Prescriber(
            Rpps.of(p.prescriber().rpps()),
            p.prescriber().lastName(),
            p.prescriber().firstName(),
            AuthorSpecialties.get().prescriber(p.prescriber().specialty()),
            p.prescribedOn()),
        PrescriptionNumber.of(d.prescriptionNumber().value()),
        lines(d, p),
        otherLinesRemaining(d, p));
  }

  /**
   * The patient named with the INSi traits that go with a qualified INS (CI-SIS StrucMin: every
   * birth first name, birth place).
   */
  static Patient qualified(QualifiedIdentity q) {
    return new Patient(
        Optional.of(q.ins()),
        q.birthName(),
        q.firstNames(),
        q.birthDate(),
        sex(q.sex()),
        q.birthPlace());
  }

  /**
   * The prescription's lines outside the document's that still have boxes to deliver: those this
   * dispensation left alone, and those unknown to the base it delivered (less what it delivered).
   */
  private static List<DispensationDocumentData.Remaining> otherLinesRemaining(
      Dispensation d, Prescription p) {
    Set<String> inDocument =
        d.lines().stream().map(Dispensation.Line::lineId).collect(Collectors.toSet());
    Map<String, Integer> deliveredUnknown = new HashMap<>();
    d.unknownProductLines()
        .forEach(u -> deliveredUnknown.merge(u.lineId(), u.quantity(), Integer::sum));
    List<DispensationDocumentData.Remaining> out = new ArrayList<>();
    for (Prescription.Line l : p.lines()) {
      int left = l.remainingQuantity() - deliveredUnknown.getOrDefault(l.lineId(), 0);
      if (!inDocument.contains(l.lineId()) && left > 0) {
        out.add(new DispensationDocumentData.Remaining(l.product().label(), left));
      }
    }
    return out;
  }

  private static List<Line> lines(Dispensation d, Prescription p) {
    List<Line> out = new ArrayList<>();
    for (Dispensation.Line l : d.lines()) {
      Prescription.Line prescribed =
          p.lines().stream()
              .filter(pl -> pl.lineId().equals(l.lineId()))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "ligne " + l.lineId() + " absente de la prescription"));
      Product product = product(prescribed.product().code(), prescribed.product().label());
      int delivered = l.accepted().map(Dispensation.Accepted::quantity).orElse(l.quantity());
      int remaining =
          l.accepted()
              .map(Dispensation.Accepted::remainingQuantity)
              .orElse(prescribed.remainingQuantity());
      if (delivered > 0) {
        Completeness completeness =
            Completeness.valueOf(
                l.accepted().map(Dispensation.Accepted::completenessCode).orElseThrow());
        out.add(
            (l.deliveredProduct().isPresent()
                    ? Line.substituted(
                        l.lineId(),
                        product,
                        product(
                            l.deliveredProduct().get().code(), l.deliveredProduct().get().label()),
                        delivered,
                        completeness,
                        remaining)
                    : Line.delivered(l.lineId(), product, delivered, completeness, remaining))
                .withBox(l.box().lot(), l.box().expiry()));
      } else if (l.notDeliveredReason().isPresent()) {
        out.add(Line.notDelivered(l.lineId(), product, l.notDeliveredReason().get(), remaining));
      }
      // quantity 0 without a reason: the line was not handled in this dispensation
    }
    for (Dispensation.HandwrittenLine h : d.handwrittenLines()) {
      // A handwritten line may name a product without CIP13: the document carries it by its text
      // (eDISP: product code nullFlavor NA), the rest of the dispensation goes to the DMP and DP.
      Product product =
          h.cip13() == null ? Product.uncoded(h.label()) : product(h.cip13(), h.label());
      out.add(Line.handwritten(product, h.quantity(), Completeness.FFC));
    }
    return out;
  }

  private static Product product(String cip13, String label) {
    if (cip13 == null) {
      throw new IllegalStateException("produit sans code CIP13 (" + label + ")");
    }
    return new Product(Cip13.of(cip13), label);
  }

  /**
   * The patient as the document names it: with a qualified INS, the INSi traits (identitovigilance:
   * those are the ones that go with the INS); otherwise the prescription's traits.
   */
  private static Patient patient(Prescription.Patient p, Optional<QualifiedIdentity> identity) {
    Optional<Ins> ins = p.qualifiedIns();
    if (identity.isPresent() && ins.isPresent() && identity.get().ins().equals(ins.get())) {
      return qualified(identity.get());
    }
    return new Patient(ins, p.birthName(), p.firstName(), p.birthDate(), sex(p.sex()));
  }

  private static Sex sex(String code) {
    try {
      return code == null ? Sex.U : Sex.valueOf(code.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return Sex.U;
    }
  }
}
