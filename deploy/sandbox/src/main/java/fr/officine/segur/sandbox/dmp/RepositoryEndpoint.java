package fr.officine.segur.sandbox.dmp;

import fr.officine.segur.sandbox.faults.FaultModes;
import fr.officine.segur.sandbox.ids.Identifiers;
import jakarta.xml.ws.BindingType;
import jakarta.xml.ws.ServiceMode;
import jakarta.xml.ws.WebServiceProvider;
import jakarta.xml.ws.soap.SOAPBinding;
import java.util.List;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * /dmp/repository: ITI-41 Provide and Register Document Set-b (IPF's iti41.wsdl is served on
 * ?wsdl). Refusals are RegistryResponse Failure answers, as IHE wants, not SOAP faults; only the
 * WS-Security/VIHF and WS-Addressing checks answer faults.
 */
@WebServiceProvider(
    serviceName = "DocumentRepository_Service",
    portName = "DocumentRepository_Port_Soap12",
    targetNamespace = "urn:ihe:iti:xds-b:2007",
    wsdlLocation = "/ihe/wsdl/iti41.wsdl")
@ServiceMode(jakarta.xml.ws.Service.Mode.MESSAGE)
@BindingType(SOAPBinding.SOAP12HTTP_BINDING)
public final class RepositoryEndpoint extends DmpSoapService {
  private static final System.Logger LOG = System.getLogger(RepositoryEndpoint.class.getName());
  private final ProvideAndRegister provideAndRegister;
  private final DmpStore store;

  RepositoryEndpoint(
      FaultModes faults, VihfVerifier vihf, ProvideAndRegister provideAndRegister, DmpStore store) {
    super(faults, vihf, DmpNames.ACTION_ITI41, DmpNames.ACTION_ITI41_RESPONSE);
    this.provideAndRegister = provideAndRegister;
    this.store = store;
  }

  @Override
  protected Element handle(Element payload, Vihf vihf, Document answer) {
    try {
      List<DmpDocument> stored;
      try {
        stored = provideAndRegister.accept(payload, vihf);
      } finally {
        // counted whatever the answer: a client's full resends are what a slow DMP pays for
        store.recordSubmission(vihf.resourceIns());
      }
      LOG.log(
          System.Logger.Level.INFO,
          "ITI-41 accepted {0} document(s) for INS {1}",
          stored.size(),
          Identifiers.maskIns(vihf.resourceIns()));
      return RegistryResponses.success(answer);
    } catch (XdsRefusal r) {
      LOG.log(
          System.Logger.Level.INFO,
          "ITI-41 refused for INS {0}: {1}",
          Identifiers.maskIns(vihf.resourceIns()),
          r.errors().stream().map(RegistryError::errorCode).distinct().toList());
      return RegistryResponses.failure(answer, r.errors());
    }
  }

  @Override
  protected Element unavailable(Document answer) {
    return RegistryResponses.failure(
        answer,
        List.of(
            RegistryError.of(
                RegistryError.REPOSITORY_BUSY,
                "Service DMP momentanément indisponible, réessayer plus tard.")));
  }
}
