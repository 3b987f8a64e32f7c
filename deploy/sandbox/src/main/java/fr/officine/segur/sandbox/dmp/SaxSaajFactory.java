package fr.officine.segur.sandbox.dmp;

import com.sun.xml.ws.api.SOAPVersion;
import com.sun.xml.ws.api.message.Message;
import com.sun.xml.ws.api.message.saaj.SAAJFactory;
import jakarta.xml.soap.SOAPException;
import jakarta.xml.soap.SOAPMessage;

/**
 * How JAX-WS turns a request into the {@link SOAPMessage} that {@link DmpSoapService} receives. Its
 * default writes the message into SAAJ's DOM through a StAX writer, and an MTOM part (the ITI-41
 * document, XOP) goes in as base64 four characters at a time (stax-ex's {@code
 * Base64EncoderStream}), each one a new SAAJ text node registered in the document's user data: tens
 * of thousands of nodes for one dispensation's CDA + PDF, half of the sandbox's CPU per ITI-41 (JFR
 * profile, 2026-12-04). The SAX way JAX-WS also offers ({@code readAsSOAPMessageSax2Dom}) delivers
 * the same envelope, same attachments, with the part's text in one piece. Registered in {@code
 * META-INF/services}, which is where JAX-WS looks ({@code SAAJFactory.read}).
 */
public final class SaxSaajFactory extends SAAJFactory {
  @Override
  public SOAPMessage readAsSOAPMessage(SOAPVersion version, Message message) throws SOAPException {
    return readAsSOAPMessageSax2Dom(version, message);
  }
}
