package fr.officine.segur.sandbox.insi;

import fr.officine.segur.sandbox.faults.FaultMode;
import fr.officine.segur.sandbox.faults.FaultModes;
import fr.officine.segur.sandbox.faults.SandboxService;
import fr.officine.segur.sandbox.insi.soap.Erreur;
import fr.officine.segur.sandbox.insi.soap.ICIRService;
import fr.officine.segur.sandbox.insi.soap.ctxbam.ContexteBAM;
import fr.officine.segur.sandbox.insi.soap.ctxlps.ContexteLPS;
import fr.officine.segur.sandbox.insi.soap.recsans.TraitsDIdentite;
import fr.officine.segur.sandbox.insi.soap.recvitale.Beneficiaire;
import fr.officine.segur.sandbox.insi.soap.resultat.CompteRendu;
import fr.officine.segur.sandbox.insi.soap.resultat.IdentifiantNationalSante;
import fr.officine.segur.sandbox.insi.soap.resultat.Individu;
import fr.officine.segur.sandbox.insi.soap.resultat.Matricule;
import fr.officine.segur.sandbox.insi.soap.resultat.Resultat;
import fr.officine.segur.sandbox.insi.soap.wsa.AttributedURIType;
import fr.officine.segur.sandbox.insi.soap.wsse.TypeSecurity;
import fr.officine.segur.sandbox.pki.TlsPeers;
import jakarta.annotation.Resource;
import jakarta.jws.WebService;
import jakarta.xml.ws.BindingType;
import jakarta.xml.ws.WebServiceContext;
import jakarta.xml.ws.soap.SOAPBinding;
import java.security.cert.X509Certificate;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * The sandbox INSi (CNAM ServiceIdentiteCertifiee, ICIR 1.5.0), WSDL-first: it implements the SEI
 * generated from the public WSDL the module's client is generated from. Every call is checked like
 * the real service checks it (context headers, software authorisation number, certificate where one
 * is visible) before the register is searched.
 */
@WebService(
    endpointInterface = "fr.officine.segur.sandbox.insi.soap.ICIRService",
    wsdlLocation = "/wsdl/insi/DESIR_ICIR_EXP_1.5.0.wsdl",
    serviceName = "ICIR-v1",
    portName = "ICIRService",
    targetNamespace = "http://www.cnamts.fr/webservice")
@BindingType(SOAPBinding.SOAP12HTTP_BINDING)
public class InsiEndpoint implements ICIRService {
  static final String OK = "00";
  static final String NONE = "01";
  static final String SEVERAL = "02";

  private final InsiRegistry registry;
  private final FaultModes faults;

  /** Injected by Metro per call: gives the HTTP exchange, hence the TLS client certificate. */
  @Resource private WebServiceContext context;

  public InsiEndpoint(InsiRegistry registry, FaultModes faults) {
    this.registry = registry;
    this.faults = faults;
  }

  @Override
  public Resultat rechercherInsAvecTraitsIdentite(
      TraitsDIdentite traits,
      TypeSecurity security,
      ContexteLPS lps,
      AttributedURIType messageId,
      ContexteBAM bam)
      throws Erreur {
    String id = messageId == null ? null : messageId.getValue();
    checkCall(lps, bam, id);
    if (traits == null
        || blank(traits.getNomNaissance())
        || blank(traits.getSexe())
        || blank(traits.getDateNaissance())) {
      throw SiramFault.invalidRequest("NomNaissance, Sexe et DateNaissance sont obligatoires.")
          .toException(id);
    }
    LocalDate birthDate = date(traits.getDateNaissance(), id);
    List<InsiIdentity> found =
        registry.byTraits(
            new InsiRegistry.Traits(
                traits.getNomNaissance(),
                traits.getPrenom().stream().filter(p -> !blank(p)).map(String::strip).toList(),
                traits.getSexe(),
                birthDate,
                Optional.ofNullable(traits.getLieuNaissance()).filter(p -> !blank(p))));
    return result(found);
  }

  @Override
  public Resultat rechercherInsAvecCarteVitale(
      Beneficiaire beneficiaire,
      TypeSecurity security,
      ContexteLPS lps,
      AttributedURIType messageId,
      ContexteBAM bam)
      throws Erreur {
    String id = messageId == null ? null : messageId.getValue();
    checkCall(lps, bam, id);
    if (beneficiaire == null
        || beneficiaire.getMatriculeIndividu() == null
        || blank(beneficiaire.getMatriculeIndividu().getNumIdentifiant())) {
      throw SiramFault.invalidRequest("MatriculeIndividu/NumIdentifiant est obligatoire.")
          .toException(id);
    }
    Optional<LocalDate> birthDate =
        blank(beneficiaire.getDateNaissance())
            ? Optional.empty()
            : Optional.of(date(beneficiaire.getDateNaissance(), id));
    return result(
        registry.byCarteVitale(beneficiaire.getMatriculeIndividu().getNumIdentifiant(), birthDate));
  }

  /** Fault mode, certificate, context headers, IDAM: in the order a gateway would check them. */
  private void checkCall(ContexteLPS lps, ContexteBAM bam, String messageId) {
    if (faults.of(SandboxService.INSI).mode() == FaultMode.Mode.ERROR) {
      throw SiramFault.unavailable().toException(messageId);
    }
    CertificateRule.check(clientCertificate())
        .ifPresent(
            f -> {
              throw f.toException(messageId);
            });
    if (lps == null) {
      throw SiramFault.invalidContext("En-tête ContexteLPS absent.").toException(messageId);
    }
    if (!"CTXLPS".equals(lps.getNature()) || !"01_00".equals(lps.getVersion())) {
      throw SiramFault.invalidContext("ContexteLPS : Nature CTXLPS et Version 01_00 attendues.")
          .toException(messageId);
    }
    if (blank(lps.getId()) || lps.getTemps() == null) {
      throw SiramFault.invalidContext("ContexteLPS : Id et Temps sont obligatoires.")
          .toException(messageId);
    }
    if (bam == null || !"01_02".equals(bam.getVersion())) {
      throw SiramFault.invalidContext("En-tête ContexteBAM (Version 01_02) absent.")
          .toException(messageId);
    }
    String idam =
        lps.getLPS() == null || lps.getLPS().getIDAM() == null
            ? null
            : lps.getLPS().getIDAM().getValue();
    if (!InsiSeeds.ACCEPTED_IDAM.equals(idam == null ? null : idam.strip())) {
      throw SiramFault.unknownIdam().toException(messageId);
    }
  }

  private Optional<X509Certificate> clientCertificate() {
    return TlsPeers.clientCertificate(context);
  }

  private static Resultat result(List<InsiIdentity> found) {
    Resultat out = new Resultat();
    CompteRendu cr = new CompteRendu();
    out.setCR(cr);
    if (found.isEmpty()) {
      cr.setCodeCR(NONE);
      cr.setLibelleCR("Aucune identite trouvee");
      return out;
    }
    if (found.size() > 1) {
      cr.setCodeCR(SEVERAL);
      cr.setLibelleCR("Plusieurs identites trouvees");
      return out;
    }
    cr.setCodeCR(OK);
    cr.setLibelleCR("OK");
    InsiIdentity identity = found.get(0);
    Individu individu = new Individu();
    individu.setINSACTIF(ins(identity.active()));
    identity.history().forEach(h -> individu.getINSHISTO().add(ins(h)));
    var tiq = new fr.officine.segur.sandbox.insi.soap.resultat.TraitsDIdentite();
    tiq.setNomNaissance(identity.birthName());
    tiq.setListePrenom(identity.firstNameList());
    tiq.setSexe(identity.sex());
    tiq.setDateNaissance(identity.birthDate().toString());
    tiq.setLieuNaissance(identity.birthPlace());
    individu.setTIQ(tiq);
    out.setINDIVIDU(individu);
    return out;
  }

  private static IdentifiantNationalSante ins(InsiIdentity.InsNumber number) {
    Matricule m = new Matricule();
    m.setNumIdentifiant(number.matricule());
    m.setCle(number.key());
    IdentifiantNationalSante ins = new IdentifiantNationalSante();
    ins.setIdIndividu(m);
    ins.setOID(number.oid());
    return ins;
  }

  private static LocalDate date(String text, String messageId) {
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw SiramFault.invalidRequest("DateNaissance attendue au format AAAA-MM-JJ.")
          .toException(messageId);
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
