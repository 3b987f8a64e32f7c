package fr.officine.segur.counter;

import fr.officine.segur.api.prescription.PrescriptionView;
import fr.officine.segur.http.EntityTagged;
import fr.officine.segur.trust.Action;
import fr.officine.segur.trust.Performs;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/v1/prescriptions/{number}}: the prescription as the base has it now. */
@Path("prescriptions")
@RequestScoped
public class PrescriptionResource {
  private CounterScreen screen;

  protected PrescriptionResource() {}

  @Inject
  public PrescriptionResource(CounterScreen screen) {
    this.screen = screen;
  }

  /** See {@link CounterScreen#consult}: the screen the counter shows. */
  @GET
  @Path("{number}")
  @Performs(Action.PRESCRIPTION_CONSULT)
  @EntityTagged
  @Produces(MediaType.APPLICATION_JSON)
  public PrescriptionView consult(@PathParam("number") String number) {
    return screen.consult(number);
  }
}
