package fr.officine.segur.audit;

import fr.officine.segur.api.audit.AccessView;
import fr.officine.segur.api.audit.AuditVerificationView;
import fr.officine.segur.api.id.IdentifierKind;
import fr.officine.segur.api.id.InvalidIdentifierException;
import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.audit.AuditChain.Verification;
import fr.officine.segur.http.EntityTagged;
import fr.officine.segur.http.PageRequest;
import fr.officine.segur.problem.ProblemException;
import fr.officine.segur.trust.ActingProfessional;
import fr.officine.segur.trust.Action;
import fr.officine.segur.trust.Performs;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.time.ZoneOffset;
import java.util.List;

/**
 * {@code /api/v1/audit} (DESIGN.md ▣): the accesses to one patient's data, and the check of the
 * hash chain. Pharmacists only (habilitation matrix). A pharmacy sees its own log: another pharmacy
 * served by the same instance is another controller of its patients' data.
 */
@Path("audit")
@RequestScoped
public class AuditResource {
  static final int DEFAULT_LIMIT = 200;
  static final int MAX_LIMIT = 1000;

  private AuditLog log;
  private ActingProfessional acting;

  protected AuditResource() {}

  @Inject
  public AuditResource(AuditLog log, ActingProfessional acting) {
    this.log = log;
    this.acting = acting;
  }

  /**
   * The accesses to one patient's data, newest first, a page at a time: {@code limit} (200 by
   * default, 1000 at most) and the {@code cursor} of the previous page's {@code Link rel="next"}.
   */
  @GET
  @Performs(Action.AUDIT_READ)
  @EntityTagged
  @Produces(MediaType.APPLICATION_JSON)
  public List<AccessView> accesses(
      @QueryParam("ins") String ins,
      @QueryParam("limit") String limit,
      @QueryParam(PageRequest.CURSOR) String cursor,
      @Context ContainerRequestContext request) {
    if (ins == null || ins.isBlank()) {
      throw new ProblemException(
          ProblemType.MALFORMED_REQUEST,
          "Paramètre ins obligatoire : l'INS du patient (15 caractères).");
    }
    String matricule =
        AuditContext.matricule(ins)
            .orElseThrow(
                () ->
                    new InvalidIdentifierException(
                        IdentifierKind.INS, "INS invalide : 13 caractères, ou 15 avec la clé."));
    PageRequest page = PageRequest.of("audit", limit, cursor, DEFAULT_LIMIT, MAX_LIMIT);
    long before = page.position(Long::parseLong).orElse(Long.MAX_VALUE);
    return page
        .page(
            log.accessesToPatient(acting.pharmacy().finess(), matricule, before, page.fetch()),
            r -> Long.toString(r.seq()),
            request)
        .stream()
        .map(AuditResource::view)
        .toList();
  }

  @GET
  @Path("verification")
  @Performs(Action.AUDIT_VERIFY)
  @Produces(MediaType.APPLICATION_JSON)
  public AuditVerificationView verification() {
    // The chain is the instance's (one chain for every pharmacy): valid / first broken record are
    // about it all, since a break anywhere makes every later record unprovable; the count is this
    // pharmacy's own records, so that no pharmacy reads another's activity (issue 11 §16).
    Verification v = log.verify(acting.pharmacy().finess());
    return new AuditVerificationView(v.valid(), v.records(), v.firstBrokenRecord());
  }

  static AccessView view(AuditRecord r) {
    return new AccessView(
        r.seq(),
        r.occurredAt().atOffset(ZoneOffset.UTC),
        r.login(),
        r.rpps(),
        r.role(),
        r.pharmacyFiness(),
        r.action(),
        label(r.action()),
        r.target(),
        r.prescriptionNumber(),
        r.clientIp(),
        r.httpStatus(),
        r.problemCode());
  }

  private static String label(String action) {
    try {
      return Action.valueOf(action).label();
    } catch (IllegalArgumentException e) {
      // an action of a newer version, read by an older one
      return action;
    }
  }
}
