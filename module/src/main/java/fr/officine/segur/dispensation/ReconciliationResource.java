package fr.officine.segur.dispensation;

import fr.officine.segur.api.dispensation.UnknownProductDeliveryView;
import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.api.reconciliation.ReconciliationsView;
import fr.officine.segur.api.reconciliation.ResolutionRequest;
import fr.officine.segur.http.EntityTagged;
import fr.officine.segur.http.PageRequest;
import fr.officine.segur.problem.ProblemException;
import fr.officine.segur.trust.ActingProfessional;
import fr.officine.segur.trust.Action;
import fr.officine.segur.trust.Performs;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * The lines unknown to the e-prescription base this pharmacy delivered, to reconcile: {@code GET
 * /api/v1/reconciliations?state=PENDING|RESOLVED} and {@code POST
 * /api/v1/reconciliations/{id}/resolution} ({@code {"note":"…"}}, idempotent).
 */
@Path("reconciliations")
@RequestScoped
public class ReconciliationResource {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;
  private static final int MAX_NOTE = 1000;

  private UnknownProductDeliveries deliveries;
  private ActingProfessional acting;

  protected ReconciliationResource() {}

  @Inject
  public ReconciliationResource(UnknownProductDeliveries deliveries, ActingProfessional acting) {
    this.deliveries = deliveries;
    this.acting = acting;
  }

  /**
   * The lines in a state, oldest first, a page at a time ({@code limit}: 100 by default, 1000 at
   * most; {@code cursor}: from the previous page's {@code Link rel="next"}); {@code count} and the
   * label are of all the pages, so the counter never says fewer lines than there are.
   */
  @GET
  @Performs(Action.RECONCILIATION_READ)
  @EntityTagged
  @Produces(MediaType.APPLICATION_JSON)
  public ReconciliationsView list(
      @QueryParam("state") String state,
      @QueryParam("limit") String limit,
      @QueryParam(PageRequest.CURSOR) String cursor,
      @Context ContainerRequestContext request) {
    String wanted = state(state);
    String finess = acting.pharmacy().finess();
    PageRequest page =
        PageRequest.of("reconciliations-" + wanted, limit, cursor, DEFAULT_LIMIT, MAX_LIMIT);
    List<UnknownProductDeliveryView> items =
        page.page(
            deliveries.list(finess, wanted, page.after(), page.fetch()),
            UnknownProductDeliveryView::id,
            request);
    int count = deliveries.count(finess, wanted);
    return new ReconciliationsView(wanted, count, label(wanted, count), items);
  }

  @POST
  @Path("{id}/resolution")
  @Performs(Action.RECONCILIATION_RESOLVE)
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public UnknownProductDeliveryView resolve(@PathParam("id") String id, ResolutionRequest request) {
    String note = request == null || request.note() == null ? "" : request.note().strip();
    if (note.isEmpty() || note.length() > MAX_NOTE) {
      throw new ProblemException(
          ProblemType.MALFORMED_REQUEST,
          "Indiquez comment la ligne a été régularisée (note de 1 à " + MAX_NOTE + " caractères).");
    }
    return deliveries
        .resolve(id, acting.pharmacy().finess(), note, acting.displayName())
        .orElseThrow(
            () ->
                new ProblemException(
                    ProblemType.RECONCILIATION_NOT_FOUND,
                    "Aucune ligne à régulariser de cette pharmacie ne porte l'identifiant "
                        + id
                        + "."));
  }

  static String state(String asked) {
    if (asked == null
        || asked.isBlank()
        || asked.equals("PENDING")
        || asked.equals(UnknownProductDeliveries.PENDING)) {
      return UnknownProductDeliveries.PENDING;
    }
    if (asked.equals(UnknownProductDeliveries.RESOLVED)) {
      return UnknownProductDeliveries.RESOLVED;
    }
    throw new ProblemException(
        ProblemType.MALFORMED_REQUEST,
        "state : PENDING (à régulariser) ou RESOLVED (régularisées).");
  }

  /** What the counter shows, in French. */
  static String label(String state, int n) {
    if (UnknownProductDeliveries.RESOLVED.equals(state)) {
      return n == 0
          ? "Aucune ligne régularisée"
          : n + (n == 1 ? " ligne régularisée" : " lignes régularisées");
    }
    return n == 0
        ? "Aucune ligne à régulariser"
        : n + (n == 1 ? " ligne à régulariser" : " lignes à régulariser");
  }
}
