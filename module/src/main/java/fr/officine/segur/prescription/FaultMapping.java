package fr.officine.segur.prescription;

import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.problem.ProblemException;
import jakarta.xml.ws.WebServiceException;
import jakarta.xml.ws.soap.SOAPFaultException;
import java.util.Map;

/**
 * The base's fault codes (EP_*, a closed list of the stand-in WSDL) and transport failures, as
 * problems of the catalogue. The rule for transport failures: whenever the base's answer is
 * unknown (timeout, connection refused, HTTP 5xx, a server-side SOAP fault), the problem is
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
    return new ProblemException(
        ProblemType.EPRESCRIPTION_UNAVAILABLE, ProblemType.EPRESCRIPTION_UNAVAILABLE.title(), null, e);
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
