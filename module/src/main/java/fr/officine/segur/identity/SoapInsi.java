package fr.officine.segur.identity;

import com.sun.xml.ws.api.message.Headers;
import com.sun.xml.ws.developer.WSBindingProvider;
import fr.officine.segur.api.id.Ins;
import fr.officine.segur.api.problem.ProblemType;
import fr.officine.segur.identity.insi.soap.Erreur;
import fr.officine.segur.identity.insi.soap.ICIRService;
import fr.officine.segur.identity.insi.soap.ICIRV1;
import fr.officine.segur.identity.insi.soap.ctxbam.ContexteBAM;
import fr.officine.segur.identity.insi.soap.ctxbam.Couverture;
import fr.officine.segur.identity.insi.soap.ctxlps.ContexteLPS;
import fr.officine.segur.identity.insi.soap.ctxlps.IdentiteStringRef;
import fr.officine.segur.identity.insi.soap.ctxlps.LOGICIEL;
import fr.officine.segur.identity.insi.soap.recsans.TraitsDIdentite;
import fr.officine.segur.identity.insi.soap.recvitale.Beneficiaire;
import fr.officine.segur.identity.insi.soap.resultat.IdentifiantNationalSante;
import fr.officine.segur.identity.insi.soap.resultat.Resultat;
import fr.officine.segur.identity.insi.soap.siram.TypeErreur;
import fr.officine.segur.identity.insi.soap.wsa.AttributedURIType;
import fr.officine.segur.problem.ProblemException;
import fr.officine.segur.trust.CallerContext;
import fr.officine.segur.trust.tls.NationalServiceTls;
import fr.officine.segur.trust.tls.SoapPorts;
import fr.officine.segur.trust.tls.WarmsUp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.xml.ws.WebServiceException;
import jakarta.xml.ws.soap.SOAPFaultException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;
import javax.xml.namespace.QName;
import org.eclipse.microprofile.config.Config;

/**
 * INSi over SOAP 1.2 (JAX-WS client generated from the public ICIR 1.5.0 WSDL). Every call carries
 * the headers the CNAM requires (DOMAIN-FACTS §3.3): ContexteLPS (Nature CTXLPS, Version 01_00, a
 * fresh Id, Temps, Emetteur = the pharmacy's FINESS, LPS IDAM R="4"/Version/Instance/Nom),
 * ContexteBAM (Version 01_02, empty COUVERTURE: no carte Vitale read), wsa:MessageID {@code uuid:…}
 * and wsa:Action. Each call goes out as the caller's pharmacy (its certificate over https, see
 * SoapPorts).
 */
@ApplicationScoped
public class SoapInsi implements InsiService, WarmsUp {
  static final String ACTION_TRAITS =
      "urn:ServiceIdentiteCertifiee:1.0.0:rechercherInsAvecTraitsIdentite";
  static final String ACTION_VITALE =
      "urn:ServiceIdentiteCertifiee:1.0.0:rechercherInsAvecCarteVitale";
  private static final String WSA = "http://www.w3.org/2005/08/addressing";
  private static final Logger LOG = Logger.getLogger(SoapInsi.class.getName());

  private SoapPorts<ICIRV1, ICIRService> ports;
  private String idam;
  private String softwareName;
  private String softwareVersion;

  /** One installation instance of the software, as LPS/Instance: stable for the process. */
  private final String instance = UUID.randomUUID().toString();

  private DatatypeFactory datatypes;

  protected SoapInsi() {}

  @Inject
  public SoapInsi(Config config, NationalServiceTls tls) {
    this(InsiSettings.from(config), tls);
  }

  SoapInsi(InsiSettings settings, NationalServiceTls tls) {
    this.ports =
        new SoapPorts<>(
            ICIRV1::new,
            ICIRV1::getICIRService,
            settings.url(),
            settings.connectTimeout(),
            settings.readTimeout(),
            tls);
    this.idam = settings.idam();
    this.softwareName = settings.softwareName();
    this.softwareVersion = settings.softwareVersion();
  }

  /** Also used by tests outside a container, against a real endpoint on a real port. */
  public static SoapInsi at(String endpoint, int connectTimeoutMs, int readTimeoutMs, String idam) {
    return new SoapInsi(
        new InsiSettings(
            endpoint,
            Duration.ofMillis(connectTimeoutMs),
            Duration.ofMillis(readTimeoutMs),
            idam,
            "OFFICINE-SEGUR",
            "0.1.0"),
        NationalServiceTls.plainHttpOnly());
  }

  @Override
  public int warmUpRank() {
    return 3;
  }

  @Override
  public String serviceName() {
    return "Le téléservice INSi";
  }

  @Override
  public void warmUp(String finess) throws java.io.IOException {
    ports.warmUp(finess);
  }

  @Override
  public InsiAnswer searchByTraits(
      String birthName,
      String firstNames,
      String sex,
      LocalDate birthDate,
      Optional<String> birthPlace,
      CallerContext caller) {
    TraitsDIdentite body = new TraitsDIdentite();
    body.setNomNaissance(birthName);
    body.getPrenom().add(firstNames);
    body.setSexe(sex);
    body.setDateNaissance(birthDate.toString());
    birthPlace.ifPresent(body::setLieuNaissance);
    return call(
        ACTION_TRAITS,
        caller,
        (port, requestId, messageId) ->
            port.rechercherInsAvecTraitsIdentite(
                body, null, lps(requestId, caller), messageId, bam(requestId, caller)));
  }

  @Override
  public InsiAnswer searchByCarteVitale(CarteVitaleBeneficiary beneficiary, CallerContext caller) {
    Beneficiaire body = new Beneficiaire();
    body.setMatriculeIndividu(matricule(beneficiary.matricule(), beneficiary.key()));
    beneficiary
        .openerMatricule()
        .ifPresent(od -> body.setMatriculeOD(matricule(od, Optional.empty())));
    body.setNomNaissance(beneficiary.birthName());
    body.setDateNaissance(beneficiary.birthDate());
    body.setRangNaissance(beneficiary.rank());
    return call(
        ACTION_VITALE,
        caller,
        (port, requestId, messageId) ->
            port.rechercherInsAvecCarteVitale(
                body, null, lps(requestId, caller), messageId, bam(requestId, caller)));
  }

  private static fr.officine.segur.identity.insi.soap.recvitale.Matricule matricule(
      String number, Optional<String> key) {
    var m = new fr.officine.segur.identity.insi.soap.recvitale.Matricule();
    m.setNumIdentifiant(number);
    key.ifPresent(m::setCle);
    return m;
  }

  @FunctionalInterface
  private interface Call {
    Resultat on(ICIRService port, String requestId, AttributedURIType messageId) throws Erreur;
  }

  /** One INSi call: fresh ids, headers, and the translation of faults into problems. */
  private InsiAnswer call(String action, CallerContext caller, Call call) {
    String requestId = UUID.randomUUID().toString();
    AttributedURIType messageId = new AttributedURIType();
    messageId.setValue("uuid:" + requestId);
    try {
      return answer(
          ports.call(
              caller.pharmacyFiness(),
              port -> {
                // wsa:Action is not a part of the WSDL's messages but INSi expects it (padoa's
                // requests carry it); set at each call, the port being kept for the next
                ((WSBindingProvider) port)
                    .setOutboundHeaders(Headers.create(new QName(WSA, "Action"), action));
                return call.on(port, requestId, messageId);
              }));
    } catch (Erreur e) {
      throw refused(e.getFaultInfo(), e.getMessage(), e);
    } catch (SOAPFaultException e) {
      throw fromSoapFault(e);
    } catch (WebServiceException e) {
      var refusal = ports.tlsRefusal(e, caller.pharmacyFiness(), serviceName());
      if (refusal.isPresent()) {
        throw refusal.get();
      }
      LOG.info(() -> "INSi unreachable: " + e.getMessage());
      throw new ProblemException(
          ProblemType.INSI_UNAVAILABLE, ProblemType.INSI_UNAVAILABLE.title(), null, e);
    }
  }

  // ------------------------------------------------------------------ translation

  static InsiAnswer answer(Resultat result) {
    String code = result == null || result.getCR() == null ? null : result.getCR().getCodeCR();
    InsiAnswer.Code c =
        InsiAnswer.Code.fromWire(code)
            .orElseThrow(
                () ->
                    new ProblemException(
                        ProblemType.INSI_REFUSED, "Réponse INSi inattendue : code " + code + "."));
    if (c != InsiAnswer.Code.FOUND) {
      return InsiAnswer.of(c);
    }
    var individu = result.getINDIVIDU();
    if (individu == null || individu.getINSACTIF() == null || individu.getTIQ() == null) {
      throw new ProblemException(ProblemType.INSI_REFUSED, "Réponse INSi 00 sans identité.");
    }
    try {
      var tiq = individu.getTIQ();
      String list =
          tiq.getListePrenom() == null || tiq.getListePrenom().isBlank()
              ? tiq.getPrenom()
              : tiq.getListePrenom();
      return InsiAnswer.found(
          new RetrievedIdentity(
              ins(individu.getINSACTIF()),
              individu.getINSHISTO().stream().map(SoapInsi::ins).toList(),
              tiq.getNomNaissance(),
              list == null ? List.of() : Arrays.asList(list.strip().split("\\s+")),
              tiq.getSexe(),
              LocalDate.parse(tiq.getDateNaissance()),
              Optional.ofNullable(tiq.getLieuNaissance()).filter(p -> !p.isBlank())));
    } catch (RuntimeException e) {
      // InvalidIdentifierException (unknown OID, bad matricule), DateTimeParseException
      throw new ProblemException(
          ProblemType.INSI_REFUSED, "Réponse INSi 00 illisible : " + e.getMessage(), null, e);
    }
  }

  /** Key consistency deliberately not checked: INSi is the authority (see Ins.fromInsi). */
  private static Ins ins(IdentifiantNationalSante ins) {
    return Ins.fromInsi(
        ins.getIdIndividu().getNumIdentifiant(), ins.getIdIndividu().getCle(), ins.getOID());
  }

  /** A declared fault (siram:Erreur): INSi refused this request; its desir code goes to support. */
  static ProblemException refused(TypeErreur info, String message, Throwable cause) {
    String code = info == null || info.getCode() == null ? "?" : info.getCode();
    String text =
        info == null || info.getValue() == null || info.getValue().isBlank()
            ? message
            : info.getValue().strip();
    return new ProblemException(
        ProblemType.INSI_REFUSED, "INSi : " + text + " [" + code + "]", null, cause);
  }

  /**
   * A fault without siram:Erreur: a SOAP 1.2 Sender fault is a refusal of the request; Receiver
   * (the service's back end unavailable, siram_40) is "try again later".
   */
  static ProblemException fromSoapFault(SOAPFaultException e) {
    QName code = e.getFault() == null ? null : e.getFault().getFaultCodeAsQName();
    String subcodes = subcodes(e);
    if (code != null
        && ("Sender".equals(code.getLocalPart()) || "Client".equals(code.getLocalPart()))) {
      return new ProblemException(
          ProblemType.INSI_REFUSED,
          "INSi : " + e.getFault().getFaultString() + " [" + subcodes + "]",
          null,
          e);
    }
    LOG.info(() -> "INSi answered an unavailability fault " + subcodes);
    return new ProblemException(
        ProblemType.INSI_UNAVAILABLE, ProblemType.INSI_UNAVAILABLE.title(), null, e);
  }

  private static String subcodes(SOAPFaultException e) {
    StringBuilder out = new StringBuilder();
    if (e.getFault() == null) {
      return "";
    }
    try {
      var it = e.getFault().getFaultSubcodes();
      while (it.hasNext()) {
        out.append(out.length() == 0 ? "" : ",").append(it.next().getLocalPart());
      }
    } catch (UnsupportedOperationException soap11) {
      // SOAP 1.1 faults have no subcodes
    }
    return out.toString();
  }

  // ------------------------------------------------------------------ headers

  private ContexteLPS lps(String requestId, CallerContext caller) {
    ContexteLPS c = new ContexteLPS();
    c.setNature("CTXLPS");
    c.setVersion("01_00");
    c.setId(requestId);
    c.setTemps(now());
    c.setEmetteur(caller.pharmacyFiness());
    LOGICIEL lps = new LOGICIEL();
    IdentiteStringRef ref = new IdentiteStringRef();
    ref.setR("4");
    ref.setValue(idam);
    lps.setIDAM(ref);
    lps.setVersion(softwareVersion);
    lps.setInstance(instance);
    lps.setNom("urn:lps:" + softwareName + ":" + softwareVersion);
    c.setLPS(lps);
    return c;
  }

  private ContexteBAM bam(String requestId, CallerContext caller) {
    ContexteBAM b = new ContexteBAM();
    b.setVersion("01_02");
    b.setId(requestId);
    b.setTemps(now());
    b.setEmetteur(caller.pharmacyFiness());
    b.setCOUVERTURE(new Couverture());
    return b;
  }

  private XMLGregorianCalendar now() {
    return datatypes()
        .newXMLGregorianCalendar(GregorianCalendar.from(OffsetDateTime.now().toZonedDateTime()));
  }

  private synchronized DatatypeFactory datatypes() {
    if (datatypes == null) {
      try {
        datatypes = DatatypeFactory.newInstance();
      } catch (DatatypeConfigurationException e) {
        throw new IllegalStateException(e);
      }
    }
    return datatypes;
  }
}
