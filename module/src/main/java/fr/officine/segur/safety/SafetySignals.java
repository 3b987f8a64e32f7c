package fr.officine.segur.safety;

import fr.officine.segur.api.dispensation.DispensationRequest;
import fr.officine.segur.api.dispensation.LineRequest;
import fr.officine.segur.api.dispensation.SafetyAcknowledgement;
import fr.officine.segur.api.id.Ins;
import fr.officine.segur.api.id.PrescriptionNumber;
import fr.officine.segur.api.prescription.DpView;
import fr.officine.segur.api.prescription.PrescriptionView;
import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.api.safety.LineAlertKind;
import fr.officine.segur.audit.AuditLog;
import fr.officine.segur.audit.AuditRecord;
import fr.officine.segur.dp.DpStatuses;
import fr.officine.segur.dp.DpViews;
import fr.officine.segur.prescription.EPrescriptionBase;
import fr.officine.segur.prescription.Prescription;
import fr.officine.segur.problem.ProblemException;
import fr.officine.segur.trust.Account;
import fr.officine.segur.trust.Action;
import fr.officine.segur.trust.CallerContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The safety signals of the lines (issue 10 §3) on the screen and enforced by the server: what the
 * counter showed is remembered per pharmacy and prescription, and a dispensation delivering a line
 * with a blocking signal (lot recall, narcotic secure prescription, narcotic overlap) is refused
 * (409, the line named) unless the request carries the pharmacist's acknowledgement, which is then
 * audited; a narcotic line is limited to its fraction and to the treatment still to run.
 *
 * <p>A narcotic prescription is consulted again at recording (its fractions change with every
 * delivery); otherwise the prescription and DP seen at the counter are used, so a dispensation
 * costs no extra national call. Without a consult first (an LGO calling the API directly, another
 * node), both are asked again. The memory is this node's: another node consults again.
 */
@ApplicationScoped
public class SafetySignals {
  private static final Logger LOG = Logger.getLogger(SafetySignals.class.getName());
  static final ZoneId FRANCE = ZoneId.of("Europe/Paris");

  private EPrescriptionBase base;
  private DpStatuses dp;
  private AuditLog audit;
  private Clock clock;
  private final Map<String, Seen> seen = new ConcurrentHashMap<>();

  /** The prescription and the DP as the counter last showed them. */
  record Seen(Prescription prescription, DpView dp) {}

  protected SafetySignals() {}

  @Inject
  public SafetySignals(EPrescriptionBase base, DpStatuses dp, AuditLog audit) {
    this(base, dp, audit, Clock.system(FRANCE));
  }

  SafetySignals(EPrescriptionBase base, DpStatuses dp, AuditLog audit, Clock clock) {
    this.base = base;
    this.dp = dp;
    this.audit = audit;
    this.clock = clock;
  }

  /** The view shown at the counter, each line with its signals; remembered for the recording. */
  public PrescriptionView shown(PrescriptionView view, Prescription p, String finess) {
    if (seen.size() > 10_000) {
      seen.clear(); // bounded: a counter records what it just consulted
    }
    seen.put(key(finess, p.number().value()), new Seen(p, view.dp()));
    return LineSafety.annotate(view, p, today(), FRANCE);
  }

  /**
   * Refuses a dispensation that would deliver a line against its signals; audits the
   * acknowledgements it relies on. Runs before anything is stored or sent.
   */
  public void check(PrescriptionNumber number, DispensationRequest request, Account actor) {
    List<LineRequest> delivering =
        orEmpty(request.lines()).stream().filter(l -> l != null && l.quantity() > 0).toList();
    if (delivering.isEmpty()) {
      return;
    }
    CallerContext caller =
        new CallerContext(
            actor.pharmacy().finess(), actor.pharmacy().name(), actor.rpps(), actor.displayName());
    Optional<Seen> remembered =
        Optional.ofNullable(seen.get(key(actor.pharmacy().finess(), number.value())));
    boolean narcotic =
        remembered.isEmpty()
            || remembered.get().prescription().lines().stream()
                .anyMatch(Prescription.Line::narcotic);
    Prescription p = narcotic ? base.consult(number, caller) : remembered.get().prescription();
    DpView dpView =
        // the DP seen at the counter, unless it did not answer then (no DP, closed… stay as seen)
        remembered
            .map(Seen::dp)
            .filter(d -> !"UNAVAILABLE".equals(d.state()))
            .orElseGet(() -> freshDp(p, caller));
    Map<String, LineSafety.Signals> signals = LineSafety.of(p, dpView, today(), FRANCE);
    Set<String> given = new HashSet<>();
    for (SafetyAcknowledgement a : orEmpty(request.acknowledgements())) {
      if (a != null) {
        given.add(a.lineId() + "|" + a.kind());
      }
    }
    List<String> relied = new ArrayList<>();
    for (LineRequest l : delivering) {
      LineSafety.Signals s = signals.get(l.lineId());
      Optional<Prescription.Line> line =
          p.lines().stream().filter(x -> x.lineId().equals(l.lineId())).findFirst();
      if (s == null || line.isEmpty()) {
        continue; // an unknown line: the base refuses it
      }
      String label = line.get().product().label();
      boolean substituted =
          l.deliveredProduct() != null
              && l.deliveredProduct().cip13() != null
              && !l.deliveredProduct().cip13().equals(line.get().product().code());
      // a recall concerns the recalled product: a substitute is another product
      if (!substituted) {
        require(
            s,
            l.lineId(),
            label,
            LineAlertKind.LOT_RECALL,
            ProblemType.LOT_RECALL_NOT_ACKNOWLEDGED,
            given,
            relied);
      }
      require(
          s,
          l.lineId(),
          label,
          LineAlertKind.SECURE_PRESCRIPTION,
          ProblemType.SECURE_PRESCRIPTION_NOT_CHECKED,
          given,
          relied);
      require(
          s,
          l.lineId(),
          label,
          LineAlertKind.NARCOTIC_OVERLAP,
          ProblemType.NARCOTIC_OVERLAP_NOT_ACKNOWLEDGED,
          given,
          relied);
      if (s.limit().isPresent() && l.quantity() > s.limit().get().maxBoxes()) {
        NarcoticRules.Limit limit = s.limit().get();
        throw new ProblemException(
            limit.kind() == LineAlertKind.NARCOTIC_FRACTION
                ? ProblemType.NARCOTIC_FRACTION_EXCEEDED
                : ProblemType.NARCOTIC_LATE_PRESENTATION,
            "Ligne "
                + l.lineId()
                + " « "
                + label
                + " », "
                + limit.kind().label().toLowerCase(java.util.Locale.FRANCE)
                + " : "
                + limit.message(),
            l.lineId(),
            null);
      }
    }
    for (String what : relied) {
      audited(actor, number, p, what);
    }
  }

  private static void require(
      LineSafety.Signals s,
      String lineId,
      String label,
      LineAlertKind kind,
      ProblemType refusal,
      Set<String> given,
      List<String> relied) {
    if (!s.requires(kind)) {
      return;
    }
    if (!given.contains(lineId + "|" + kind.name())) {
      String message =
          s.alerts().stream()
              .filter(a -> a.kind().equals(kind.name()))
              .findFirst()
              .map(a -> a.message())
              .orElse("");
      throw new ProblemException(
          refusal,
          "Ligne "
              + lineId
              + " « "
              + label
              + " », "
              + kind.label().toLowerCase(java.util.Locale.FRANCE)
              + " : "
              + message,
          lineId,
          null);
    }
    relied.add(lineId + " " + kind.name());
  }

  /** The acknowledgement is an act of the pharmacist: one audit record each. */
  private void audited(Account actor, PrescriptionNumber number, Prescription p, String what) {
    try {
      audit.append(
          new AuditRecord(
              0,
              clock.instant(),
              actor.login(),
              actor.rpps().orElse(null),
              actor.role().name(),
              actor.pharmacy().finess(),
              Action.SAFETY_ACKNOWLEDGE.name(),
              what,
              number.value(),
              p.patient() == null
                  ? null
                  : p.patient().qualifiedIns().map(Ins::matricule).orElse(null),
              null,
              null,
              200,
              null));
    } catch (RuntimeException e) {
      // as for every audit record: the act is not refused because the log is down
      LOG.log(
          Level.SEVERE,
          "Audit record NOT written for " + Action.SAFETY_ACKNOWLEDGE + " " + what,
          e);
    }
  }

  private DpView freshDp(Prescription p, CallerContext caller) {
    Optional<Ins> ins = p.patient() == null ? Optional.empty() : p.patient().qualifiedIns();
    if (ins.isEmpty()) {
      return null;
    }
    List<DpViews.PrescribedLine> lines =
        p.lines().stream()
            .map(
                l ->
                    new DpViews.PrescribedLine(l.lineId(), l.product().code(), l.product().label()))
            .toList();
    return dp.await(dp.start(ins.get(), lines, caller));
  }

  private LocalDate today() {
    return LocalDate.now(clock.withZone(FRANCE));
  }

  private static String key(String finess, String number) {
    return finess + "|" + number;
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
