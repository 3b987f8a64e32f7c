package fr.officine.segur.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import fr.officine.segur.sandbox.eprescription.soap.ConsulterEPrescription;
import fr.officine.segur.sandbox.eprescription.soap.ContexteLPS;
import fr.officine.segur.sandbox.eprescription.soap.EPrescription;
import fr.officine.segur.sandbox.eprescription.soap.EPrescriptionPort;
import fr.officine.segur.sandbox.eprescription.soap.ErreurEPrescription;
import fr.officine.segur.sandbox.eprescription.soap.ErreurEPrescription_Exception;
import fr.officine.segur.sandbox.eprescription.soap.LignePrescription;
import fr.officine.segur.sandbox.eprescription.soap.MotifNonDelivrance;
import fr.officine.segur.sandbox.eprescription.soap.Produit;
import fr.officine.segur.sandbox.eprescription.soap.TransmettreExecutionEPrescription;
import fr.officine.segur.sandbox.eprescription.soap.TransmettreExecutionEPrescription.LigneExecutee;
import fr.officine.segur.sandbox.eprescription.soap.TransmettreExecutionEPrescription.MentionManuscrite;
import fr.officine.segur.sandbox.eprescription.soap.TransmettreExecutionEPrescriptionReponse;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.xml.ws.Service;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.UUID;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.namespace.QName;

/**
 * What a pharmacy's software and a demo script do against a running sandbox: a real JAX-WS client
 * built from the generated SEI and the WSDL the sandbox serves, and java.net.http for the admin
 * API.
 */
public final class SandboxClient {
  public static final QName SERVICE =
      new QName("urn:officine-segur:stand-in:eprescription:v1", "EPrescriptionService");
  public static final String ARCADES_FINESS = "690100029";
  public static final String MARCHE_FINESS = "690100011";

  private final String baseUrl;
  private final Service service;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public SandboxClient(String baseUrl) {
    this.baseUrl = baseUrl;
    try {
      this.service = Service.create(new URL(baseUrl + "/eprescription?wsdl"), SERVICE);
    } catch (java.net.MalformedURLException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** A new proxy: cheap once the Service has read the WSDL; one per thread in concurrent tests. */
  public EPrescriptionPort port() {
    return service.getPort(EPrescriptionPort.class);
  }

  // ------------------------------------------------------------ SOAP helpers

  public static ContexteLPS pharmacieDuMarche() {
    return context(MARCHE_FINESS, "Pharmacie du Marché", "10100000016");
  }

  public static ContexteLPS pharmacieDesArcades() {
    return context(ARCADES_FINESS, "Pharmacie des Arcades", "10100000032");
  }

  public static ContexteLPS context(String finess, String structure, String rpps) {
    ContexteLPS c = new ContexteLPS();
    c.setIdLogiciel("officine-segur-tests");
    c.setNomLogiciel("officine-segur");
    c.setVersionLogiciel("0.1.0");
    c.setInstance(UUID.randomUUID().toString());
    c.setFiness(finess);
    c.setNomStructure(structure);
    c.setRppsPS(rpps);
    c.setNomPS("Pharmacien de test");
    return c;
  }

  public EPrescription consult(String number) throws ErreurEPrescription_Exception {
    return consult(number, pharmacieDuMarche());
  }

  public EPrescription consult(String number, ContexteLPS context)
      throws ErreurEPrescription_Exception {
    ConsulterEPrescription req = new ConsulterEPrescription();
    req.setNumero(number);
    return port().consulterEPrescription(req, context).getPrescription();
  }

  public static LignePrescription line(EPrescription p, String lineId) {
    return p.getLigne().stream()
        .filter(l -> l.getIdLigne().equals(lineId))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line " + lineId + " on " + p.getNumero()));
  }

  public static Execution execution(String number) {
    return new Execution(number);
  }

  /** Builder of one transmettreExecutionEPrescription request. */
  public static final class Execution {
    private final TransmettreExecutionEPrescription request =
        new TransmettreExecutionEPrescription();

    private Execution(String number) {
      request.setIdExecution("EXE-" + UUID.randomUUID());
      request.setNumero(number);
      try {
        request.setDateExecution(
            DatatypeFactory.newInstance().newXMLGregorianCalendar(new GregorianCalendar()));
      } catch (javax.xml.datatype.DatatypeConfigurationException e) {
        throw new IllegalStateException(e);
      }
    }

    public Execution id(String id) {
      request.setIdExecution(id);
      return this;
    }

    public Execution deliver(String lineId, int quantity) {
      LigneExecutee l = new LigneExecutee();
      l.setIdLigne(lineId);
      l.setQuantite(quantity);
      request.getLigneExecutee().add(l);
      return this;
    }

    public Execution substitute(String lineId, int quantity, String cip13, String label) {
      deliver(lineId, quantity);
      Produit p = new Produit();
      p.setCode(cip13);
      p.setSystemeCode("1.2.250.1.213.2.3.2");
      p.setLibelle(label);
      last().setProduitDelivre(p);
      return this;
    }

    public Execution notDelivered(String lineId, MotifNonDelivrance reason) {
      deliver(lineId, 0);
      last().setMotifNonDelivrance(reason);
      return this;
    }

    public Execution withReason(MotifNonDelivrance reason) {
      last().setMotifNonDelivrance(reason);
      return this;
    }

    public Execution handwritten(String label, int quantity) {
      MentionManuscrite m = new MentionManuscrite();
      Produit p = new Produit();
      p.setLibelle(label);
      m.setProduit(p);
      m.setQuantite(quantity);
      request.getMentionManuscrite().add(m);
      return this;
    }

    public TransmettreExecutionEPrescription request() {
      return request;
    }

    private LigneExecutee last() {
      List<LigneExecutee> lines = request.getLigneExecutee();
      return lines.get(lines.size() - 1);
    }
  }

  public TransmettreExecutionEPrescriptionReponse send(Execution e)
      throws ErreurEPrescription_Exception {
    return send(e, pharmacieDuMarche());
  }

  public TransmettreExecutionEPrescriptionReponse send(Execution e, ContexteLPS context)
      throws ErreurEPrescription_Exception {
    return port().transmettreExecutionEPrescription(e.request(), context);
  }

  /** The fault the call must end with. */
  public static ErreurEPrescription faultOf(SoapCall call) {
    try {
      call.run();
    } catch (ErreurEPrescription_Exception e) {
      assertThat(e.getFaultInfo()).as("fault detail").isNotNull();
      return e.getFaultInfo();
    }
    throw new AssertionError("expected an erreurEPrescription fault, the call succeeded");
  }

  @FunctionalInterface
  public interface SoapCall {
    void run() throws ErreurEPrescription_Exception;
  }

  // ------------------------------------------------------------ admin API helpers

  public HttpResponse<String> get(String path) {
    return call(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET().build());
  }

  public HttpResponse<byte[]> getBytes(String path) {
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create(baseUrl + path)).GET().build(),
          HttpResponse.BodyHandlers.ofByteArray());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpResponse<String> post(String path, String json) {
    return call(
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  private HttpResponse<String> call(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static JsonStructure json(HttpResponse<String> response) {
    try (var reader = Json.createReader(new StringReader(response.body()))) {
      return reader.read();
    }
  }

  /** Creates a prescription through the admin API and returns its number. */
  public String createPrescription(String json) {
    HttpResponse<String> r = post("/sandbox/prescriptions", json);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return ((JsonObject) json(r)).getString("number");
  }

  public List<String> numbers() {
    List<String> numbers = new ArrayList<>();
    json(get("/sandbox/prescriptions"))
        .asJsonArray()
        .forEach(v -> numbers.add(v.asJsonObject().getString("number")));
    return numbers;
  }
}
