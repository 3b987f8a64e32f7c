package fr.officine.segur.dispensation;

import fr.officine.segur.api.dispensation.DispensationView;
import fr.officine.segur.api.dispensation.SettlementRequest;
import fr.officine.segur.api.id.DispensationId;
import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.dmp.document.StoredDocument;
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
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /api/v1/dispensations/{id}}: a dispensation of the acting pharmacy; also the list of
 * its dispensations in one status, and the settlement of an in-doubt one.
 */
@Path("dispensations")
@RequestScoped
public class DispensationQueryResource {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;

  private DispensationReads reads;
  private InDoubtSettlement settlement;
  private ActingProfessional acting;
  private DispensationFeed feed;

  protected DispensationQueryResource() {}

  @Inject
  public DispensationQueryResource(
      DispensationReads reads,
      InDoubtSettlement settlement,
      ActingProfessional acting,
      DispensationFeed feed) {
    this.reads = reads;
    this.settlement = settlement;
    this.acting = acting;
    this.feed = feed;
  }

  @GET
  @Path("{id}")
  @Performs(Action.DISPENSATION_READ)
  @EntityTagged
  @Produces(MediaType.APPLICATION_JSON)
  public DispensationView get(@PathParam("id") String id) {
    return reads.view(own(id));
  }

  /**
   * {@code GET /api/v1/dispensations?status=IN_DOUBT}: the acting pharmacy's dispensations in that
   * status, newest first, a page at a time ({@code limit}: 100 by default, 1000 at most; {@code
   * cursor}: from the previous page's {@code Link rel="next"}): the list every pharmacist of the
   * pharmacy sees until the base settles them (issue 10 §1).
   */
  @GET
  @Performs(Action.DISPENSATION_READ)
  @EntityTagged
  @Produces(MediaType.APPLICATION_JSON)
  public List<DispensationView> inStatus(
      @QueryParam("status") String status,
      @QueryParam("limit") String limit,
      @QueryParam(PageRequest.CURSOR) String cursor,
      @Context ContainerRequestContext request) {
    DispensationStatus wanted =
        Arrays.stream(DispensationStatus.values())
            .filter(s -> s.name().equals(status))
            .findFirst()
            .orElseThrow(
                () ->
                    new ProblemException(
                        ProblemType.MALFORMED_REQUEST,
                        "Paramètre status obligatoire : "
                            + Arrays.toString(DispensationStatus.values())
                            + "."));
    PageRequest page =
        PageRequest.of("dispensations-" + wanted, limit, cursor, DEFAULT_LIMIT, MAX_LIMIT);
    Optional<DispensationId> after = page.position(DispensationId::parse);
    return page
        .page(
            reads.ofPharmacy(acting.pharmacy().finess(), wanted, after, page.fetch()),
            d -> d.id().toString(),
            request)
        .stream()
        .map(reads::view)
        .toList();
  }

  /**
   * {@code POST /api/v1/dispensations/{id}/settlement} {@code {"action":"CHECK"|"CANCEL"}}: a
   * pharmacist settles an in-doubt dispensation. CHECK asks the base now (recorded there: RECORDED;
   * not: stays IN_DOUBT); CANCEL asks it too and cancels only when the base confirms it never
   * recorded it (NOT_RECORDED), else 409 DISPENSATION_RECORDED_BY_BASE. Idempotent: a settled one
   * is answered as it stands, without calling the base. The base down: 503, nothing changes.
   */
  @POST
  @Path("{id}/settlement")
  @Performs(Action.DISPENSATION_SETTLE)
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public DispensationView settle(@PathParam("id") String id, SettlementRequest request) {
    String action = request == null ? null : request.action();
    if (!"CHECK".equals(action) && !"CANCEL".equals(action)) {
      throw new ProblemException(ProblemType.MALFORMED_REQUEST, "action : CHECK ou CANCEL.");
    }
    Dispensation d = own(id);
    if (d.status() == DispensationStatus.SUBMITTING) {
      throw new ProblemException(
          ProblemType.REQUEST_IN_PROGRESS,
          "Cette délivrance est en cours d'envoi à la base : patientez.");
    }
    boolean cancel = "CANCEL".equals(action);
    Dispensation settled = settlement.settle(d, acting.account().displayName(), cancel);
    if (cancel && settled.status() == DispensationStatus.RECORDED) {
      throw new ProblemException(
          ProblemType.DISPENSATION_RECORDED_BY_BASE,
          "La base ordonnance numérique a enregistré cette délivrance"
              + (settled.settlement().isPresent() ? "" : " dès son envoi")
              + " : elle compte pour le patient et ne peut pas être annulée.");
    }
    return reads.view(settled);
  }

  /** The PDF handed over to the patient (the same bytes as inside the CDA sent to the DMP). */
  @GET
  @Path("{id}/document.pdf")
  @Performs(Action.DOCUMENT_READ)
  @Produces("application/pdf")
  public Response pdf(@PathParam("id") String id) {
    StoredDocument doc = document(id);
    return Response.ok(doc.document().pdf(), "application/pdf")
        .header("Content-Disposition", "inline; filename=\"dispensation-" + id + ".pdf\"")
        .build();
  }

  /** The CDA R2 eDISP-MED document, as stored and sent to the DMP. */
  @GET
  @Path("{id}/document.xml")
  @Performs(Action.DOCUMENT_READ)
  @Produces("text/xml")
  public Response cda(@PathParam("id") String id) {
    StoredDocument doc = document(id);
    return Response.ok(doc.document().cda(), "text/xml; charset=UTF-8").build();
  }

  private StoredDocument document(String id) {
    Dispensation d = own(id);
    return feed.document(d.id())
        .orElseThrow(
            () ->
                new ProblemException(
                    ProblemType.DISPENSATION_NOT_FOUND,
                    "Cette délivrance n'a pas de document (refusée, en attente de la base, ou aucune"
                        + " ligne délivrée)."));
  }

  private Dispensation own(String id) {
    return reads.ofPharmacy(id, acting.pharmacy().finess());
  }
}
