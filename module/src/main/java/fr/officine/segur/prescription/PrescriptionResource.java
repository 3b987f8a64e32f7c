package fr.officine.segur.prescription;

import fr.officine.segur.api.id.InvalidIdentifierException;
import fr.officine.segur.api.id.PrescriptionNumber;
import fr.officine.segur.api.prescription.PrescriptionView;
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

/** {@code GET /api/v1/prescriptions/{number}}: the prescription as the base has it now. */
@Path("prescriptions")
@RequestScoped
public class PrescriptionResource {
  private EPrescriptionBase base;
  private ActingProfessional acting;

  protected PrescriptionResource() {}

  @Inject
  public PrescriptionResource(EPrescriptionBase base, ActingProfessional acting) {
    this.base = base;
    this.acting = acting;
  }

  @GET
  @Path("{number}")
  @Produces(MediaType.APPLICATION_JSON)
  public PrescriptionView consult(@PathParam("number") String number) {
    PrescriptionNumber checked = number(number);
    Prescription prescription = base.consult(checked, caller(acting));
    return PrescriptionViews.view(prescription, acting.pharmacy().finess());
  }

  /** A malformed number is refused here, before any call to the base. */
  public static PrescriptionNumber number(String text) {
    try {
      return PrescriptionNumber.of(text);
    } catch (InvalidIdentifierException e) {
      throw new ProblemException(ProblemType.INVALID_IDENTIFIER, e.getMessage(), null, e);
    }
  }

  public static CallerContext caller(ActingProfessional acting) {
    return new CallerContext(
        acting.pharmacy().finess(), acting.pharmacy().name(), acting.rpps(), acting.displayName());
  }
}
