package fr.officine.segur.dispensation;

import fr.officine.segur.api.dispensation.DispensationRequest;
import fr.officine.segur.api.id.PrescriptionNumber;
import fr.officine.segur.dispensation.IdempotencyStore.StoredAnswer;
import fr.officine.segur.prescription.PrescriptionNumbers;
import fr.officine.segur.problem.ProblemResponses;
import fr.officine.segur.trust.ActingProfessional;
import fr.officine.segur.trust.Action;
import fr.officine.segur.trust.Performs;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;

/** {@code POST /api/v1/prescriptions/{number}/dispensations}: record a dispensation. */
@Path("prescriptions/{number}/dispensations")
@RequestScoped
public class DispensationResource {
  private IdempotentDispensations service;
  private ActingProfessional acting;

  protected DispensationResource() {}

  @Inject
  public DispensationResource(IdempotentDispensations service, ActingProfessional acting) {
    this.service = service;
    this.acting = acting;
  }

  @POST
  @Performs(Action.DISPENSATION_RECORD)
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces({MediaType.APPLICATION_JSON, "application/problem+json"})
  public Response dispense(
      @PathParam("number") String number,
      @HeaderParam("Idempotency-Key") String idempotencyKey,
      DispensationRequest request,
      @Context UriInfo uriInfo) {
    PrescriptionNumber checked = PrescriptionNumbers.parse(number);
    String key = DispensationRequests.idempotencyKey(idempotencyKey);
    StoredAnswer answer =
        service.dispense(
            checked,
            key,
            request,
            acting.account(),
            acting.authMode(),
            ProblemResponses.instance(uriInfo));
    Response.ResponseBuilder response =
        Response.status(answer.status()).type(answer.mediaType()).entity(answer.body());
    if (answer.status() == 201 || answer.status() == 503) {
      // 503: NOT_RECORDED or IN_DOUBT, the dispensation exists and can be followed there
      response.location(location(uriInfo, answer));
    }
    return response.build();
  }

  static URI location(UriInfo uriInfo, StoredAnswer answer) {
    return uriInfo
        .getBaseUriBuilder()
        .path("dispensations")
        .path(answer.dispensationId().toString())
        .build();
  }
}
