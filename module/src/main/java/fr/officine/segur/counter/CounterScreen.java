package fr.officine.segur.counter;

import fr.officine.segur.api.id.Ins;
import fr.officine.segur.api.id.PrescriptionNumber;
import fr.officine.segur.api.prescription.DmpStatusView;
import fr.officine.segur.api.prescription.DpView;
import fr.officine.segur.api.prescription.PrescriptionView;
import fr.officine.segur.audit.AuditContext;
import fr.officine.segur.dispensation.UnknownProductDeliveries;
import fr.officine.segur.dmp.DmpStatuses;
import fr.officine.segur.dmp.Pharmacists;
import fr.officine.segur.dmp.document.DispensationDocumentData.Professional;
import fr.officine.segur.dp.DpStatuses;
import fr.officine.segur.dp.DpViews;
import fr.officine.segur.identity.PatientIdentities;
import fr.officine.segur.prescription.DeliveryOutsideBase;
import fr.officine.segur.prescription.EPrescriptionBase;
import fr.officine.segur.prescription.Prescription;
import fr.officine.segur.prescription.PrescriptionNumbers;
import fr.officine.segur.prescription.PrescriptionViews;
import fr.officine.segur.safety.SafetySignals;
import fr.officine.segur.trust.Account;
import fr.officine.segur.trust.Accounts;
import fr.officine.segur.trust.ActingProfessional;
import fr.officine.segur.trust.AuthMode;
import fr.officine.segur.trust.CallerContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The counter screen of one prescription: the base's answer, the patient's DMP and DP status, what
 * this pharmacy delivered outside the base and the safety signals, assembled in one view. Shared by
 * {@code GET /api/v1/prescriptions/{number}} and the papers printed from it; it lives in the
 * counter package because it depends on every feature below it, which the prescription package must
 * not.
 */
@RequestScoped
public class CounterScreen {
  private EPrescriptionBase base;
  private ActingProfessional acting;
  private DmpStatuses dmp;
  private Accounts accounts;
  private AuditContext audit;
  private DpStatuses dp;
  private UnknownProductDeliveries unknownProducts;
  private PatientIdentities identities;
  private SafetySignals safety;

  protected CounterScreen() {}

  @Inject
  public CounterScreen(
      EPrescriptionBase base,
      ActingProfessional acting,
      DmpStatuses dmp,
      Accounts accounts,
      AuditContext audit,
      DpStatuses dp,
      UnknownProductDeliveries unknownProducts,
      PatientIdentities identities,
      SafetySignals safety) {
    this.identities = identities;
    this.safety = safety;
    this.dp = dp;
    this.unknownProducts = unknownProducts;
    this.base = base;
    this.acting = acting;
    this.dmp = dmp;
    this.accounts = accounts;
    this.audit = audit;
  }

  /**
   * The base's answer with the patient's DMP status (TD0.2). The INS comes from the base, so TD0.2
   * starts once the base answered, except when this prescription was consulted recently: then it
   * starts with the base call (see DmpStatuses). A slow or down DMP never fails the consult. The DP
   * (history, alerts, interactions) runs the same way beside them: started with the base call when
   * the prescription was consulted recently, else with TD0.2; never fails the consult.
   */
  public PrescriptionView consult(String number) {
    PrescriptionNumber checked = PrescriptionNumbers.parse(number);
    Account actor = acting.account();
    Optional<Professional> pharmacist = Pharmacists.responsible(actor, accounts);
    AuthMode authMode = Pharmacists.declaredMode(acting.authMode(), actor, pharmacist);
    String finess = actor.pharmacy().finess();
    String pharmacyName = actor.pharmacy().name();
    Optional<Ins> early = dmp.knownIns(checked.value());
    // TD0.2 sends the INS to the DMP: only a qualified one, so the early start checks it too (one
    // indexed read) in case it lost its qualification since it was remembered. Qualified by this
    // pharmacy: another pharmacy's qualification is its own act, not this one's (issue 11 §1)
    Optional<Ins> earlyQualified =
        early.filter(ins -> identities.qualified(ins, finess).isPresent());
    Optional<CompletableFuture<DmpStatusView>> started =
        earlyQualified.map(ins -> dmp.start(ins, pharmacist, authMode, finess, pharmacyName));
    CallerContext caller = CallerContext.of(acting);
    Optional<CompletableFuture<DpView>> dpStarted =
        early.flatMap(i -> dp.knownLines(checked.value()).map(lines -> dp.start(i, lines, caller)));
    Prescription prescription = base.consult(checked, caller);
    audit.patient(prescription.patient() == null ? null : prescription.patient().ins());
    Optional<Ins> ins = prescription.patient().qualifiedIns();
    DmpStatusView status;
    DpView dpView;
    if (ins.isEmpty()) {
      status = DmpStatuses.noIns();
      dpView = DpViews.noIns();
    } else {
      List<DpViews.PrescribedLine> lines = prescribedLines(prescription);
      dp.remember(checked.value(), lines);
      CompletableFuture<DpView> dpFuture =
          dpStarted.isPresent() && early.get().equals(ins.get())
              ? dpStarted.get()
              : dp.start(ins.get(), lines, caller);
      // remembered even when not qualified: the DP's early start uses it (the DP is not concerned)
      dmp.remember(checked.value(), ins.get());
      if (started.isPresent() && earlyQualified.get().equals(ins.get())) {
        status = dmp.await(started.get());
      } else if (identities.qualified(ins.get(), finess).isPresent()) {
        status = dmp.await(dmp.start(ins.get(), pharmacist, authMode, finess, pharmacyName));
      } else {
        status = DmpStatuses.insNotQualified();
      }
      dpView = dp.await(dpFuture);
    }
    Map<String, List<DeliveryOutsideBase>> local =
        prescription.lines().stream().anyMatch(l -> l.product().unknownToBase())
            ? unknownProducts.deliveredByLine(checked.value())
            : Map.of();
    return safety.shown(
        PrescriptionViews.view(prescription, finess, status, dpView, local), prescription, finess);
  }

  private static List<DpViews.PrescribedLine> prescribedLines(Prescription p) {
    return p.lines().stream()
        .map(l -> new DpViews.PrescribedLine(l.lineId(), l.product().code(), l.product().label()))
        .toList();
  }
}
