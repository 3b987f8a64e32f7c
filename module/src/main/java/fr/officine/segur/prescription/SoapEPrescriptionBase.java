package fr.officine.segur.prescription;

import com.sun.xml.ws.developer.JAXWSProperties;
import fr.officine.segur.api.id.PrescriptionNumber;
import fr.officine.segur.prescription.soap.ConsulterEPrescription;
import fr.officine.segur.prescription.soap.EPrescriptionPort;
import fr.officine.segur.prescription.soap.EPrescriptionService;
import fr.officine.segur.prescription.soap.ErreurEPrescription;
import fr.officine.segur.prescription.soap.ErreurEPrescription_Exception;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.WebServiceException;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The base over SOAP (JAX-WS, Metro in the WAR), one class for the two operations the counter
 * uses. The Service (WSDL parsed from the classpath) is built once; a port is created per call,
 * because a port's request context is not thread-safe.
 */
@ApplicationScoped
public class SoapEPrescriptionBase implements EPrescriptionBase {
  private EPrescriptionService service;
  private String endpoint;
  private int connectTimeoutMs;
  private int readTimeoutMs;

  protected SoapEPrescriptionBase() {}

  @Inject
  public SoapEPrescriptionBase(
      @ConfigProperty(name = "segur.eprescription.url") String endpoint,
      @ConfigProperty(name = "segur.eprescription.connect-timeout-ms", defaultValue = "2000")
          int connectTimeoutMs,
      @ConfigProperty(name = "segur.eprescription.read-timeout-ms", defaultValue = "8000")
          int readTimeoutMs) {
    this.endpoint = endpoint;
    this.connectTimeoutMs = connectTimeoutMs;
    this.readTimeoutMs = readTimeoutMs;
  }

  /** Also used by tests outside a container, against a real endpoint on a real port. */
  public static SoapEPrescriptionBase at(String endpoint, int connectTimeoutMs, int readTimeoutMs) {
    return new SoapEPrescriptionBase(endpoint, connectTimeoutMs, readTimeoutMs);
  }

  @Override
  public Prescription consult(PrescriptionNumber number, CallerContext caller) {
    ConsulterEPrescription request = new ConsulterEPrescription();
    request.setNumero(number.value());
    try {
      return SoapTranslation.prescription(
          port().consulterEPrescription(request, SoapTranslation.context(caller)).getPrescription());
    } catch (ErreurEPrescription_Exception e) {
      throw fault(e);
    } catch (WebServiceException e) {
      throw FaultMapping.fromTransport(e);
    }
  }

  @Override
  public ExecutionOutcome recordExecution(ExecutionOrder order, CallerContext caller) {
    try {
      return SoapTranslation.outcome(
          port()
              .transmettreExecutionEPrescription(
                  SoapTranslation.execution(order), SoapTranslation.context(caller)));
    } catch (ErreurEPrescription_Exception e) {
      throw fault(e);
    } catch (WebServiceException e) {
      throw FaultMapping.fromTransport(e);
    }
  }

  private static RuntimeException fault(ErreurEPrescription_Exception e) {
    ErreurEPrescription info = e.getFaultInfo();
    return info == null
        ? FaultMapping.fromFault("", e.getMessage(), null)
        : FaultMapping.fromFault(info.getCode(), info.getMessage(), info.getIdLigne());
  }

  private EPrescriptionPort port() {
    EPrescriptionPort port = service().getEPrescriptionPort();
    Map<String, Object> rc = ((BindingProvider) port).getRequestContext();
    rc.put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY, endpoint);
    rc.put(JAXWSProperties.CONNECT_TIMEOUT, connectTimeoutMs);
    rc.put(JAXWSProperties.REQUEST_TIMEOUT, readTimeoutMs);
    return port;
  }

  /** Parsing the WSDL costs tens of milliseconds: once, on first use. */
  private synchronized EPrescriptionService service() {
    if (service == null) {
      service = new EPrescriptionService();
    }
    return service;
  }
}
