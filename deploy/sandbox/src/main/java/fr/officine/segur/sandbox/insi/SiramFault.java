package fr.officine.segur.sandbox.insi;

import jakarta.xml.soap.Detail;
import jakarta.xml.soap.SOAPConstants;
import jakarta.xml.soap.SOAPElement;
import jakarta.xml.soap.SOAPException;
import jakarta.xml.soap.SOAPFactory;
import jakarta.xml.soap.SOAPFault;
import jakarta.xml.ws.soap.SOAPFaultException;
import java.util.Locale;
import java.util.Optional;
import javax.xml.namespace.QName;

/**
 * A refusal of the INSi service, as the real one writes it (padoa fixture
 * siram_100-desir_500-fake-idam): SOAP 1.2 Fault, Code Sender, Subcode {@code soap:siram_xxx} (sic:
 * in the SOAP envelope namespace), a French reason, and a Detail {@code <siram:Erreur
 * code="desir_xxx" severite="erreur" messageID="uuid:…">text</siram:Erreur>}.
 *
 * @param code the desir code in the Detail; empty = no Detail (an unavailability fault: the client
 *     must treat it as "try later", not as a refusal of its request)
 */
public record SiramFault(
    boolean sender, String subcode, String reason, Optional<String> code, String text) {
  private static final String SIRAM = "urn:siram";

  /** The IDAM (software authorisation number) is unknown: published codes. */
  public static SiramFault unknownIdam() {
    return new SiramFault(
        true,
        "siram_100",
        "L'accès par ce progiciel au service n'est pas autorisé. Contactez l'éditeur du progiciel ou"
            + " votre responsable informatique.",
        Optional.of("desir_550"),
        "Numéro d'autorisation du logiciel inconnu.");
  }

  /** The organisation certificate's CN is not INSI-AUTO / INSI-MANU (DESIR_560, published). */
  public static SiramFault wrongCertificate(String cn) {
    return new SiramFault(
        true,
        "siram_100",
        "L'accès par ce certificat au service n'est pas autorisé.",
        Optional.of("DESIR_560"),
        "Le CN du certificat (" + cn + ") doit être INSI-AUTO ou INSI-MANU.");
  }

  /**
   * A context header missing or malformed. The real code is NOT published: siram_10 and the code
   * SANDBOX_CONTEXTE_INVALIDE are the sandbox's (documented in the sandbox README).
   */
  public static SiramFault invalidContext(String text) {
    return new SiramFault(
        true,
        "siram_10",
        "La requête est mal formée.",
        Optional.of("SANDBOX_CONTEXTE_INVALIDE"),
        text);
  }

  /** A mandatory trait missing: sandbox code as above. */
  public static SiramFault invalidRequest(String text) {
    return new SiramFault(
        true,
        "siram_10",
        "La requête est mal formée.",
        Optional.of("SANDBOX_REQUETE_INVALIDE"),
        text);
  }

  /**
   * Fault mode "error": the service is up but its back end is not. siram_40 is what a third-party
   * script names "service amont indisponible"; Receiver and no siram:Erreur detail.
   */
  public static SiramFault unavailable() {
    return new SiramFault(
        false,
        "siram_40",
        "Le service est momentanément indisponible. Veuillez réessayer ultérieurement.",
        Optional.empty(),
        "");
  }

  public SOAPFaultException toException(String messageId) {
    try {
      SOAPFactory factory = SOAPFactory.newInstance(SOAPConstants.SOAP_1_2_PROTOCOL);
      SOAPFault fault = factory.createFault();
      fault.setFaultCode(
          sender ? SOAPConstants.SOAP_SENDER_FAULT : SOAPConstants.SOAP_RECEIVER_FAULT);
      fault.appendFaultSubcode(new QName(SOAPConstants.URI_NS_SOAP_1_2_ENVELOPE, subcode, "soap"));
      fault.addFaultReasonText(reason, Locale.FRENCH);
      if (code.isPresent()) {
        Detail detail = fault.addDetail();
        SOAPElement erreur = detail.addDetailEntry(new QName(SIRAM, "Erreur", "siram"));
        erreur.setAttribute("code", code.get());
        erreur.setAttribute("severite", "erreur");
        if (messageId != null && !messageId.isBlank()) {
          erreur.setAttribute("messageID", messageId);
        }
        erreur.addTextNode(text);
      }
      return new SOAPFaultException(fault);
    } catch (SOAPException e) {
      throw new IllegalStateException("cannot build the INSi fault", e);
    }
  }
}
