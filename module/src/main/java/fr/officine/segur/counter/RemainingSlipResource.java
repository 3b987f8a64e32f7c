package fr.officine.segur.counter;

import fr.officine.segur.api.prescription.PrescriptionView;
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
import java.time.OffsetDateTime;

/**
 * {@code GET /api/v1/prescriptions/{number}/remaining-slip.pdf}: the patient's "reste à délivrer"
 * with the prescription's QR code, from what the base says remains now.
 */
@Path("prescriptions/{number}/remaining-slip.pdf")
@RequestScoped
public class RemainingSlipResource {
  private CounterScreen screen;
  private CounterPapers papers;
  private ActingProfessional acting;

  protected RemainingSlipResource() {}

  @Inject
  public RemainingSlipResource(
      CounterScreen screen, CounterPapers papers, ActingProfessional acting) {
    this.screen = screen;
    this.papers = papers;
    this.acting = acting;
  }

  @Performs(Action.PRESCRIPTION_CONSULT)
  @GET
  @Produces("application/pdf")
  public Response pdf(@PathParam("number") String number) {
    PrescriptionView view = screen.consult(number);
    byte[] pdf = papers.remainingSlip(acting.pharmacy(), view, OffsetDateTime.now());
    return Response.ok(pdf, "application/pdf")
        .header(
            "Content-Disposition",
            "inline; filename=\"reste-a-delivrer-" + view.number() + ".pdf\"")
        .header("Cache-Control", "no-store")
        .build();
  }
}
