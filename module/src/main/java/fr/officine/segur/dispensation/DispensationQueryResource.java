package fr.officine.segur.dispensation;

import fr.officine.segur.api.dispensation.DispensationView;
import fr.officine.segur.api.id.DispensationId;
import fr.officine.segur.api.id.InvalidIdentifierException;
import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.problem.ProblemException;
import fr.officine.segur.trust.Action;
import fr.officine.segur.trust.ActingProfessional;
import fr.officine.segur.trust.Performs;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import fr.officine.segur.dmp.document.StoredDocument;

/** {@code GET /api/v1/dispensations/{id}}: a dispensation of the acting pharmacy. */
@Path("dispensations")
@RequestScoped
public class DispensationQueryResource {
  private DispensationService service;
  private ActingProfessional acting;
  private DispensationFeed feed;

  protected DispensationQueryResource() {}

  @Inject
  public DispensationQueryResource(
      DispensationService service, ActingProfessional acting, DispensationFeed feed) {
    this.service = service;
    this.acting = acting;
    this.feed = feed;
  }

  @GET
  @Path("{id}")
  @Performs(Action.DISPENSATION_READ)
  @Produces(MediaType.APPLICATION_JSON)
  public DispensationView get(@PathParam("id") String id) {
    return service.view(own(id));
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

  /** Another pharmacy's dispensation does not exist for this one: same 404, nothing disclosed. */
  private Dispensation own(String id) {
    DispensationId checked;
    try {
      checked = DispensationId.parse(id);
    } catch (InvalidIdentifierException e) {
      throw notFound();
    }
    return service
        .find(checked)
        .filter(d -> d.pharmacyFiness().equals(acting.pharmacy().finess()))
        .orElseThrow(DispensationQueryResource::notFound);
  }

  private static ProblemException notFound() {
    return new ProblemException(
        ProblemType.DISPENSATION_NOT_FOUND, "Aucune délivrance de votre pharmacie sous cet identifiant.");
  }
}
