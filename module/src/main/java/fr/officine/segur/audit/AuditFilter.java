package fr.officine.segur.audit;

import fr.officine.segur.api.id.InvalidIdentifierException;
import fr.officine.segur.api.id.PrescriptionNumber;
import fr.officine.segur.api.problem.Problem;
import fr.officine.segur.api.session.CpsSessionView;
import fr.officine.segur.api.session.SessionView;
import fr.officine.segur.trust.Account;
import fr.officine.segur.trust.ActingProfessional;
import fr.officine.segur.trust.Action;
import fr.officine.segur.trust.Authorizer;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;
import java.io.StringReader;
import java.lang.reflect.Method;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Appends one audit record for every call of a method that {@link fr.officine.segur.trust.Performs
 * performs} an action, once the answer is known: also when the call was refused (401, 403: the
 * request filters that abort still pass through here) or failed (the exception mappers have turned
 * it into a problem by then). The record is its own transaction, so a call whose work rolled back
 * is audited all the same.
 *
 * <p>If the audit cannot be written (database gone), the answer is still sent: the work is done by
 * then and hiding it from the pharmacist would be worse; the failure is logged as SEVERE, without
 * the patient.
 */
@Provider
@Priority(Priorities.AUTHENTICATION - 100)
@ApplicationScoped
public class AuditFilter implements ContainerRequestFilter, ContainerResponseFilter {
  private static final Logger LOG = Logger.getLogger(AuditFilter.class.getName());
  private static final String STARTED = AuditFilter.class.getName() + ".started";
  static final int USER_AGENT_MAX = 200;

  private AuditLog log;
  private ActingProfessional acting;
  private AuditContext context;
  private Clock clock;

  @Context private ResourceInfo resourceInfo;
  @Context private HttpServletRequest servletRequest;

  protected AuditFilter() {}

  @Inject
  public AuditFilter(AuditLog log, ActingProfessional acting, AuditContext context) {
    this.log = log;
    this.acting = acting;
    this.context = context;
    this.clock = Clock.systemUTC();
  }

  /** Runs before authentication: "when" is when the call arrived, even if refused at once. */
  @Override
  public void filter(ContainerRequestContext request) {
    request.setProperty(STARTED, clock.instant());
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    Method method = resourceInfo.getResourceMethod();
    Optional<Action> action = method == null ? Optional.empty() : Authorizer.action(method);
    if (action.isEmpty()) {
      return;
    }
    try {
      log.append(record(action.get(), request, response));
    } catch (RuntimeException e) {
      LOG.log(
          Level.SEVERE,
          "Audit record NOT written for " + action.get() + " answered " + response.getStatus(),
          e);
    }
  }

  private AuditRecord record(
      Action action, ContainerRequestContext request, ContainerResponseContext response) {
    Object started = request.getProperty(STARTED);
    Instant at = started instanceof Instant i ? i : clock.instant();

    String login = null;
    String rpps = null;
    String role = null;
    String finess = null;
    if (acting.isAuthenticated()) {
      Account a = acting.account();
      login = a.login();
      rpps = a.rpps().orElse(null);
      role = a.role().name();
      finess = a.pharmacy().finess();
    } else if (opened(response.getEntity()).isPresent()) {
      // a session just opened (password or CPS card): who is in the answer
      SessionView opened = opened(response.getEntity()).get();
      login = opened.professional().login();
      rpps = opened.professional().rpps();
      role = opened.professional().role();
      finess = opened.pharmacy() == null ? null : opened.pharmacy().finess();
    } else {
      login = acting.attemptedLogin().map(l -> truncate(l.strip(), 64)).orElse(null);
    }

    MultivaluedMap<String, String> path = request.getUriInfo().getPathParameters();
    String target = null;
    String prescription = context.prescriptionNumber().orElse(null);
    String number = path.getFirst("number");
    if (number != null) {
      target = truncate(number, 100);
      prescription = prescriptionNumber(number).orElse(prescription);
    }
    String id = path.getFirst("id");
    if (id != null) {
      target = truncate(id, 100);
      if (prescription == null && finess != null && id.length() <= 40) {
        // only the caller's own dispensation names its prescription here: another pharmacy's is a
        // 404 for the caller, and its record must hold nothing of that pharmacy (issue 11 §16)
        prescription = log.prescriptionOfDispensation(id, finess).orElse(null);
      }
    }
    String ins = context.insMatricule().orElse(null);
    if (ins == null) {
      String insParameter = path.getFirst("ins");
      if (insParameter == null) {
        insParameter = request.getUriInfo().getQueryParameters().getFirst("ins");
      }
      ins = AuditContext.matricule(insParameter).orElse(null);
    }
    if (target == null && prescription != null) {
      target = prescription;
    }

    return new AuditRecord(
        0,
        at,
        login,
        rpps,
        role,
        finess,
        action.name(),
        target,
        prescription,
        ins,
        clientIp(),
        userAgent(request.getHeaderString(HttpHeaders.USER_AGENT)),
        response.getStatus(),
        problemCode(response).orElse(null));
  }

  private static Optional<SessionView> opened(Object entity) {
    if (entity instanceof SessionView v && v.professional() != null) {
      return Optional.of(v);
    }
    if (entity instanceof CpsSessionView v && v.professional() != null) {
      return Optional.of(new SessionView(null, v.expiresAt(), v.professional(), v.pharmacy()));
    }
    return Optional.empty();
  }

  private String clientIp() {
    try {
      return truncate(servletRequest.getRemoteAddr(), 45);
    } catch (RuntimeException e) {
      // outside a servlet request (never in Payara): the record is still worth writing
      return null;
    }
  }

  static Optional<String> prescriptionNumber(String text) {
    try {
      return Optional.of(PrescriptionNumber.of(text).value());
    } catch (InvalidIdentifierException e) {
      return Optional.empty();
    }
  }

  /** The catalogue code of a problem answer: a Problem entity, or a stored problem+json body. */
  static Optional<String> problemCode(ContainerResponseContext response) {
    Object entity = response.getEntity();
    if (entity instanceof Problem p) {
      return Optional.ofNullable(p.code());
    }
    if (entity instanceof String body
        && response.getStatus() >= 400
        && response.getMediaType() != null
        && response.getMediaType().toString().startsWith(Problem.MEDIA_TYPE)) {
      try (JsonReader reader = Json.createReader(new StringReader(body))) {
        JsonObject problem = reader.readObject();
        return Optional.ofNullable(problem.getString("code", null));
      } catch (JsonException | ClassCastException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /**
   * Printable ASCII only, at most {@value #USER_AGENT_MAX} characters: a header is client input.
   */
  static String userAgent(String header) {
    if (header == null) {
      return null;
    }
    StringBuilder b = new StringBuilder(Math.min(header.length(), USER_AGENT_MAX));
    for (int i = 0; i < header.length() && b.length() < USER_AGENT_MAX; i++) {
      char c = header.charAt(i);
      b.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return b.toString();
  }

  static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
