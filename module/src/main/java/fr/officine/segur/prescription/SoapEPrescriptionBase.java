package fr.officine.segur.prescription;

import fr.officine.segur.api.id.PrescriptionNumber;
import fr.officine.segur.prescription.soap.ConsulterEPrescription;
import fr.officine.segur.prescription.soap.EPrescriptionPort;
import fr.officine.segur.prescription.soap.EPrescriptionService;
import fr.officine.segur.prescription.soap.ErreurEPrescription;
import fr.officine.segur.prescription.soap.ErreurEPrescription_Exception;
import fr.officine.segur.trust.CallerContext;
import fr.officine.segur.trust.tls.NationalServiceTls;
import fr.officine.segur.trust.tls.SoapPorts;
import fr.officine.segur.trust.tls.WarmsUp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.xml.ws.WebServiceException;
import java.time.Duration;
import org.eclipse.microprofile.config.Config;

/**
 * The base over SOAP (JAX-WS, Metro in the WAR), one class for the two operations the counter uses.
 * Each call goes out as the caller's pharmacy (its certificate over https, see SoapPorts).
 */
@ApplicationScoped
public class SoapEPrescriptionBase implements EPrescriptionBase, WarmsUp {
  private static final String NAME = "La base ordonnance numérique";
  private SoapPorts<EPrescriptionService, EPrescriptionPort> ports;

  protected SoapEPrescriptionBase() {}

  @Inject
  public SoapEPrescriptionBase(Config config, NationalServiceTls tls) {
    this(EPrescriptionSettings.from(config), tls);
  }

  SoapEPrescriptionBase(EPrescriptionSettings settings, NationalServiceTls tls) {
    this.ports =
        new SoapPorts<>(
            EPrescriptionService::new,
            EPrescriptionService::getEPrescriptionPort,
            settings.url(),
            settings.connectTimeout(),
            settings.readTimeout(),
            tls);
  }

  /** Also used by tests outside a container, against a real endpoint on a real port. */
  public static SoapEPrescriptionBase at(
      String endpoint, int connectTimeoutMs, int readTimeoutMs, NationalServiceTls tls) {
    return new SoapEPrescriptionBase(
        new EPrescriptionSettings(
            endpoint, Duration.ofMillis(connectTimeoutMs), Duration.ofMillis(readTimeoutMs)),
        tls);
  }

  /** The same over plain HTTP (no certificate needed). */
  public static SoapEPrescriptionBase at(String endpoint, int connectTimeoutMs, int readTimeoutMs) {
    return at(endpoint, connectTimeoutMs, readTimeoutMs, NationalServiceTls.plainHttpOnly());
  }

  @Override
  public int warmUpRank() {
    return 0;
  }

  @Override
  public String serviceName() {
    return NAME;
  }

  @Override
  public void warmUp(String finess) throws java.io.IOException {
    ports.warmUp(finess);
  }

  @Override
  public Prescription consult(PrescriptionNumber number, CallerContext caller) {
    ConsulterEPrescription request = new ConsulterEPrescription();
    request.setNumero(number.value());
    try {
      return SoapTranslation.prescription(
          ports
              .call(
                  caller.pharmacyFiness(),
                  port -> port.consulterEPrescription(request, SoapTranslation.context(caller)))
              .getPrescription());
    } catch (ErreurEPrescription_Exception e) {
      throw fault(e);
    } catch (WebServiceException e) {
      throw ports
          .tlsRefusal(e, caller.pharmacyFiness(), NAME)
          .orElseGet(() -> FaultMapping.fromTransport(e));
    }
  }

  @Override
  public ExecutionOutcome recordExecution(ExecutionOrder order, CallerContext caller) {
    try {
      return SoapTranslation.outcome(
          ports.call(
              caller.pharmacyFiness(),
              port ->
                  port.transmettreExecutionEPrescription(
                      SoapTranslation.execution(order), SoapTranslation.context(caller))));
    } catch (ErreurEPrescription_Exception e) {
      throw fault(e);
    } catch (WebServiceException e) {
      throw ports
          .tlsRefusal(e, caller.pharmacyFiness(), NAME)
          .orElseGet(() -> FaultMapping.fromTransport(e));
    }
  }

  private static RuntimeException fault(ErreurEPrescription_Exception e) {
    ErreurEPrescription info = e.getFaultInfo();
    return info == null
        ? FaultMapping.fromFault("", e.getMessage(), null)
        : FaultMapping.fromFault(info.getCode(), info.getMessage(), info.getIdLigne());
  }
}
