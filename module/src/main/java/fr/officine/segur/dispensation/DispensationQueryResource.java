package fr.officine.segur.dispensation;

import fr.officine.segur.api.dispensation.DispensationView;
import fr.officine.segur.api.id.DispensationId;
import fr.officine.segur.api.id.InvalidIdentifierException;
import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.problem.ProblemException;
import fr.officine.segur.trust.ActingProfessional;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/v1/dispensations/{id}}: a dispensation of the acting pharmacy. */
@Path("dispensations")
@RequestScoped
public class DispensationQueryResource {
  private DispensationService service;
  private ActingProfessional acting;

  protected DispensationQueryResource() {}

  @Inject
  public DispensationQueryResource(DispensationService service, ActingProfessional acting) {
    this.service = service;
    this.acting = acting;
  }

  @GET
  @Path("{id}")
  @Produces(MediaType.APPLICATION_JSON)
  public DispensationView get(@PathParam("id") String id) {
    DispensationId checked;
    try {
      checked = DispensationId.parse(id);
    } catch (InvalidIdentifierException e) {
      throw notFound();
    }
    // another pharmacy's dispensation does not exist for this one: same 404, nothing disclosed
    return service
        .find(checked)
        .filter(d -> d.pharmacyFiness().equals(acting.pharmacy().finess()))
        .map(DispensationViews::view)
        .orElseThrow(DispensationQueryResource::notFound);
  }

  private static ProblemException notFound() {
    return new ProblemException(
        ProblemType.DISPENSATION_NOT_FOUND, "Aucune délivrance de votre pharmacie sous cet identifiant.");
  }
}
