package fr.officine.segur.sandbox.eprescription;

import com.sun.net.httpserver.HttpExchange;
import com.sun.xml.ws.developer.JAXWSProperties;
import fr.officine.segur.sandbox.eprescription.soap.ConsulterEPrescription;
import fr.officine.segur.sandbox.eprescription.soap.ConsulterEPrescriptionReponse;
import fr.officine.segur.sandbox.eprescription.soap.ContexteLPS;
import fr.officine.segur.sandbox.eprescription.soap.CreerEPrescription;
import fr.officine.segur.sandbox.eprescription.soap.CreerEPrescriptionReponse;
import fr.officine.segur.sandbox.eprescription.soap.EPrescriptionPort;
import fr.officine.segur.sandbox.eprescription.soap.ErreurEPrescription;
import fr.officine.segur.sandbox.eprescription.soap.ErreurEPrescription_Exception;
import fr.officine.segur.sandbox.eprescription.soap.RechercherEPrescriptions;
import fr.officine.segur.sandbox.eprescription.soap.RechercherEPrescriptionsReponse;
import fr.officine.segur.sandbox.eprescription.soap.StatutPrescription;
import fr.officine.segur.sandbox.eprescription.soap.TransmettreExecutionEPrescription;
import fr.officine.segur.sandbox.eprescription.soap.TransmettreExecutionEPrescriptionReponse;
import fr.officine.segur.sandbox.faults.FaultMode;
import fr.officine.segur.sandbox.faults.FaultModes;
import fr.officine.segur.sandbox.faults.SandboxService;
import fr.officine.segur.sandbox.ids.Luhn;
import jakarta.annotation.Resource;
import jakarta.jws.WebService;
import jakarta.xml.ws.BindingType;
import jakarta.xml.ws.WebServiceContext;
import jakarta.xml.ws.soap.SOAPBinding;
import java.time.LocalDate;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The SOAP face of the sandbox e-prescription base, WSDL-first: it implements the SEI generated
 * from the same WSDL as the module's client.
 */
@WebService(
    endpointInterface = "fr.officine.segur.sandbox.eprescription.soap.EPrescriptionPort",
    wsdlLocation = "/wsdl/eprescription.wsdl",
    serviceName = "EPrescriptionService",
    portName = "EPrescriptionPort",
    targetNamespace = "urn:officine-segur:stand-in:eprescription:v1")
@BindingType(SOAPBinding.SOAP12HTTP_BINDING)
public class EPrescriptionEndpoint implements EPrescriptionPort {
  private static final System.Logger LOG = System.getLogger(EPrescriptionEndpoint.class.getName());

  private final PrescriptionBase base;
  private final FaultModes faults;

  /** Injected by Metro per call: gives the HTTP exchange, to cut it in mode lost-answer. */
  @Resource private WebServiceContext context;

  private final SoapMapping mapping;

  public EPrescriptionEndpoint(PrescriptionBase base, FaultModes faults) {
    this.base = base;
    this.faults = faults;
    this.mapping = new SoapMapping(base.clock().getZone());
  }

  @Override
  public ConsulterEPrescriptionReponse consulterEPrescription(
      ConsulterEPrescription parameters, ContexteLPS contexte)
      throws ErreurEPrescription_Exception {
    return guarded(
        contexte,
        pharmacy -> {
          Prescription p = base.consult(parameters.getNumero());
          ConsulterEPrescriptionReponse out = new ConsulterEPrescriptionReponse();
          out.setPrescription(mapping.prescription(p, base.today()));
          return out;
        });
  }

  @Override
  public RechercherEPrescriptionsReponse rechercherEPrescriptions(
      RechercherEPrescriptions parameters, ContexteLPS contexte)
      throws ErreurEPrescription_Exception {
    return guarded(
        contexte,
        pharmacy -> {
          SearchCriteria criteria =
              new SearchCriteria(
                  blankToEmpty(parameters.getIns()),
                  blankToEmpty(parameters.getRppsPrescripteur()),
                  Optional.ofNullable(parameters.getDepuis()).map(mapping::date),
                  parameters.getStatut().stream()
                      .filter(s -> s != null)
                      .map(s -> PrescriptionStatus.valueOf(s.value()))
                      .collect(Collectors.toSet()));
          LocalDate today = base.today();
          RechercherEPrescriptionsReponse out = new RechercherEPrescriptionsReponse();
          for (Prescription p : base.search(criteria)) {
            var resume = new RechercherEPrescriptionsReponse.Resume();
            resume.setNumero(p.number());
            resume.setStatut(StatutPrescription.fromValue(p.status(today).name()));
            resume.setDatePrescription(mapping.xmlDate(p.prescribedOn()));
            resume.setRppsPrescripteur(p.prescriber().rpps());
            resume.setIns(p.patient().ins());
            out.getResume().add(resume);
          }
          return out;
        });
  }

  @Override
  public TransmettreExecutionEPrescriptionReponse transmettreExecutionEPrescription(
      TransmettreExecutionEPrescription parameters, ContexteLPS contexte)
      throws ErreurEPrescription_Exception {
    return guarded(
        contexte,
        pharmacy -> {
          ExecutionOutcome outcome = base.execute(mapping.executionRequest(parameters), pharmacy);
          return mapping.executionResponse(outcome, base.today());
        });
  }

  @Override
  public CreerEPrescriptionReponse creerEPrescription(
      CreerEPrescription parameters, ContexteLPS contexte) throws ErreurEPrescription_Exception {
    return guarded(
        contexte,
        pharmacy -> {
          NewPrescription p =
              new NewPrescription(
                  parameters.getRppsPrescripteur(),
                  parameters.getIns(),
                  parameters.getDatePrescription() == null
                      ? null
                      : mapping.date(parameters.getDatePrescription()),
                  parameters.getLigne().stream()
                      .map(
                          l ->
                              new NewPrescription.NewLine(
                                  l.getProduit() == null ? null : mapping.product(l.getProduit()),
                                  l.getPosologie(),
                                  l.getQuantite(),
                                  l.getRenouvellements(),
                                  l.isSubstituable(),
                                  l.isStupefiant(),
                                  l.getDureeTraitementJours(),
                                  l.getFractionnementJours()))
                      .toList());
          CreerEPrescriptionReponse out = new CreerEPrescriptionReponse();
          out.setNumero(base.create(p));
          return out;
        });
  }

  @FunctionalInterface
  private interface Operation<T> {
    T run(Pharmacy pharmacy);
  }

  /** The checks every operation starts with, and the translation of refusals into the fault. */
  private <T> T guarded(ContexteLPS contexte, Operation<T> operation)
      throws ErreurEPrescription_Exception {
    try {
      if (faults.of(SandboxService.EPRESCRIPTION).mode() == FaultMode.Mode.ERROR) {
        throw new EpException(EpError.EP_SERVICE_INDISPONIBLE);
      }
      T answer = operation.run(pharmacy(contexte));
      if (faults.of(SandboxService.EPRESCRIPTION).mode() == FaultMode.Mode.LOST_ANSWER) {
        loseTheAnswer();
      }
      return answer;
    } catch (EpException e) {
      ErreurEPrescription info = new ErreurEPrescription();
      info.setCode(e.error().name());
      info.setMessage(e.getMessage());
      e.lineId().ifPresent(info::setIdLigne);
      LOG.log(System.Logger.Level.DEBUG, "fault {0}: {1}", e.error(), e.getMessage());
      throw new ErreurEPrescription_Exception(e.getMessage(), info);
    }
  }

  /**
   * Mode lost-answer: the work is done (committed), then the connection is cut before the answer is
   * started, as a network failure after the request would. Metro's attempt to write the answer then
   * fails on the closed exchange (logged by Metro, as expected).
   */
  private void loseTheAnswer() {
    if (context != null
        && context.getMessageContext().get(JAXWSProperties.HTTP_EXCHANGE)
            instanceof HttpExchange exchange) {
      LOG.log(System.Logger.Level.INFO, "lost-answer: the work is done, the connection is cut");
      exchange.close();
    }
    throw new IllegalStateException("sandbox fault mode lost-answer: answer not sent");
  }

  /** ContexteLPS is mandatory: the base records which structure (FINESS) acted, and who. */
  private static Pharmacy pharmacy(ContexteLPS c) {
    if (c == null) {
      throw new EpException(EpError.EP_CONTEXTE_INVALIDE, "En-tête ContexteLPS absent.");
    }
    if (!Luhn.isValidFiness(c.getFiness())) {
      throw new EpException(
          EpError.EP_CONTEXTE_INVALIDE,
          "FINESS de la structure invalide (9 chiffres, clé de Luhn) : " + c.getFiness());
    }
    if (c.getNomStructure() == null || c.getNomStructure().isBlank()) {
      throw new EpException(EpError.EP_CONTEXTE_INVALIDE, "Nom de la structure absent.");
    }
    String rpps = c.getRppsPS() == null || c.getRppsPS().isBlank() ? null : c.getRppsPS();
    if (rpps != null && !Luhn.isValidRpps(rpps)) {
      throw new EpException(
          EpError.EP_CONTEXTE_INVALIDE,
          "RPPS du professionnel invalide (11 chiffres, clé de Luhn).");
    }
    return new Pharmacy(c.getFiness(), c.getNomStructure().strip(), rpps, c.getNomPS());
  }

  private static Optional<String> blankToEmpty(String s) {
    return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.strip());
  }
}
