package fr.officine.segur.counter;

import fr.officine.segur.api.dispensation.DispensationView;
import fr.officine.segur.dispensation.DispensationQueryResource;
import fr.officine.segur.trust.ActingProfessional;
import fr.officine.segur.trust.Action;
import fr.officine.segur.trust.Performs;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /api/v1/dispensations/{id}/delivery-detail.pdf}: the delivery detail for the back of
 * the paper prescription. Only the acting pharmacy's own dispensations (the query resource checks);
 * product labels are read from the base, as on the screen.
 */
@Path("dispensations/{id}/delivery-detail.pdf")
@RequestScoped
public class DeliveryDetailResource {
  private DispensationQueryResource dispensations;
  private CounterScreen screen;
  private CounterPapers papers;
  private ActingProfessional acting;

  protected DeliveryDetailResource() {}

  @Inject
  public DeliveryDetailResource(
      DispensationQueryResource dispensations,
      CounterScreen screen,
      CounterPapers papers,
      ActingProfessional acting) {
    this.dispensations = dispensations;
    this.screen = screen;
    this.papers = papers;
    this.acting = acting;
  }

  @Performs(Action.DOCUMENT_READ)
  @GET
  @Produces("application/pdf")
  public Response pdf(@PathParam("id") String id) {
    DispensationView d = dispensations.get(id);
    byte[] pdf =
        papers.deliveryDetail(acting.pharmacy(), d, screen.consult(d.prescriptionNumber()));
    return Response.ok(pdf, "application/pdf")
        .header("Content-Disposition", "inline; filename=\"detail-delivrance-" + id + ".pdf\"")
        .header("Cache-Control", "no-store")
        .build();
  }
}
