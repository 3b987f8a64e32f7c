package fr.officine.segur.dmp;

import static fr.officine.segur.dmp.DmpXml.SAML2;
import static fr.officine.segur.dmp.DmpXml.add;

import fr.officine.segur.dmp.document.DispensationDocumentData.Professional;
import fr.officine.segur.dmp.document.DispensationDocumentData.Role;
import fr.officine.segur.trust.AuthMode;
import fr.officine.segur.trust.PharmacyCredentials.Signing;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import javax.xml.crypto.MarshalException;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.SignedInfo;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignatureException;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMSignContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfoFactory;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import javax.xml.crypto.dsig.spec.ExcC14NParameterSpec;
import javax.xml.crypto.dsig.spec.TransformParameterSpec;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The VIHF (DOMAIN-FACTS §2.3): the SAML 2.0 assertion in wsse:Security that tells the DMP who acts
 * (the pharmacist, by RPPS, with profession 21 and CNOP sous-section), for which structure (the
 * pharmacy, "1" + FINESS, sector SA33), about which patient (INS), why (normal), from which
 * software; signed by the pharmacy's certificate (enveloped XML-DSig, exc-c14n, RSA-SHA256, the
 * certificate in KeyInfo). Authentification_Mode and AuthnContextClassRef say how the pharmacist
 * authenticated: DIRECTE + SmartcardPKI with a CPS card, INDIRECTE + unspecified when the
 * structure's certificate vouches for a user of the module (see {@link AuthMode}).
 *
 * <p>Built in two steps: {@link #append} adds the unsigned assertion to an envelope, {@link #sign}
 * signs it in the envelope re-parsed from its bytes, so that what is digested is exactly what the
 * wire carries (namespace declarations included).
 */
public final class Vihf {
  static final String VERSION = "3.0";
  static final String SECTOR = "SA33^1.2.250.1.71.4.2.4";
  static final String PROFESSION_OID = "1.2.250.1.71.1.2.7";
  static final String PHARMACIEN = "21";
  static final String SOUS_SECTION_OID = "1.2.250.1.71.4.2.6";
  static final String PURPOSE_OID = "1.2.250.1.213.1.1.4.248";

  private final Software software;
  private final Clock clock;

  /** The software as the VIHF names it (LPS_Nom, LPS_Version, LPS_ID_HOMOLOGATION_DMP). */
  public record Software(String name, String version, String homologation) {}

  public Vihf(Software software, Clock clock) {
    this.software = software;
    this.clock = clock;
  }

  /** Adds wsse:Security with the unsigned assertion to {@code header}; returns the assertion. */
  public Element append(Element header, DmpActor actor, Signing signing) {
    Element security = add(header, DmpXml.WSSE, "wsse:Security");
    security.setAttributeNS(DmpXml.SOAP12, "soap:mustUnderstand", "true");
    Element a = add(security, SAML2, "saml2:Assertion");
    a.setAttributeNS(DmpXml.XMLNS, "xmlns:xsi", DmpXml.XSI);
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    a.setAttribute("ID", "_" + UUID.randomUUID());
    a.setAttribute("IssueInstant", now.toString());
    a.setAttribute("Version", "2.0");
    Element issuer =
        add(a, SAML2, "saml2:Issuer", signing.certificate().getSubjectX500Principal().getName());
    issuer.setAttribute("Format", "urn:oasis:names:tc:SAML:1.1:nameid-format:X509SubjectName");
    Professional ps = actor.professional();
    Element nameId =
        add(
            add(a, SAML2, "saml2:Subject"),
            SAML2,
            "saml2:NameID",
            "8" + ps.rpps().orElseThrow().value());
    nameId.setAttribute("Format", "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified");
    Element conditions = add(a, SAML2, "saml2:Conditions");
    conditions.setAttribute("NotBefore", now.minus(Duration.ofMinutes(1)).toString());
    conditions.setAttribute("NotOnOrAfter", now.plus(Duration.ofMinutes(30)).toString());
    Element authn = add(a, SAML2, "saml2:AuthnStatement");
    authn.setAttribute("AuthnInstant", now.toString());
    AuthMode mode = actor.authMode();
    add(
        add(authn, SAML2, "saml2:AuthnContext"),
        SAML2,
        "saml2:AuthnContextClassRef",
        mode.authnContextClassRef());
    Element statement = add(a, SAML2, "saml2:AttributeStatement");
    attribute(statement, "VIHF_Version", VERSION);
    attribute(statement, "Authentification_Mode", mode.name());
    attribute(statement, "Identifiant_Structure", "1" + actor.pharmacyFiness());
    attribute(statement, "Secteur_Activite", SECTOR);
    attribute(
        statement,
        "urn:oasis:names:tc:xspa:1.0:subject:subject-id",
        ps.familyName() + " " + ps.givenName());
    Element role = attribute(statement, "urn:oasis:names:tc:xacml:2.0:subject:role");
    coded(add(role, SAML2, "saml2:AttributeValue"), "Role", PHARMACIEN, PROFESSION_OID);
    // mandatory for pharmacists: the CNOP sous-section (TRE_G05: A titulaire d'officine, D adjoint)
    coded(
        add(role, SAML2, "saml2:AttributeValue"), "Role", sousSection(ps.role()), SOUS_SECTION_OID);
    attribute(
        statement,
        "urn:oasis:names:tc:xacml:2.0:resource:resource-id",
        actor.patient().number() + "^^^&" + actor.patient().oid() + "&ISO^NH");
    attribute(statement, "Ressource_URN", "urn:dmp");
    Element purpose = attribute(statement, "urn:oasis:names:tc:xspa:1.0:subject:purposeofuse");
    coded(add(purpose, SAML2, "saml2:AttributeValue"), "PurposeOfUse", "normal", PURPOSE_OID);
    attribute(statement, "LPS_Nom", software.name());
    attribute(statement, "LPS_Version", software.version());
    attribute(statement, "LPS_ID_HOMOLOGATION_DMP", software.homologation());
    return a;
  }

  /** Signs the (only) VIHF assertion of {@code wire}, the envelope parsed from its bytes. */
  public static void sign(Document wire, Signing signing) {
    Element assertion = DmpXml.descendants(wire.getDocumentElement(), SAML2, "Assertion").get(0);
    String id = assertion.getAttribute("ID");
    assertion.setIdAttributeNS(null, "ID", true);
    Element subject = DmpXml.child(assertion, SAML2, "Subject").orElseThrow();
    try {
      XMLSignatureFactory f = XMLSignatureFactory.getInstance("DOM");
      Reference ref =
          f.newReference(
              "#" + id,
              f.newDigestMethod(DigestMethod.SHA256, null),
              List.of(
                  f.newTransform(Transform.ENVELOPED, (TransformParameterSpec) null),
                  f.newTransform(
                      CanonicalizationMethod.EXCLUSIVE,
                      new ExcC14NParameterSpec(List.of("ds", "saml2", "xsi")))),
              null,
              null);
      SignedInfo si =
          f.newSignedInfo(
              f.newCanonicalizationMethod(
                  CanonicalizationMethod.EXCLUSIVE, (C14NMethodParameterSpec) null),
              f.newSignatureMethod(SignatureMethod.RSA_SHA256, null),
              List.of(ref));
      KeyInfoFactory kif = f.getKeyInfoFactory();
      // SAML 2.0 core: the ds:Signature comes right after Issuer, i.e. before Subject
      DOMSignContext context = new DOMSignContext(signing.key(), assertion, subject);
      context.setDefaultNamespacePrefix("ds");
      f.newXMLSignature(
              si, kif.newKeyInfo(List.of(kif.newX509Data(List.of(signing.certificate())))))
          .sign(context);
    } catch (GeneralSecurityException | MarshalException | XMLSignatureException e) {
      throw new IllegalStateException("Cannot sign the VIHF", e);
    }
  }

  static String sousSection(Role role) {
    return switch (role) {
      case TITULAIRE -> "A";
      case ADJOINT -> "D";
      case PREPARATEUR -> throw new IllegalArgumentException("a préparateur does not call the DMP");
    };
  }

  private static Element attribute(Element statement, String name) {
    Element attribute = add(statement, SAML2, "saml2:Attribute");
    attribute.setAttribute("Name", name);
    return attribute;
  }

  private static Element attribute(Element statement, String name, String value) {
    Element attribute = attribute(statement, name);
    add(attribute, SAML2, "saml2:AttributeValue", value);
    return attribute;
  }

  private static void coded(Element value, String name, String code, String codeSystem) {
    Element c = add(value, DmpXml.HL7, name);
    c.setAttributeNS(DmpXml.XSI, "xsi:type", "CE");
    c.setAttribute("code", code);
    c.setAttribute("codeSystem", codeSystem);
  }
}
