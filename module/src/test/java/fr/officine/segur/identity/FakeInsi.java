package fr.officine.segur.identity;

import com.sun.net.httpserver.HttpServer;
import fr.officine.segur.identity.insi.soap.Erreur;
import fr.officine.segur.identity.insi.soap.ICIRService;
import fr.officine.segur.identity.insi.soap.ctxbam.ContexteBAM;
import fr.officine.segur.identity.insi.soap.ctxlps.ContexteLPS;
import fr.officine.segur.identity.insi.soap.recsans.TraitsDIdentite;
import fr.officine.segur.identity.insi.soap.recvitale.Beneficiaire;
import fr.officine.segur.identity.insi.soap.resultat.CompteRendu;
import fr.officine.segur.identity.insi.soap.resultat.IdentifiantNationalSante;
import fr.officine.segur.identity.insi.soap.resultat.Individu;
import fr.officine.segur.identity.insi.soap.resultat.Matricule;
import fr.officine.segur.identity.insi.soap.resultat.Resultat;
import fr.officine.segur.identity.insi.soap.wsa.AttributedURIType;
import fr.officine.segur.identity.insi.soap.wsse.TypeSecurity;
import jakarta.jws.WebService;
import jakarta.xml.soap.SOAPConstants;
import jakarta.xml.soap.SOAPElement;
import jakarta.xml.soap.SOAPFactory;
import jakarta.xml.soap.SOAPFault;
import jakarta.xml.ws.BindingType;
import jakarta.xml.ws.Endpoint;
import jakarta.xml.ws.handler.Handler;
import jakarta.xml.ws.handler.MessageContext;
import jakarta.xml.ws.handler.soap.SOAPHandler;
import jakarta.xml.ws.handler.soap.SOAPMessageContext;
import jakarta.xml.ws.soap.SOAPBinding;
import jakarta.xml.ws.soap.SOAPFaultException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import javax.xml.namespace.QName;

/**
 * A small INSi for the module's own tests: the generated SEI published with JAX-WS on a real
 * loopback port. It answers what the test scripted for "NAME PRENOM" and records every request and
 * its SOAP headers. The real rules and the published identities live in the sandbox (tested there
 * and in integration-tests).
 */
@WebService(
    endpointInterface = "fr.officine.segur.identity.insi.soap.ICIRService",
    wsdlLocation = "/wsdl/insi/DESIR_ICIR_EXP_1.5.0.wsdl",
    serviceName = "ICIR-v1",
    portName = "ICIRService",
    targetNamespace = "http://www.cnamts.fr/webservice")
@BindingType(SOAPBinding.SOAP12HTTP_BINDING)
public class FakeInsi implements ICIRService {
  /** What one request carried. */
  public record Request(
      TraitsDIdentite traits,
      ContexteLPS lps,
      ContexteBAM bam,
      String messageId,
      List<QName> headers) {}

  final List<Request> requests = new CopyOnWriteArrayList<>();
  final Map<String, Resultat> answers = new ConcurrentHashMap<>();
  final Map<String, RuntimeException> faults = new ConcurrentHashMap<>();
  volatile long delayMs;
  private final ThreadLocal<List<QName>> headers = ThreadLocal.withInitial(ArrayList::new);
  private HttpServer server;
  private Endpoint endpoint;

  /** Publishes on a free loopback port; returns the endpoint URL. */
  public String start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(4));
    endpoint = Endpoint.create(this);
    List<Handler> chain = new ArrayList<>();
    chain.add(new HeaderRecorder());
    endpoint.getBinding().setHandlerChain(chain);
    endpoint.publish(server.createContext("/insi"));
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/insi";
  }

  public void stop() {
    endpoint.stop();
    server.stop(0);
  }

  void reset() {
    requests.clear();
    answers.clear();
    vitaleRequests.clear();
    vitaleAnswers.clear();
    faults.clear();
    delayMs = 0;
  }

  static String key(String name, String prenom) {
    return name + " " + prenom;
  }

  void answer(String name, String prenom, Resultat r) {
    answers.put(key(name, prenom), r);
  }

  @Override
  public Resultat rechercherInsAvecTraitsIdentite(
      TraitsDIdentite traits,
      TypeSecurity security,
      ContexteLPS lps,
      AttributedURIType messageId,
      ContexteBAM bam)
      throws Erreur {
    requests.add(
        new Request(
            traits,
            lps,
            bam,
            messageId == null ? null : messageId.getValue(),
            List.copyOf(headers.get())));
    if (delayMs > 0) {
      try {
        Thread.sleep(delayMs);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    String k = key(traits.getNomNaissance(), String.join(" ", traits.getPrenom()));
    RuntimeException fault = faults.get(k);
    if (fault != null) {
      throw fault;
    }
    return answers.getOrDefault(k, code("01", "Aucune identite trouvee"));
  }

  /** Carte Vitale requests: the body and the SOAP headers' names. */
  record VitaleRequest(Beneficiaire beneficiary, ContexteLPS lps, List<QName> headers) {}

  final List<VitaleRequest> vitaleRequests = new CopyOnWriteArrayList<>();

  /** By the beneficiary's matricule. */
  final Map<String, Resultat> vitaleAnswers = new ConcurrentHashMap<>();

  @Override
  public Resultat rechercherInsAvecCarteVitale(
      Beneficiaire b,
      TypeSecurity security,
      ContexteLPS lps,
      AttributedURIType messageId,
      ContexteBAM bam) {
    vitaleRequests.add(new VitaleRequest(b, lps, List.copyOf(headers.get())));
    return vitaleAnswers.getOrDefault(
        b.getMatriculeIndividu().getNumIdentifiant(), code("01", "Aucune identite trouvee"));
  }

  static Resultat code(String code, String label) {
    Resultat r = new Resultat();
    CompteRendu cr = new CompteRendu();
    cr.setCodeCR(code);
    cr.setLibelleCR(label);
    r.setCR(cr);
    return r;
  }

  static Resultat found(
      String matricule,
      String key,
      String name,
      String list,
      String sex,
      String birthDate,
      String cog,
      String... history) {
    Resultat r = code("00", "OK");
    Individu i = new Individu();
    i.setINSACTIF(ins(matricule, key));
    for (int h = 0; h < history.length; h += 2) {
      i.getINSHISTO().add(ins(history[h], history[h + 1]));
    }
    var tiq = new fr.officine.segur.identity.insi.soap.resultat.TraitsDIdentite();
    tiq.setNomNaissance(name);
    tiq.setListePrenom(list);
    tiq.setSexe(sex);
    tiq.setDateNaissance(birthDate);
    tiq.setLieuNaissance(cog);
    i.setTIQ(tiq);
    r.setINDIVIDU(i);
    return r;
  }

  private static IdentifiantNationalSante ins(String matricule, String key) {
    Matricule m = new Matricule();
    m.setNumIdentifiant(matricule);
    m.setCle(key);
    IdentifiantNationalSante ins = new IdentifiantNationalSante();
    ins.setIdIndividu(m);
    ins.setOID("1.2.250.1.213.1.4.8");
    return ins;
  }

  /** A SOAP 1.2 fault as INSi writes one (Sender + siram:Erreur, or Receiver without detail). */
  static SOAPFaultException fault(boolean sender, String subcode, String desirCode, String text) {
    try {
      SOAPFault f = SOAPFactory.newInstance(SOAPConstants.SOAP_1_2_PROTOCOL).createFault();
      f.setFaultCode(sender ? SOAPConstants.SOAP_SENDER_FAULT : SOAPConstants.SOAP_RECEIVER_FAULT);
      f.appendFaultSubcode(new QName(SOAPConstants.URI_NS_SOAP_1_2_ENVELOPE, subcode, "soap"));
      f.addFaultReasonText(text, Locale.FRENCH);
      if (desirCode != null) {
        SOAPElement e = f.addDetail().addDetailEntry(new QName("urn:siram", "Erreur", "siram"));
        e.setAttribute("code", desirCode);
        e.setAttribute("severite", "erreur");
        e.addTextNode(text);
      }
      return new SOAPFaultException(f);
    } catch (jakarta.xml.soap.SOAPException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Records the QNames of the request's SOAP headers (wsa:Action is not an SEI parameter). */
  private final class HeaderRecorder implements SOAPHandler<SOAPMessageContext> {
    @Override
    public boolean handleMessage(SOAPMessageContext context) {
      if (!Boolean.TRUE.equals(context.get(MessageContext.MESSAGE_OUTBOUND_PROPERTY))) {
        List<QName> names = new ArrayList<>();
        try {
          var header = context.getMessage().getSOAPHeader();
          if (header != null) {
            for (Iterator<?> it = header.examineAllHeaderElements(); it.hasNext(); ) {
              names.add(((jakarta.xml.soap.SOAPHeaderElement) it.next()).getElementQName());
            }
          }
        } catch (jakarta.xml.soap.SOAPException e) {
          throw new IllegalStateException(e);
        }
        headers.set(names);
      }
      return true;
    }

    @Override
    public boolean handleFault(SOAPMessageContext context) {
      return true;
    }

    @Override
    public void close(MessageContext context) {}

    @Override
    public Set<QName> getHeaders() {
      return Set.of(
          new QName("urn:siram:lps:ctxlps", "ContexteLPS"),
          new QName("urn:siram:bam:ctxbam", "ContexteBAM"),
          new QName("http://www.w3.org/2005/08/addressing", "MessageID"),
          new QName("http://www.w3.org/2005/08/addressing", "Action"));
    }
  }
}
