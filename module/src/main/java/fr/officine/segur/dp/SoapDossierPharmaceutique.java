package fr.officine.segur.dp;

import fr.officine.segur.api.id.Ins;
import fr.officine.segur.dp.soap.AlimenterDP;
import fr.officine.segur.dp.soap.AlimenterDPReponse;
import fr.officine.segur.dp.soap.ConsulterDP;
import fr.officine.segur.dp.soap.ConsulterDPReponse;
import fr.officine.segur.dp.soap.ContexteLPS;
import fr.officine.segur.dp.soap.DossierPharmaceutiquePort;
import fr.officine.segur.dp.soap.DossierPharmaceutiqueService;
import fr.officine.segur.dp.soap.ErreurDP;
import fr.officine.segur.dp.soap.ErreurDP_Exception;
import fr.officine.segur.dp.soap.IdentifiantPatient;
import fr.officine.segur.problem.ProblemException;
import fr.officine.segur.trust.CallerContext;
import fr.officine.segur.trust.tls.NationalServiceTls;
import fr.officine.segur.trust.tls.SoapPorts;
import fr.officine.segur.trust.tls.WarmsUp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.xml.ws.WebServiceException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.datatype.XMLGregorianCalendar;
import org.eclipse.microprofile.config.Config;

/**
 * The DP over SOAP 1.2 (JAX-WS, Metro in the WAR) with the stand-in contract. Each call goes out as
 * the caller's pharmacy (its certificate over https, see SoapPorts).
 */
@ApplicationScoped
public class SoapDossierPharmaceutique implements DossierPharmaceutique, WarmsUp {
  static final String SERVICE_UNAVAILABLE = "DP_SERVICE_INDISPONIBLE";

  private SoapPorts<DossierPharmaceutiqueService, DossierPharmaceutiquePort> ports;

  protected SoapDossierPharmaceutique() {}

  @Inject
  public SoapDossierPharmaceutique(Config config, NationalServiceTls tls) {
    this(DpSettings.from(config), tls);
  }

  SoapDossierPharmaceutique(DpSettings settings, NationalServiceTls tls) {
    this(settings.url(), settings.connectTimeout(), settings.readTimeout(), tls);
  }

  private SoapDossierPharmaceutique(
      String endpoint, Duration connectTimeout, Duration readTimeout, NationalServiceTls tls) {
    this.ports =
        new SoapPorts<>(
            DossierPharmaceutiqueService::new,
            DossierPharmaceutiqueService::getDossierPharmaceutiquePort,
            endpoint,
            connectTimeout,
            readTimeout,
            tls);
  }

  @Override
  public int warmUpRank() {
    return 2;
  }

  @Override
  public String serviceName() {
    return "Le DP";
  }

  @Override
  public void warmUp(String finess) throws java.io.IOException {
    ports.warmUp(finess);
  }

  @Override
  public Consultation consult(
      Ins ins, int months, List<String> envisagedCip13, CallerContext caller) {
    ConsulterDP request = new ConsulterDP();
    request.setPatient(patient(ins));
    request.setMoisHistorique(months);
    request.getCip13Envisage().addAll(envisagedCip13);
    ConsulterDPReponse answer;
    try {
      answer = call(caller, port -> port.consulterDP(request, context(caller)));
    } catch (ErreurDP_Exception e) {
      throw refusal(e);
    } catch (WebServiceException e) {
      throw unavailable(e, caller);
    }
    List<Delivered> history =
        answer.getDispensation().stream()
            .map(
                d ->
                    new Delivered(
                        d.getIdDispensation(),
                        d.getDate().toGregorianCalendar().toZonedDateTime().toOffsetDateTime(),
                        d.getPharmacie().getFiness(),
                        d.getPharmacie().getNom(),
                        d.getProduit().getCip13(),
                        d.getProduit().getLibelle(),
                        Optional.ofNullable(d.getProduit().getAtc()),
                        d.getQuantite(),
                        Optional.ofNullable(d.getLot())))
            .toList();
    Map<String, String> atc = new LinkedHashMap<>();
    answer.getReferenceProduit().stream()
        .filter(p -> p.getAtc() != null)
        .forEach(p -> atc.put(p.getCip13(), p.getAtc()));
    List<Alert> alerts =
        answer.getAlerte().stream()
            .map(
                a ->
                    new Alert(
                        a.getType().value(),
                        a.getProduit().getCip13(),
                        a.getProduit().getLibelle(),
                        Optional.ofNullable(a.getLot()),
                        date(a.getDepuis()),
                        a.getMessage()))
            .toList();
    return new Consultation(history, atc, alerts);
  }

  @Override
  public Recorded record(RecordRequest r, CallerContext caller) {
    AlimenterDP request = new AlimenterDP();
    request.setIdDispensation(r.dispensationId());
    request.setPatient(patient(r.ins()));
    request.setDocumentEdisp(r.edisp());
    r.forward().ifPresent(f -> request.setTransmissionDMP(forward(f)));
    AlimenterDPReponse answer;
    try {
      answer = call(caller, port -> port.alimenterDP(request, context(caller)));
    } catch (ErreurDP_Exception e) {
      throw refusal(e);
    } catch (WebServiceException e) {
      throw unavailable(e, caller);
    }
    return new Recorded(
        "DEJA_ENREGISTREE".equals(answer.getStatut()),
        answer.getLignesEnregistrees(),
        Optional.ofNullable(answer.getStatutDMP()));
  }

  private static AlimenterDP.TransmissionDMP forward(DmpForward f) {
    AlimenterDP.TransmissionDMP t = new AlimenterDP.TransmissionDMP();
    t.setUniqueId(f.uniqueId());
    t.setClassCode(f.classCode());
    t.setTypeCode(f.typeCode());
    t.setFormatCode(f.formatCode());
    t.setConfidentialityCode(f.confidentialityCode());
    t.setTitre(f.title());
    t.setDateCreation(f.creationTime());
    t.setAuteur(f.author());
    t.setRppsAuteur(f.authorRpps().orElse(null));
    return t;
  }

  /** DP_SERVICE_INDISPONIBLE is technical (retry); every other code is the DP's business answer. */
  private static RuntimeException refusal(ErreurDP_Exception e) {
    ErreurDP info = e.getFaultInfo();
    if (info == null || SERVICE_UNAVAILABLE.equals(info.getCode())) {
      return new DpUnavailable(info == null ? e.getMessage() : info.getMessage(), e);
    }
    return new DpRefused(info.getCode(), info.getMessage(), Optional.ofNullable(info.getCip13()));
  }

  private static IdentifiantPatient patient(Ins ins) {
    IdentifiantPatient p = new IdentifiantPatient();
    p.setIns(ins.number());
    p.setOidIns(ins.oid());
    return p;
  }

  static ContexteLPS context(CallerContext caller) {
    ContexteLPS c = new ContexteLPS();
    c.setIdLogiciel("officine-segur");
    c.setNomLogiciel("officine-segur module");
    c.setVersionLogiciel("0.1.0");
    c.setInstance("officine-segur-module");
    c.setFiness(caller.pharmacyFiness());
    c.setNomStructure(caller.pharmacyName());
    caller.rpps().ifPresent(c::setRppsPS);
    c.setNomPS(caller.professionalName());
    return c;
  }

  private static LocalDate date(XMLGregorianCalendar c) {
    return LocalDate.of(c.getYear(), c.getMonth(), c.getDay());
  }

  /**
   * Unreachable, or the TLS handshake failed: either way the DP is out of reach, the reason said.
   */
  private DpUnavailable unavailable(WebServiceException e, CallerContext caller) {
    // the certificate problem as the cause: the health light tells it from an unreachable DP
    return ports
        .tlsRefusal(e, caller.pharmacyFiness(), serviceName())
        .map(refused -> new DpUnavailable(refused.getMessage(), refused))
        .orElseGet(() -> new DpUnavailable("DP injoignable : " + e.getMessage(), e));
  }

  /**
   * One call as the caller's pharmacy; a certificate not installed or expired makes the DP
   * unreachable for it (the consult goes on without the DP, the send waits in the outbox).
   */
  private <R> R call(
      CallerContext caller,
      SoapPorts.PortCall<DossierPharmaceutiquePort, R, ErreurDP_Exception> call)
      throws ErreurDP_Exception {
    try {
      return ports.call(caller.pharmacyFiness(), call);
    } catch (ProblemException e) {
      throw new DpUnavailable(e.getMessage(), e);
    }
  }

  /** For tests outside a container, against a real endpoint. */
  public static SoapDossierPharmaceutique at(
      String endpoint, int connectTimeoutMs, int readTimeoutMs) {
    return new SoapDossierPharmaceutique(
        endpoint,
        Duration.ofMillis(connectTimeoutMs),
        Duration.ofMillis(readTimeoutMs),
        NationalServiceTls.plainHttpOnly());
  }
}
