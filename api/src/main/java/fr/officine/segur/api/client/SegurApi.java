package fr.officine.segur.api.client;

import fr.officine.segur.api.audit.AccessView;
import fr.officine.segur.api.audit.AuditVerificationView;
import fr.officine.segur.api.dispensation.DispensationRequest;
import fr.officine.segur.api.dispensation.DispensationView;
import fr.officine.segur.api.dispensation.SettlementRequest;
import fr.officine.segur.api.dispensation.UnknownProductDeliveryView;
import fr.officine.segur.api.event.EventPage;
import fr.officine.segur.api.identity.InsiLookupRequest;
import fr.officine.segur.api.identity.InsiLookupView;
import fr.officine.segur.api.identity.PatientIdentityView;
import fr.officine.segur.api.identity.QualificationRequest;
import fr.officine.segur.api.outbox.OutboxView;
import fr.officine.segur.api.prescription.PrescriptionView;
import fr.officine.segur.api.product.ProductView;
import fr.officine.segur.api.product.SubstitutesView;
import fr.officine.segur.api.reconciliation.ReconciliationsView;
import fr.officine.segur.api.reconciliation.ResolutionRequest;
import fr.officine.segur.api.scan.ScanResult;
import fr.officine.segur.api.session.SessionRequest;
import fr.officine.segur.api.session.SessionView;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The module's REST API for an LGO written in Java (DESIGN.md ▣ REST contract), as a MicroProfile
 * Rest Client: {@code RestClientBuilder.newBuilder().baseUri(module).build(SegurApi.class)}, or
 * injected with {@code @RestClient} and {@code officine-segur/mp-rest/url}. Method names are the
 * OpenAPI document's operationIds. {@code authorization} is {@code "Bearer " + token} of {@link
 * #openSession}. Every error answer is thrown as a {@link ProblemResponseException}.
 */
@Path("/api/v1")
@RegisterRestClient(configKey = "officine-segur")
@RegisterProvider(ProblemExceptionMapper.class)
@Produces(MediaType.APPLICATION_JSON)
public interface SegurApi {
  String IDEMPOTENCY_KEY = "Idempotency-Key";

  @POST
  @Path("sessions")
  @Consumes(MediaType.APPLICATION_JSON)
  SessionView openSession(SessionRequest request);

  @GET
  @Path("sessions/current")
  SessionView getCurrentSession(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);

  @DELETE
  @Path("sessions/current")
  void closeSession(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);

  /** What the douchette typed (or the number typed by hand). */
  @POST
  @Path("scans")
  @Consumes(MediaType.TEXT_PLAIN)
  ScanResult scanText(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, String typed);

  @POST
  @Path("scans")
  @Consumes("image/png")
  ScanResult scanPng(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] picture);

  @POST
  @Path("scans")
  @Consumes("image/jpeg")
  ScanResult scanJpeg(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] picture);

  @GET
  @Path("prescriptions/{number}")
  PrescriptionView consultPrescription(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @PathParam("number") String number);

  /** The same {@code idempotencyKey} again answers the first answer: nothing is recorded twice. */
  @POST
  @Path("prescriptions/{number}/dispensations")
  @Consumes(MediaType.APPLICATION_JSON)
  DispensationView recordDispensation(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @PathParam("number") String number,
      @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey,
      DispensationRequest request);

  @GET
  @Path("dispensations/{id}")
  DispensationView getDispensation(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id);

  @GET
  @Path("dispensations")
  List<DispensationView> listDispensationsByStatus(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @QueryParam("status") String status);

  @POST
  @Path("dispensations/{id}/settlement")
  @Consumes(MediaType.APPLICATION_JSON)
  DispensationView settleDispensation(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @PathParam("id") String id,
      SettlementRequest request);

  @GET
  @Path("dispensations/{id}/document.pdf")
  @Produces("application/pdf")
  byte[] getDispensationPdf(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id);

  @GET
  @Path("dispensations/{id}/document.xml")
  @Produces("text/xml")
  String getDispensationCda(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id);

  @GET
  @Path("reconciliations")
  ReconciliationsView listReconciliations(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @QueryParam("state") String state);

  @POST
  @Path("reconciliations/{id}/resolution")
  @Consumes(MediaType.APPLICATION_JSON)
  UnknownProductDeliveryView resolveReconciliation(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @PathParam("id") String id,
      ResolutionRequest request);

  @POST
  @Path("identity/insi")
  @Consumes(MediaType.APPLICATION_JSON)
  InsiLookupView lookUpInsi(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, InsiLookupRequest request);

  @POST
  @Path("identity/qualifications")
  @Consumes(MediaType.APPLICATION_JSON)
  PatientIdentityView qualifyIdentity(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, QualificationRequest request);

  @GET
  @Path("identity/patients/{ins}")
  PatientIdentityView getPatientIdentity(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("ins") String ins);

  @GET
  @Path("audit")
  List<AccessView> listPatientAccesses(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @QueryParam("ins") String ins,
      @QueryParam("limit") Integer limit);

  @GET
  @Path("audit/verification")
  AuditVerificationView verifyAuditChain(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);

  @GET
  @Path("products")
  List<ProductView> searchProducts(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @QueryParam("q") String q);

  @GET
  @Path("products/{cip13}/substitutes")
  SubstitutesView listSubstitutes(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @PathParam("cip13") String cip13);

  @GET
  @Path("outbox")
  OutboxView getOutbox(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);

  /**
   * A page of the pharmacy's event feed: the events after {@code after} (an event id; null: from
   * the first), oldest first, at most {@code limit} (null: 100). Ask again after the last id until
   * a page is empty; {@code cursor} is the one of a {@code Link: <…>; rel="next"} header, for a
   * caller reading pages as {@link jakarta.ws.rs.core.Response}s (null otherwise).
   */
  @GET
  @Path("events")
  EventPage readEvents(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @QueryParam("after") Long after,
      @QueryParam("limit") Integer limit,
      @QueryParam("cursor") String cursor);

  /** {@code "Bearer " + token}, the value of {@code authorization} in every call. */
  static String bearer(SessionView session) {
    return "Bearer " + session.token();
  }
}
