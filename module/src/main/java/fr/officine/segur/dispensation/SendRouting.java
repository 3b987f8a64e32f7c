package fr.officine.segur.dispensation;

import fr.officine.segur.api.dispensation.SendReason;
import fr.officine.segur.dp.DmpRoute;
import fr.officine.segur.outbox.OutboxState;
import fr.officine.segur.outbox.OutboxTarget;
import fr.officine.segur.outbox.Reason;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/**
 * Which services an accepted dispensation goes to, and in which state its sends start (issue 14 §4:
 * the feed's fourth reason). Decides only; {@link FeedWriter} writes.
 */
@ApplicationScoped
public class SendRouting {
  private DmpRoute route;

  protected SendRouting() {}

  @Inject
  public SendRouting(DmpRoute route) {
    this.route = route;
  }

  /** One outbox row to write. */
  record PlannedSend(OutboxTarget target, OutboxState state, Optional<Reason> reason) {}

  List<PlannedSend> sends(String pharmacyFiness, DispensationFeed.Prepared p) {
    // Route via-dp: the DP forwards this very document (same uniqueId) to the DMP; the module does
    // not send it itself (DpSender reopens the DMP send when the DP cannot carry it).
    boolean viaDp = p.dmpState() == OutboxState.PENDING && route.viaDp(pharmacyFiness);
    PlannedSend dmp =
        viaDp
            ? new PlannedSend(
                OutboxTarget.DMP,
                OutboxState.NOT_APPLICABLE,
                Optional.of(Reason.of(SendReason.VIA_DP)))
            : new PlannedSend(OutboxTarget.DMP, p.dmpState(), p.dmpReason());
    // The DP is fed from the same document; without a qualified INS it cannot be identified.
    boolean dpFeed = p.document().flatMap(DispensationFeed.Built::ins).isPresent();
    PlannedSend dp =
        dpFeed
            ? new PlannedSend(OutboxTarget.DP, OutboxState.PENDING, Optional.empty())
            : new PlannedSend(
                OutboxTarget.DP,
                OutboxState.NOT_APPLICABLE,
                Optional.of(Reason.of(SendReason.NOTHING_FOR_DP)));
    return List.of(dmp, dp);
  }
}
