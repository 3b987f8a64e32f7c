package fr.officine.segur.testing;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import fr.officine.segur.prescription.soap.CodeCompletude;
import fr.officine.segur.prescription.soap.ConsulterEPrescription;
import fr.officine.segur.prescription.soap.ConsulterEPrescriptionReponse;
import fr.officine.segur.prescription.soap.ContexteLPS;
import fr.officine.segur.prescription.soap.CreerEPrescription;
import fr.officine.segur.prescription.soap.CreerEPrescriptionReponse;
import fr.officine.segur.prescription.soap.EPrescription;
import fr.officine.segur.prescription.soap.EPrescriptionPort;
import fr.officine.segur.prescription.soap.ErreurEPrescription;
import fr.officine.segur.prescription.soap.ErreurEPrescription_Exception;
import fr.officine.segur.prescription.soap.Execution;
import fr.officine.segur.prescription.soap.LignePrescription;
import fr.officine.segur.prescription.soap.Patient;
import fr.officine.segur.prescription.soap.Prescripteur;
import fr.officine.segur.prescription.soap.Produit;
import fr.officine.segur.prescription.soap.RechercherEPrescriptions;
import fr.officine.segur.prescription.soap.RechercherEPrescriptionsReponse;
import fr.officine.segur.prescription.soap.StatutPrescription;
import fr.officine.segur.prescription.soap.TransmettreExecutionEPrescription;
import fr.officine.segur.prescription.soap.TransmettreExecutionEPrescriptionReponse;
import jakarta.jws.WebService;
import jakarta.xml.ws.BindingType;
import jakarta.xml.ws.Endpoint;
import jakarta.xml.ws.soap.SOAPBinding;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.xml.datatype.DatatypeFactory;

/**
 * A small e-prescription base for the module's own tests: the generated SEI published with JAX-WS
 * on a real loopback port, so the module's client goes through real SOAP. It keeps the few rules
 * the module's code depends on: remaining quantity per line, EP_QUANTITE_EXCESSIVE with the line, a
 * repeated idExecution is the same execution. Faults and delays are scripted by the test. The full
 * rules live in the sandbox (deploy/sandbox), tested there and in integration-tests.
 */
@WebService(
    endpointInterface = "fr.officine.segur.prescription.soap.EPrescriptionPort",
    serviceName = "EPrescriptionService",
    portName = "EPrescriptionPort",
    targetNamespace = "urn:officine-segur:stand-in:eprescription:v1",
    wsdlLocation = "/wsdl/eprescription.wsdl")
// the stand-in WSDL binds SOAP 1.2; without this the endpoint speaks 1.1 and refuses the client
@BindingType(SOAPBinding.SOAP12HTTP_BINDING)
public class FakeEPrescriptionBase implements EPrescriptionPort {
  private static final DatatypeFactory DATES = DatatypeFactory.newDefaultInstance();

  private final Map<String, EPrescription> prescriptions = new ConcurrentHashMap<>();
  private final Map<String, TransmettreExecutionEPrescriptionReponse> executions =
      new ConcurrentHashMap<>();

  /** Every ContexteLPS received, to check what the module says about its caller. */
  public final List<ContexteLPS> contexts = new CopyOnWriteArrayList<>();

  public final AtomicInteger recordedExecutions = new AtomicInteger();
  public final AtomicInteger executionCalls = new AtomicInteger();

  private volatile String nextFaultCode;
  private volatile String nextFaultLine;

  /** Delay applied after the execution was recorded: the answer is lost to a short read timeout. */
  public volatile long delayAfterRecordMs;

  public volatile long delayBeforeConsultMs;

  /**
   * When set, the execution is recorded and then its answer held until the test opens the latch:
   * the client's read timeout fires while the base still holds the answer (no clock involved).
   */
  public volatile java.util.concurrent.CountDownLatch holdAfterRecord;

  /** When set, a consult is held until the test opens the latch. */
  public volatile java.util.concurrent.CountDownLatch holdConsult;

  /** The next execution is read whole, then answered HTTP 500 without SOAP and not processed. */
  public volatile boolean failNextExecutionWithHttp500;

  /** Consults answered (the test knows whether a held one had ended). */
  public final AtomicInteger consultsAnswered = new AtomicInteger();

  /** Consults received, held or not. */
  public final AtomicInteger consultsArrived = new AtomicInteger();

  private HttpServer server;
  private Endpoint endpoint;

  /** Over https: the subject of the client certificate of each request, in order. */
  public final List<String> clientCertificates = new CopyOnWriteArrayList<>();

  public String start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    publish();
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /**
   * The same over https, a client certificate required (checked by {@code tls}'s trust managers).
   */
  public String startTls(SSLContext tls) throws IOException {
    HttpsServer https =
        HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    https.setHttpsConfigurator(
        new HttpsConfigurator(tls) {
          @Override
          public void configure(HttpsParameters params) {
            SSLParameters required = getSSLContext().getDefaultSSLParameters();
            required.setNeedClientAuth(true);
            params.setSSLParameters(required);
          }
        });
    server = https;
    publish();
    return "https://127.0.0.1:" + server.getAddress().getPort();
  }

  private void publish() {
    server.setExecutor(Executors.newCachedThreadPool());
    endpoint = Endpoint.create(this);
    HttpContext context = server.createContext("/eprescription");
    context.getFilters().add(Filter.beforeHandler("client certificate", this::recordClient));
    context
        .getFilters()
        .add(
            new Filter() {
              @Override
              public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
                byte[] body = exchange.getRequestBody().readAllBytes();
                if (failNextExecutionWithHttp500
                    && new String(body, java.nio.charset.StandardCharsets.UTF_8)
                        .contains("transmettreExecutionEPrescription")) {
                  failNextExecutionWithHttp500 = false;
                  byte[] page =
                      "<html>internal error</html>"
                          .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                  exchange.sendResponseHeaders(500, page.length);
                  exchange.getResponseBody().write(page);
                  exchange.close();
                  return;
                }
                exchange.setStreams(new java.io.ByteArrayInputStream(body), null);
                chain.doFilter(exchange);
              }

              @Override
              public String description() {
                return "scripted HTTP 500";
              }
            });
    endpoint.publish(context);
    server.createContext(
        "/unavailable",
        exchange -> {
          byte[] body = "<html>maintenance</html>".getBytes();
          exchange.sendResponseHeaders(503, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
  }

  private void recordClient(HttpExchange exchange) {
    if (exchange instanceof HttpsExchange https) {
      try {
        clientCertificates.add(https.getSSLSession().getPeerPrincipal().getName());
      } catch (SSLPeerUnverifiedException e) {
        clientCertificates.add("(none)");
      }
    }
  }

  public void stop() {
    endpoint.stop();
    server.stop(0);
  }

  /** The next call answers this EP_* fault. */
  public void failNextWith(String code, String lineId) {
    nextFaultLine = lineId;
    nextFaultCode = code;
  }

  /** A prescription with one line per quantity, line ids L1, L2, ... */
  public void add(String number, StatutPrescription statut, int... quantities) {
    EPrescription p = new EPrescription();
    p.setNumero(number);
    p.setStatut(statut);
    p.setDatePrescription(DATES.newXMLGregorianCalendarDate(2026, 11, 2, 0));
    p.setDateLimitePremiereDelivrance(DATES.newXMLGregorianCalendarDate(2027, 2, 2, 0));
    Prescripteur prescripteur = new Prescripteur();
    prescripteur.setRpps("10003456789");
    prescripteur.setNom("GENERALISTE");
    prescripteur.setPrenom("Anne");
    p.setPrescripteur(prescripteur);
    Patient patient = new Patient();
    patient.setIns("279035121518989");
    patient.setOidIns("1.2.250.1.213.1.4.10");
    patient.setNomNaissance("DE VINCI");
    patient.setPrenom("LEONARD");
    patient.setDateNaissance(DATES.newXMLGregorianCalendarDate(1979, 3, 1, 0));
    patient.setSexe("M");
    p.setPatient(patient);
    for (int i = 0; i < quantities.length; i++) {
      LignePrescription l = new LignePrescription();
      l.setIdLigne("L" + (i + 1));
      Produit produit = new Produit();
      produit.setCode("340093595583" + i);
      produit.setLibelle("PRODUIT " + (i + 1));
      l.setProduit(produit);
      l.setQuantitePrescrite(quantities[i]);
      l.setQuantiteTotale(quantities[i]);
      l.setQuantiteRestante(quantities[i]);
      l.setQuantiteDelivrableMaintenant(quantities[i]);
      l.setSubstituable(true);
      p.getLigne().add(l);
    }
    prescriptions.put(number, p);
  }

  /**
   * A prescription whose line L1 is an LPP device the base does not know (coded outside CIP13): it
   * prescribes {@code quantity} boxes and records no execution on it.
   */
  public void addUnknownProduct(String number, int quantity) {
    add(number, StatutPrescription.OUVERTE, quantity);
    Produit lpp = prescriptions.get(number).getLigne().get(0).getProduit();
    lpp.setCode("1198011");
    lpp.setSystemeCode("1.2.250.1.215.200.2.1"); // LPP, as the sandbox codes it
    lpp.setLibelle("LUBRIFIANT OCULAIRE");
  }

  /** Adds an execution by another pharmacy, as if recorded before. */
  public void addExecution(String number, String lineId, String finess, String pharmacy, int qty) {
    LignePrescription l = line(prescriptions.get(number), lineId);
    Execution e = new Execution();
    e.setIdExecution("EXT-" + finess);
    e.setFiness(finess);
    e.setNomPharmacie(pharmacy);
    e.setDateExecution(DATES.newXMLGregorianCalendar(new GregorianCalendar()));
    e.setQuantite(qty);
    e.setCodeCompletude(CodeCompletude.FFP);
    l.getExecution().add(e);
    l.setQuantiteDelivree(l.getQuantiteDelivree() + qty);
    l.setQuantiteRestante(l.getQuantiteRestante() - qty);
  }

  @Override
  public ConsulterEPrescriptionReponse consulterEPrescription(
      ConsulterEPrescription parameters, ContexteLPS contexte)
      throws ErreurEPrescription_Exception {
    contexts.add(contexte);
    consultsArrived.incrementAndGet();
    sleep(delayBeforeConsultMs);
    await(holdConsult);
    scriptedFault();
    EPrescription p = prescriptions.get(parameters.getNumero());
    if (p == null) {
      throw fault("EP_NUMERO_INCONNU", "Numéro inconnu", null);
    }
    ConsulterEPrescriptionReponse r = new ConsulterEPrescriptionReponse();
    r.setPrescription(p);
    consultsAnswered.incrementAndGet();
    return r;
  }

  @Override
  public synchronized TransmettreExecutionEPrescriptionReponse transmettreExecutionEPrescription(
      TransmettreExecutionEPrescription parameters, ContexteLPS contexte)
      throws ErreurEPrescription_Exception {
    executionCalls.incrementAndGet();
    contexts.add(contexte);
    scriptedFault();
    TransmettreExecutionEPrescriptionReponse already = executions.get(parameters.getIdExecution());
    if (already != null) {
      already.setDejaEnregistree(true);
      return already;
    }
    EPrescription p = prescriptions.get(parameters.getNumero());
    if (p == null) {
      throw fault("EP_NUMERO_INCONNU", "Numéro inconnu", null);
    }
    for (TransmettreExecutionEPrescription.LigneExecutee le : parameters.getLigneExecutee()) {
      LignePrescription l = line(p, le.getIdLigne());
      if (l == null) {
        throw fault("EP_LIGNE_INCONNUE", "Ligne inconnue", le.getIdLigne());
      }
      if (le.getQuantite() > l.getQuantiteRestante()) {
        throw fault(
            "EP_QUANTITE_EXCESSIVE", "Il reste " + l.getQuantiteRestante(), le.getIdLigne());
      }
    }
    TransmettreExecutionEPrescriptionReponse r = new TransmettreExecutionEPrescriptionReponse();
    r.setIdExecution(parameters.getIdExecution());
    List<TransmettreExecutionEPrescriptionReponse.LigneAcceptee> accepted = new ArrayList<>();
    for (TransmettreExecutionEPrescription.LigneExecutee le : parameters.getLigneExecutee()) {
      LignePrescription l = line(p, le.getIdLigne());
      boolean first = l.getQuantiteDelivree() == 0;
      l.setQuantiteDelivree(l.getQuantiteDelivree() + le.getQuantite());
      l.setQuantiteRestante(l.getQuantiteRestante() - le.getQuantite());
      boolean complete = l.getQuantiteRestante() == 0;
      CodeCompletude code =
          first
              ? (complete ? CodeCompletude.FFC : CodeCompletude.FFP)
              : (complete ? CodeCompletude.RFC : CodeCompletude.RFP);
      Execution e = new Execution();
      e.setIdExecution(parameters.getIdExecution());
      e.setFiness(contexte.getFiness());
      e.setNomPharmacie(contexte.getNomStructure());
      e.setRppsPharmacien(contexte.getRppsPS());
      e.setDateExecution(parameters.getDateExecution());
      e.setQuantite(le.getQuantite());
      e.setCodeCompletude(code);
      e.setMotifNonDelivrance(le.getMotifNonDelivrance());
      e.setProduitDelivre(le.getProduitDelivre());
      l.getExecution().add(e);
      TransmettreExecutionEPrescriptionReponse.LigneAcceptee a =
          new TransmettreExecutionEPrescriptionReponse.LigneAcceptee();
      a.setIdLigne(l.getIdLigne());
      a.setQuantite(le.getQuantite());
      a.setCodeCompletude(code);
      a.setQuantiteRestante(l.getQuantiteRestante());
      accepted.add(a);
    }
    boolean allDone = p.getLigne().stream().allMatch(l -> l.getQuantiteRestante() == 0);
    p.setStatut(allDone ? StatutPrescription.CLOTUREE : StatutPrescription.PARTIELLE);
    r.getLigneAcceptee().addAll(accepted);
    r.setPrescription(p);
    executions.put(parameters.getIdExecution(), r);
    recordedExecutions.incrementAndGet();
    sleep(delayAfterRecordMs);
    await(holdAfterRecord);
    return r;
  }

  @Override
  public RechercherEPrescriptionsReponse rechercherEPrescriptions(
      RechercherEPrescriptions parameters, ContexteLPS contexte) {
    return new RechercherEPrescriptionsReponse();
  }

  @Override
  public CreerEPrescriptionReponse creerEPrescription(
      CreerEPrescription parameters, ContexteLPS contexte) {
    throw new UnsupportedOperationException("prescriber side: not used by the module");
  }

  private void scriptedFault() throws ErreurEPrescription_Exception {
    String code = nextFaultCode;
    if (code != null) {
      nextFaultCode = null;
      throw fault(code, "Erreur scriptée " + code, nextFaultLine);
    }
  }

  private static LignePrescription line(EPrescription p, String lineId) {
    return p.getLigne().stream()
        .filter(l -> l.getIdLigne().equals(lineId))
        .findFirst()
        .orElse(null);
  }

  private static ErreurEPrescription_Exception fault(String code, String message, String lineId) {
    ErreurEPrescription info = new ErreurEPrescription();
    info.setCode(code);
    info.setMessage(message);
    info.setIdLigne(lineId);
    return new ErreurEPrescription_Exception(message, info);
  }

  private static void await(java.util.concurrent.CountDownLatch latch) {
    if (latch != null) {
      try {
        latch.await(2, java.util.concurrent.TimeUnit.MINUTES); // a bound only against a lost test
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void sleep(long ms) {
    if (ms > 0) {
      try {
        Thread.sleep(ms);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
