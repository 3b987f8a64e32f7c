package fr.officine.segur.identity;

import fr.officine.segur.api.id.Ins;
import fr.officine.segur.api.identity.InsiLookupRequest;
import fr.officine.segur.api.identity.InsiLookupView;
import fr.officine.segur.api.identity.PatientIdentityView;
import fr.officine.segur.api.identity.QualificationRequest;
import fr.officine.segur.audit.AuditContext;
import fr.officine.segur.trust.ActingProfessional;
import fr.officine.segur.trust.Action;
import fr.officine.segur.trust.CallerContext;
import fr.officine.segur.trust.Performs;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The identity-qualification flow at the counter: {@code POST /identity/insi} (lookup by traits),
 * {@code POST /identity/qualifications} (document checked: qualify), {@code GET
 * /identity/patients/{ins}} (status).
 */
@Path("identity")
@RequestScoped
public class IdentityResource {
  private static final ZoneId FRANCE = ZoneId.of("Europe/Paris");

  private InsiLookup lookup;
  private PatientIdentities identities;
  private ActingProfessional acting;
  private AuditContext audit;
  private Event<IdentityQualified> qualified;

  protected IdentityResource() {}

  @Inject
  public IdentityResource(
      InsiLookup lookup,
      PatientIdentities identities,
      ActingProfessional acting,
      AuditContext audit,
      Event<IdentityQualified> qualified) {
    this.qualified = qualified;
    this.lookup = lookup;
    this.identities = identities;
    this.acting = acting;
    this.audit = audit;
  }

  @POST
  @Path("insi")
  @Performs(Action.INSI_QUERY)
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public InsiLookupView insi(InsiLookupRequest request) {
    InsiQuery query = InsiQuery.of(request, LocalDate.now(FRANCE));
    InsiLookup.Outcome outcome = lookup.lookup(query, CallerContext.of(acting));
    outcome.answer().identity().ifPresent(i -> identities.recordRetrieved(i, acting.account()));
    return audit.patient(IdentityViews.lookup(outcome));
  }

  @POST
  @Path("qualifications")
  @Performs(Action.IDENTITY_QUALIFY)
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public PatientIdentityView qualify(QualificationRequest request) {
    audit.patient(request == null ? null : request.ins());
    PatientIdentityView view = identities.qualify(request, acting.account());
    // after the commit: the DMP sends of this pharmacy waiting for this qualification leave now
    qualified.fire(
        new IdentityQualified(
            Ins.fromInsi(view.ins().matricule(), view.ins().key(), view.ins().oid()),
            acting.pharmacy().finess()));
    return view;
  }

  @GET
  @Path("patients/{ins}")
  @Performs(Action.IDENTITY_READ)
  @Produces(MediaType.APPLICATION_JSON)
  public PatientIdentityView patient(@PathParam("ins") String ins) {
    return identities.view(ins, acting.pharmacy().finess());
  }
}
