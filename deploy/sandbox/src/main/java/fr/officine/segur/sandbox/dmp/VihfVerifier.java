package fr.officine.segur.sandbox.dmp;

import fr.officine.segur.sandbox.pki.SealCertificates;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.xml.crypto.MarshalException;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureException;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMValidateContext;
import org.w3c.dom.Element;

/**
 * Checks the VIHF of a request (DOMAIN-FACTS §2.3): one SAML 2.0 assertion in wsse:Security, signed
 * (enveloped XML-DSig over the assertion, the X.509 certificate in KeyInfo), carrying the mandatory
 * attributes with valid values.
 *
 * <p>Trust, as the real DMP: the signing certificate must be a structure's signing certificate
 * ("cachet") issued under the test PKI's root, valid and not revoked ({@link SealCertificates}; the
 * authentication certificate is refused here), and the structure it names (OU = Struct_IdNat) must
 * be {@code Identifiant_Structure}, as must the structure of the TLS client certificate that
 * carried the request (over the plain HTTP listener, which the real DMP does not have, there is
 * none to compare).
 */
public final class VihfVerifier {
  static final String ATTR_VERSION = "VIHF_Version";
  static final String ATTR_AUTH_MODE = "Authentification_Mode";
  static final String ATTR_STRUCTURE = "Identifiant_Structure";
  static final String ATTR_SECTOR = "Secteur_Activite";
  static final String ATTR_SUBJECT_ID = "urn:oasis:names:tc:xspa:1.0:subject:subject-id";
  static final String ATTR_ROLE = "urn:oasis:names:tc:xacml:2.0:subject:role";
  static final String ATTR_RESOURCE_ID = "urn:oasis:names:tc:xacml:2.0:resource:resource-id";
  static final String ATTR_RESOURCE_URN = "Ressource_URN";
  static final String ATTR_PURPOSE = "urn:oasis:names:tc:xspa:1.0:subject:purposeofuse";
  static final String ATTR_LPS_NAME = "LPS_Nom";
  static final String ATTR_HOMOLOGATION = "LPS_ID_HOMOLOGATION_DMP";

  static final String PROFESSION_OID = "1.2.250.1.71.1.2.7";
  static final String PHARMACIEN = "21";
  static final String SOUS_SECTION_OID = "1.2.250.1.71.4.2.6";
  static final String PURPOSE_OID = "1.2.250.1.213.1.1.4.248";
  static final String OFFICINE_SECTOR = "SA33^1.2.250.1.71.4.2.4";

  static final String SMARTCARD = "urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI";

  private static final Set<String> VERSIONS = Set.of("3.0", "4.0");
  private static final Set<String> AUTH_MODES =
      Set.of("DIRECTE", "INDIRECTE", "INDIRECTE_RENFORCEE");
  private static final Set<String> PURPOSES = Set.of("normal", "bris_de_glace", "centre_15");
  private static final Duration SKEW = Duration.ofMinutes(5);

  private final Clock clock;
  private final SealCertificates seals;

  public VihfVerifier(Clock clock, SealCertificates seals) {
    this.clock = clock;
    this.seals = seals;
  }

  /**
   * @param envelope the SOAP envelope, parsed on its own (plain DOM: the signature is checked on
   *     the bytes received, not on a SOAP stack's object model)
   * @param tlsClient the certificate that opened the TLS session, when the request came over TLS
   */
  public Vihf verify(Element envelope, Optional<X509Certificate> tlsClient) {
    Element header =
        Xml.child(envelope, Xml.SOAP12, "Header")
            .orElseThrow(
                () -> absent("Aucun en-tête SOAP : le VIHF est attendu dans wsse:Security."));
    List<Element> securities = Xml.children(header, Xml.WSSE, "Security");
    if (securities.size() != 1) {
      throw absent("Un et un seul en-tête wsse:Security portant le VIHF est attendu.");
    }
    List<Element> assertions = Xml.children(securities.get(0), Xml.SAML2, "Assertion");
    if (assertions.size() != 1) {
      throw absent("wsse:Security doit contenir une et une seule assertion SAML 2.0 (VIHF).");
    }
    Element assertion = assertions.get(0);
    if (!"2.0".equals(assertion.getAttribute("Version"))) {
      throw SecurityFault.vihf("VIHF_INVALIDE", "Assertion SAML : Version=\"2.0\" attendu.");
    }
    String id =
        Xml.attr(assertion, "ID")
            .orElseThrow(
                () -> SecurityFault.vihf("VIHF_INVALIDE", "Assertion SAML sans attribut ID."));
    if (Xml.attr(assertion, "IssueInstant").isEmpty()) {
      throw SecurityFault.vihf("VIHF_INVALIDE", "Assertion SAML sans IssueInstant.");
    }
    Xml.child(assertion, Xml.SAML2, "Issuer")
        .filter(i -> !Xml.text(i).isEmpty())
        .orElseThrow(() -> SecurityFault.vihf("VIHF_INVALIDE", "Assertion SAML sans Issuer."));
    X509Certificate signer = verifySignature(assertion, id);
    checkConditions(assertion);

    String psId =
        Xml.path(assertion, Xml.SAML2, "Subject", "NameID")
            .map(Xml::text)
            .filter(s -> !s.isEmpty())
            .orElseThrow(() -> missing("Subject/NameID (identifiant du professionnel)"));
    Optional<String> rpps =
        psId.length() == 12 && psId.startsWith("8") && psId.chars().allMatch(Character::isDigit)
            ? Optional.of(psId.substring(1))
            : Optional.empty();
    String classRef =
        Xml.path(assertion, Xml.SAML2, "AuthnStatement", "AuthnContext", "AuthnContextClassRef")
            .map(Xml::text)
            .filter(s -> !s.isEmpty())
            .orElseThrow(() -> missing("AuthnStatement/AuthnContext/AuthnContextClassRef"));

    Map<String, List<Element>> attributes = attributes(assertion);
    String version = single(attributes, ATTR_VERSION);
    if (!VERSIONS.contains(version)) {
      throw invalid(ATTR_VERSION, "3.0 ou 4.0 attendu, reçu " + version);
    }
    String mode = single(attributes, ATTR_AUTH_MODE);
    if (!AUTH_MODES.contains(mode)) {
      throw invalid(ATTR_AUTH_MODE, "DIRECTE, INDIRECTE ou INDIRECTE_RENFORCEE attendu");
    }
    // Sandbox rule (DOMAIN-FACTS §2.3): DIRECTE means the professional proved who they are with a
    // CPS card; a VIHF claiming it with another authentication class contradicts itself.
    if ("DIRECTE".equals(mode) && !SMARTCARD.equals(classRef)) {
      throw invalid(
          ATTR_AUTH_MODE,
          "DIRECTE suppose une authentification par carte CPS (AuthnContextClassRef "
              + SMARTCARD
              + ")");
    }
    String structure = single(attributes, ATTR_STRUCTURE);
    // one structure: the one that signs (cachet), the one that authenticated (TLS), the one named
    String signerStructure = SealCertificates.structureId(signer).orElse("");
    if (!structure.equals(signerStructure)) {
      throw invalid(
          ATTR_STRUCTURE,
          structure
              + " n'est pas la structure du certificat de cachet signataire ("
              + signerStructure
              + ")");
    }
    if (tlsClient.isPresent()) {
      String tlsStructure = SealCertificates.structureId(tlsClient.get()).orElse("");
      if (!structure.equals(tlsStructure)) {
        throw invalid(
            ATTR_STRUCTURE,
            structure
                + " n'est pas la structure du certificat d'authentification TLS ("
                + tlsStructure
                + ")");
      }
    }
    String sector = single(attributes, ATTR_SECTOR);
    if (!OFFICINE_SECTOR.equals(sector)) {
      throw invalid(
          ATTR_SECTOR, OFFICINE_SECTOR + " (pharmacie d'officine) attendu, reçu " + sector);
    }
    String subjectName = single(attributes, ATTR_SUBJECT_ID);
    List<Element> roles = values(attributes, ATTR_ROLE);
    Element profession = coded(roles.get(0), ATTR_ROLE);
    if (!PROFESSION_OID.equals(profession.getAttribute("codeSystem"))) {
      throw invalid(ATTR_ROLE, "profession attendue dans le codeSystem " + PROFESSION_OID);
    }
    String professionCode = profession.getAttribute("code");
    Optional<String> sousSection = Optional.empty();
    if (PHARMACIEN.equals(professionCode)) {
      // The CNOP sous-section is mandatory for pharmacists (second AttributeValue).
      if (roles.size() < 2) {
        throw invalid(
            ATTR_ROLE,
            "sous-section CNOP (" + SOUS_SECTION_OID + ") obligatoire pour un pharmacien");
      }
      Element section = coded(roles.get(1), ATTR_ROLE);
      if (!SOUS_SECTION_OID.equals(section.getAttribute("codeSystem"))) {
        throw invalid(
            ATTR_ROLE, "sous-section CNOP attendue dans le codeSystem " + SOUS_SECTION_OID);
      }
      sousSection = Optional.of(section.getAttribute("code"));
    }
    String resourceId = single(attributes, ATTR_RESOURCE_ID);
    InsId ins =
        InsId.parseCx(resourceId)
            .orElseThrow(
                () ->
                    invalid(
                        ATTR_RESOURCE_ID,
                        "INS du patient attendu au format <INS>^^^&<OID INS>&ISO^NH"));
    String urn = single(attributes, ATTR_RESOURCE_URN);
    if (!"urn:dmp".equals(urn)) {
      throw invalid(ATTR_RESOURCE_URN, "urn:dmp attendu");
    }
    Element purpose = coded(values(attributes, ATTR_PURPOSE).get(0), ATTR_PURPOSE);
    if (!PURPOSE_OID.equals(purpose.getAttribute("codeSystem"))
        || !PURPOSES.contains(purpose.getAttribute("code"))) {
      throw invalid(
          ATTR_PURPOSE,
          "normal, bris_de_glace ou centre_15 du codeSystem " + PURPOSE_OID + " attendu");
    }
    String lpsName = single(attributes, ATTR_LPS_NAME);
    String homologation = single(attributes, ATTR_HOMOLOGATION);
    return new Vihf(
        version,
        mode,
        classRef,
        structure,
        sector,
        subjectName,
        psId,
        rpps,
        professionCode,
        sousSection,
        resourceId,
        ins.ins(),
        ins.oid(),
        purpose.getAttribute("code"),
        lpsName,
        homologation,
        signer.getSubjectX500Principal().getName());
  }

  private X509Certificate verifySignature(Element assertion, String id) {
    List<Element> signatures = Xml.children(assertion, Xml.DSIG, "Signature");
    if (signatures.size() != 1) {
      throw SecurityFault.vihf(
          "VIHF_NON_SIGNE", "L'assertion VIHF doit porter une signature XML-DSig enveloppée.");
    }
    // The ID attribute is what the Reference points to; declare it so the dereferencer finds it.
    assertion.setIdAttributeNS(null, "ID", true);
    KeyInfoCertificate selector = new KeyInfoCertificate();
    DOMValidateContext context = new DOMValidateContext(selector, signatures.get(0));
    context.setProperty("org.jcp.xml.dsig.secureValidation", Boolean.TRUE);
    XMLSignatureFactory factory = XMLSignatureFactory.getInstance("DOM");
    try {
      XMLSignature signature = factory.unmarshalXMLSignature(context);
      List<?> references = signature.getSignedInfo().getReferences();
      // One reference, to this very assertion: a signature over something else proves nothing.
      if (references.size() != 1 || !("#" + id).equals(((Reference) references.get(0)).getURI())) {
        throw failed(
            "La signature du VIHF doit référencer l'assertion elle-même (URI=\"#" + id + "\").");
      }
      boolean enveloped =
          ((Reference) references.get(0))
              .getTransforms().stream()
                  .anyMatch(t -> Transform.ENVELOPED.equals(((Transform) t).getAlgorithm()));
      if (!enveloped) {
        throw failed(
            "La signature du VIHF doit être enveloppée (transformation enveloped-signature).");
      }
      String c14n = signature.getSignedInfo().getCanonicalizationMethod().getAlgorithm();
      if (!CanonicalizationMethod.EXCLUSIVE.equals(c14n)
          && !CanonicalizationMethod.EXCLUSIVE_WITH_COMMENTS.equals(c14n)) {
        throw failed("Canonicalisation exclusive (exc-c14n) attendue pour le VIHF.");
      }
      if (!signature.validate(context)) {
        throw failed(
            "La signature du VIHF ne se vérifie pas (assertion modifiée ou mauvaise clé).");
      }
    } catch (MarshalException | XMLSignatureException e) {
      throw failed("Signature du VIHF illisible : " + e.getMessage());
    }
    X509Certificate certificate =
        selector.certificate().orElseThrow(() -> failed("Aucun certificat"));
    seals
        .refusal(List.of(certificate))
        .ifPresent(
            why -> {
              throw new SecurityFault(
                  Xml.WSSE,
                  "FailedCheck",
                  "VIHF_CERTIFICAT_INVALIDE",
                  "Le VIHF doit être signé avec le certificat de cachet de la structure : "
                      + why
                      + ".");
            });
    return certificate;
  }

  private void checkConditions(Element assertion) {
    Optional<Element> conditions = Xml.child(assertion, Xml.SAML2, "Conditions");
    if (conditions.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    try {
      Optional<String> notBefore = Xml.attr(conditions.get(), "NotBefore");
      if (notBefore.isPresent() && now.plus(SKEW).isBefore(Instant.parse(notBefore.get()))) {
        throw SecurityFault.vihf("VIHF_EXPIRE", "VIHF pas encore valide (Conditions/@NotBefore).");
      }
      Optional<String> notOnOrAfter = Xml.attr(conditions.get(), "NotOnOrAfter");
      if (notOnOrAfter.isPresent()
          && !now.minus(SKEW).isBefore(Instant.parse(notOnOrAfter.get()))) {
        throw SecurityFault.vihf("VIHF_EXPIRE", "VIHF expiré (Conditions/@NotOnOrAfter).");
      }
    } catch (DateTimeParseException e) {
      throw SecurityFault.vihf(
          "VIHF_INVALIDE", "Conditions : dates au format xs:dateTime UTC attendues.");
    }
  }

  private static Map<String, List<Element>> attributes(Element assertion) {
    Map<String, List<Element>> out = new HashMap<>();
    for (Element statement : Xml.children(assertion, Xml.SAML2, "AttributeStatement")) {
      for (Element attribute : Xml.children(statement, Xml.SAML2, "Attribute")) {
        out.computeIfAbsent(attribute.getAttribute("Name"), k -> new java.util.ArrayList<>())
            .addAll(Xml.children(attribute, Xml.SAML2, "AttributeValue"));
      }
    }
    return out;
  }

  private static List<Element> values(Map<String, List<Element>> attributes, String name) {
    List<Element> values = attributes.getOrDefault(name, List.of());
    if (values.isEmpty()) {
      throw missing("attribut " + name);
    }
    return values;
  }

  private static String single(Map<String, List<Element>> attributes, String name) {
    String value = Xml.text(values(attributes, name).get(0));
    if (value.isEmpty()) {
      throw missing("attribut " + name);
    }
    return value;
  }

  /**
   * An hl7 CE inside an AttributeValue (Role, PurposeOfUse): an element with code and codeSystem.
   */
  private static Element coded(Element value, String name) {
    return Xml.children(value).stream()
        .filter(e -> !e.getAttribute("code").isBlank() && !e.getAttribute("codeSystem").isBlank())
        .findFirst()
        .orElseThrow(() -> invalid(name, "un élément codé hl7 (code, codeSystem) attendu"));
  }

  private static SecurityFault absent(String message) {
    return new SecurityFault(Xml.WSSE, "InvalidSecurity", "VIHF_ABSENT", message);
  }

  private static SecurityFault missing(String what) {
    return SecurityFault.vihf("VIHF_ATTRIBUT_MANQUANT", "VIHF incomplet : " + what + " manquant.");
  }

  private static SecurityFault invalid(String name, String why) {
    return SecurityFault.vihf(
        "VIHF_ATTRIBUT_INVALIDE", "VIHF : attribut " + name + " invalide : " + why + ".");
  }

  private static SecurityFault failed(String message) {
    return new SecurityFault(Xml.WSSE, "FailedCheck", "VIHF_SIGNATURE_INVALIDE", message);
  }
}
