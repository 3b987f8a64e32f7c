package fr.officine.segur.prescription;

import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.problem.ProblemException;
import jakarta.xml.ws.WebServiceException;
import jakarta.xml.ws.soap.SOAPFaultException;
import java.util.Map;

/**
 * The base's fault codes (EP_*, a closed list of the stand-in WSDL) and transport failures, as
 * problems of the catalogue. The rule for transport failures: whenever the base's answer is unknown
 * (timeout, connection refused, HTTP 5xx, a server-side SOAP fault), the problem is
 * EPRESCRIPTION_UNAVAILABLE, because the execution may have been recorded and must be resent with
 * the same id, never assumed refused.
 */
final class FaultMapping {
  private static final Map<String, ProblemType> BY_CODE =
      Map.ofEntries(
          Map.entry("EP_NUMERO_INCONNU", ProblemType.PRESCRIPTION_NOT_FOUND),
          Map.entry("EP_NUMERO_INVALIDE", ProblemType.INVALID_IDENTIFIER),
          Map.entry("EP_PRESCRIPTION_EXPIREE", ProblemType.PRESCRIPTION_EXPIRED),
          Map.entry("EP_PRESCRIPTION_CLOTUREE", ProblemType.PRESCRIPTION_CLOSED),
          Map.entry("EP_QUANTITE_EXCESSIVE", ProblemType.OVER_DELIVERY),
          Map.entry("EP_SUBSTITUTION_INTERDITE", ProblemType.SUBSTITUTION_FORBIDDEN),
          Map.entry("EP_LIGNE_INCONNUE", ProblemType.UNKNOWN_LINE),
          Map.entry("EP_PRODUIT_INCONNU", ProblemType.UNKNOWN_PRODUCT_LINE),
          Map.entry("EP_EXECUTION_CONFLIT", ProblemType.EXECUTION_CONFLICT),
          Map.entry("EP_SERVICE_INDISPONIBLE", ProblemType.EPRESCRIPTION_UNAVAILABLE));

  private FaultMapping() {}

  /** A declared fault of the base: its code, its message, the line at fault if any. */
  static ProblemException fromFault(String code, String message, String lineId) {
    ProblemType type = BY_CODE.getOrDefault(code, ProblemType.EPRESCRIPTION_REFUSED);
    if (type == ProblemType.EPRESCRIPTION_UNAVAILABLE) {
      // the base itself says it did not take the request
      return new BaseNoAnswer(
          BaseNoAnswer.Reach.NOT_REACHED,
          ProblemType.EPRESCRIPTION_UNAVAILABLE.title(),
          blankToNull(lineId),
          null);
    }
    String detail =
        (message == null || message.isBlank())
            ? type.title()
            : "Base ordonnance numérique : " + message;
    if (type == ProblemType.EPRESCRIPTION_REFUSED) {
      // EP_REQUETE_INVALIDE, EP_CONTEXTE_INVALIDE or a code unknown to this version: a defect on
      // our side or a contract change, shown with the base's code so support can trace it
      detail = detail + " [" + code + "]";
    }
    return new ProblemException(type, detail, blankToNull(lineId), null);
  }

  /** Anything else the JAX-WS client threw. */
  static ProblemException fromTransport(WebServiceException e) {
    if (e instanceof SOAPFaultException sfe && isSenderFault(sfe)) {
      return new ProblemException(
          ProblemType.EPRESCRIPTION_REFUSED,
          "La base ordonnance numérique a refusé la requête : " + sfe.getFault().getFaultString(),
          null,
          e);
    }
    return new BaseNoAnswer(reach(e), ProblemType.EPRESCRIPTION_UNAVAILABLE.title(), e);
  }

  /**
   * Whether the request may have reached the base. Only failures that happen before the request is
   * written, or answers saying it was not handled, are NOT_REACHED; anything else may have been
   * processed (a read time-out, a cut connection, a 500/502/504 from a front), so MAYBE_REACHED.
   */
  static BaseNoAnswer.Reach reach(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof java.net.ConnectException
          || t instanceof java.net.UnknownHostException
          || t instanceof java.net.NoRouteToHostException
          || t instanceof javax.net.ssl.SSLHandshakeException) {
        return BaseNoAnswer.Reach.NOT_REACHED;
      }
      if (t instanceof java.net.SocketTimeoutException
          && t.getMessage() != null
          && t.getMessage().toLowerCase(java.util.Locale.ROOT).contains("connect")) {
        return BaseNoAnswer.Reach.NOT_REACHED; // "Connect timed out": nothing was written
      }
      if (t instanceof com.sun.xml.ws.client.ClientTransportException cte
          && "http.status.code".equals(cte.getKey())
          && cte.getArguments().length > 0
          && cte.getArguments()[0] instanceof Integer status) {
        // 503/429: not handled (RFC 9110 §15.6.4, RFC 6585 §4); another 4xx: refused before the
        // service (no SOAP answer). 500, 502, 504: a front or the service may have processed it.
        return status == 503 || (status >= 400 && status < 500)
            ? BaseNoAnswer.Reach.NOT_REACHED
            : BaseNoAnswer.Reach.MAYBE_REACHED;
      }
    }
    return BaseNoAnswer.Reach.MAYBE_REACHED;
  }

  /** SOAP 1.2 "Sender" (1.1 "Client"): the request itself was refused, resending will not help. */
  private static boolean isSenderFault(SOAPFaultException e) {
    if (e.getFault() == null || e.getFault().getFaultCodeAsQName() == null) {
      return false;
    }
    String local = e.getFault().getFaultCodeAsQName().getLocalPart();
    return "Sender".equals(local) || "Client".equals(local);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
