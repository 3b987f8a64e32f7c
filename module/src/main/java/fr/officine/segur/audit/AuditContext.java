package fr.officine.segur.audit;

import fr.officine.segur.api.id.Ins;
import fr.officine.segur.api.id.InsType;
import fr.officine.segur.api.id.InvalidIdentifierException;
import fr.officine.segur.api.id.PrescriptionNumber;
import fr.officine.segur.api.identity.InsView;
import fr.officine.segur.api.identity.InsiLookupView;
import fr.officine.segur.api.scan.ScanResult;
import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;

/**
 * What a resource learned during the call that the path does not say, for the audit record written
 * after it: the patient's INS from a national answer, the prescription a scan decoded (the login of
 * a failed session attempt is kept by trust's {@code ActingProfessional}, below audit). One line in
 * the resource; everything else is {@link AuditFilter}'s business.
 */
@RequestScoped
public class AuditContext {
  private String insMatricule;
  private String prescriptionNumber;

  /** The patient the call concerns, as the national service wrote the INS (13 or 15 chars). */
  public void patient(String ins) {
    matricule(ins).ifPresent(m -> insMatricule = m);
  }

  public void patient(Ins ins) {
    if (ins != null) {
      insMatricule = ins.matricule();
    }
  }

  /** The INS a request names (identity qualification). */
  public void patient(InsView ins) {
    if (ins != null) {
      patient(ins.matricule());
    }
  }

  /** Returns {@code view}: {@code return audit.patient(IdentityViews.lookup(outcome));}. */
  public InsiLookupView patient(InsiLookupView view) {
    if (view != null) {
      patient(view.ins());
    }
    return view;
  }

  public void prescription(PrescriptionNumber number) {
    if (number != null) {
      prescriptionNumber = number.value();
    }
  }

  /** Returns {@code result}: {@code return audit.scanned(scans.scanText(…));}. */
  public ScanResult scanned(ScanResult result) {
    if (result != null && result.prescriptionNumber() != null) {
      prescriptionNumber = result.prescriptionNumber();
    }
    return result;
  }

  Optional<String> insMatricule() {
    return Optional.ofNullable(insMatricule);
  }

  Optional<String> prescriptionNumber() {
    return Optional.ofNullable(prescriptionNumber);
  }

  /**
   * The 13-character matricule of an INS written with or without its key and spaces; the key is not
   * checked (an INSi answer is the authority, DOMAIN-FACTS §3.4), the format is.
   */
  static Optional<String> matricule(String ins) {
    if (ins == null) {
      return Optional.empty();
    }
    String compact = ins.replace(" ", "");
    if (compact.length() != Ins.MATRICULE_LENGTH && compact.length() != Ins.MATRICULE_LENGTH + 2) {
      return Optional.empty();
    }
    try {
      String m = compact.substring(0, Ins.MATRICULE_LENGTH);
      return Optional.of(new Ins(m, Ins.keyOf(m), InsType.NIR).matricule());
    } catch (InvalidIdentifierException e) {
      return Optional.empty();
    }
  }
}
