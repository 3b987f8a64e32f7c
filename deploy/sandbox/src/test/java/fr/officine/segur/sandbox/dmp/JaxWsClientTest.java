package fr.officine.segur.sandbox.dmp;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.xml.soap.SOAPException;
import jakarta.xml.soap.SOAPHeader;
import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.Dispatch;
import jakarta.xml.ws.Service;
import jakarta.xml.ws.handler.Handler;
import jakarta.xml.ws.handler.MessageContext;
import jakarta.xml.ws.handler.soap.SOAPHandler;
import jakarta.xml.ws.handler.soap.SOAPMessageContext;
import jakarta.xml.ws.soap.AddressingFeature;
import jakarta.xml.ws.soap.MTOMFeature;
import java.io.StringReader;
import java.net.URL;
import java.util.List;
import java.util.Set;
import javax.xml.namespace.QName;
import javax.xml.transform.Source;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMResult;
import javax.xml.transform.stream.StreamSource;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * What the module's DMP client will most likely be: Metro's JAX-WS Dispatch built from the WSDL the
 * sandbox serves, with AddressingFeature and MTOMFeature, the VIHF added by a SOAP handler.
 */
class JaxWsClientTest extends DmpSandboxTest {
  private static final String NS = "urn:ihe:iti:xds-b:2007";

  @Test
  void a_metro_dispatch_with_addressing_and_mtom_feeds_the_dmp() throws Exception {
    Service service =
        Service.create(
            new URL(sandbox.baseUrl() + Dmp.REPOSITORY + "?wsdl"),
            new QName(NS, "DocumentRepository_Service"));
    Dispatch<Source> dispatch =
        service.createDispatch(
            new QName(NS, "DocumentRepository_Port_Soap12"),
            Source.class,
            Service.Mode.PAYLOAD,
            new AddressingFeature(true, true),
            new MTOMFeature(true));
    dispatch
        .getRequestContext()
        .put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY, sandbox.baseUrl() + Dmp.REPOSITORY);
    dispatch.getRequestContext().put(BindingProvider.SOAPACTION_USE_PROPERTY, true);
    dispatch
        .getRequestContext()
        .put(BindingProvider.SOAPACTION_URI_PROPERTY, DmpNames.ACTION_ITI41);
    @SuppressWarnings("rawtypes")
    List<Handler> chain = dispatch.getBinding().getHandlerChain();
    chain.add(new VihfHeader(vihf(ADRUN).securityHeader()));
    dispatch.getBinding().setHandlerChain(chain);

    Iti41Request request = new Iti41Request(ADRUN);
    Source answer = dispatch.invoke(new StreamSource(new StringReader(request.xml())));

    DOMResult dom = new DOMResult();
    TransformerFactory.newInstance().newTransformer().transform(answer, dom);
    Element response = ((org.w3c.dom.Document) dom.getNode()).getDocumentElement();
    assertThat(response.getLocalName()).isEqualTo("RegistryResponse");
    assertThat(response.getAttribute("status")).isEqualTo(DmpNames.SUCCESS);
    assertThat(client.get("/sandbox/dmp/documents?ins=" + ADRUN).body())
        .contains(request.uniqueId());
  }

  /** Adds the signed VIHF (its own document) to every outbound message. */
  private static final class VihfHeader implements SOAPHandler<SOAPMessageContext> {
    private final Element security;

    VihfHeader(Element security) {
      this.security = security;
    }

    @Override
    public boolean handleMessage(SOAPMessageContext context) {
      if (Boolean.TRUE.equals(context.get(MessageContext.MESSAGE_OUTBOUND_PROPERTY))) {
        try {
          SOAPHeader header = context.getMessage().getSOAPPart().getEnvelope().getHeader();
          if (header == null) {
            header = context.getMessage().getSOAPPart().getEnvelope().addHeader();
          }
          header.appendChild(header.getOwnerDocument().importNode(security, true));
          context.getMessage().saveChanges();
        } catch (SOAPException e) {
          throw new IllegalStateException(e);
        }
      }
      return true;
    }

    @Override
    public Set<QName> getHeaders() {
      return Set.of();
    }

    @Override
    public boolean handleFault(SOAPMessageContext context) {
      return true;
    }

    @Override
    public void close(MessageContext context) {
      // nothing held
    }
  }
}
